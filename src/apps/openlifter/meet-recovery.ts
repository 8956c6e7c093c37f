// Server-lost-state recovery (spec "Resync and recovery"): when a client knows a later server
// sequence number than the meet's log holds, the server asks the connected updating clients for
// their canonical logs in descending priority order, appends what continues its log, relays the
// rebuilt part to everyone, and only then serves the requests that arrived meanwhile.

import { CloseCode } from '../../protocol/close-codes.ts';
import type { RecoveryUpdatesMessage, RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import { persist, publishRelays, relayed } from './durable-log.ts';
import { MAX_PARKED_REQUESTS, type LiveMeet, type MeetConnection } from './live-meet.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import type { StoredUpdate } from './store.ts';
import { resolveSession } from './meet-binding.ts';
import { send } from './wire.ts';

/**
 * Run `action` now, or park it behind a recovery in progress. Parked requests do not block the
 * connection (its own RECOVERY_UPDATES must get through), and run in arrival order afterwards.
 */
export function parkOrRun(
  runtime: OpenLifterRuntime,
  meet: LiveMeet,
  connection: MeetConnection,
  action: () => Promise<void>,
): Promise<void> | undefined {
  if (meet.failed) {
    connection.close(CloseCode.InternalError, 'meet storage failed');
    return undefined;
  }
  const recovery = meet.recovery;
  if (recovery === undefined) return action();
  if (recovery.parked.length >= MAX_PARKED_REQUESTS) {
    send(connection, { msgType: 'RATE_LIMITED', retryAfterMs: 1000 });
    return undefined;
  }
  recovery.parked.push(() => {
    if (!connection.isOpen) return Promise.resolve();
    return action();
  });
  return undefined;
}

/** Start recovering the meet unless it already is. */
export function startRecovery(runtime: OpenLifterRuntime, meet: LiveMeet): void {
  if (meet.recovery !== undefined) return;
  meet.recovery = { asked: undefined, answer: undefined, parked: [] };
  runtime.metrics.recoveries.inc();
  runtime.logger.warn(
    { meet: meet.meetId, head: meet.sequencer.head },
    'a client knows more than the meet log: recovering from clients',
  );
  recover(runtime, meet).catch((error: unknown) => {
    runtime.logger.error({ err: error, meet: meet.meetId }, 'meet recovery failed');
  });
}

export function handleRecoveryUpdates(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: RecoveryUpdatesMessage,
): void {
  const resolved = resolveSession(runtime, connection, message.sessionToken);
  const recovery = resolved?.meet.recovery;
  // Only the client asked last is listened to; an unsolicited log is ignored.
  if (recovery?.asked === connection) recovery.answer?.(message.updates);
}

async function recover(runtime: OpenLifterRuntime, meet: LiveMeet): Promise<void> {
  const recovery = meet.recovery;
  if (recovery === undefined) return;
  const recovered: StoredUpdate[] = [];
  try {
    for (const connection of candidatesByPriority(meet)) {
      const updates = await askForLog(runtime, meet, connection);
      if (updates === undefined || updates.length === 0) continue;
      recovered.push(...(await appendRecovered(runtime, meet, updates)));
    }
    runtime.logger.warn(
      { meet: meet.meetId, recovered: recovered.length, head: meet.sequencer.head },
      'meet recovery finished',
    );
    // A shared store's entries were relayed as each step committed (shared-meets.ts).
    if (recovered.length > 0 && runtime.shared === undefined) {
      publishRelays(runtime, meet, recovered.map(relayed), undefined);
    }
  } finally {
    // Requests that arrive while the parked ones run are parked too, so order is kept.
    for (let next = recovery.parked.shift(); next !== undefined; next = recovery.parked.shift()) {
      await next().catch((error: unknown) => {
        runtime.logger.error({ err: error, meet: meet.meetId }, 'parked request failed');
      });
    }
    meet.recovery = undefined;
  }
}

/**
 * What of a client's log continues the meet's, appended and durable. On a shared store, under
 * the meet's lock and after catching up, so entries other nodes appended meanwhile come first.
 */
async function appendRecovered(
  runtime: OpenLifterRuntime,
  meet: LiveMeet,
  updates: readonly RelayedUpdate[],
): Promise<readonly StoredUpdate[]> {
  if (runtime.shared !== undefined) {
    return runtime.shared.sequence(meet, undefined, () =>
      meet.finished ? [] : meet.sequencer.recover(updates),
    );
  }
  const appended = meet.sequencer.recover(updates);
  if (appended.length > 0) await persist(runtime, meet, appended);
  return appended;
}

/** Connected updating clients, highest location priority first. */
function candidatesByPriority(meet: LiveMeet): MeetConnection[] {
  const priority = (connection: MeetConnection): number => {
    const location = meet.updatingSessionOf(connection)?.locationName;
    return location === undefined
      ? Number.NEGATIVE_INFINITY
      : (meet.sequencer.priorityOf(location) ?? Number.NEGATIVE_INFINITY);
  };
  return [...meet.connections]
    .filter((connection) => meet.updatingSessionOf(connection) !== undefined)
    .sort((a, b) => priority(b) - priority(a));
}

/** RECOVERY_REQUEST to one client; its RECOVERY_UPDATES, or undefined on timeout or close. */
function askForLog(
  runtime: OpenLifterRuntime,
  meet: LiveMeet,
  connection: MeetConnection,
): Promise<readonly RelayedUpdate[] | undefined> {
  const recovery = meet.recovery;
  if (recovery === undefined || !connection.isOpen) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const finish = (updates: readonly RelayedUpdate[] | undefined): void => {
      clearTimeout(timer);
      connection.signal.removeEventListener('abort', onClose);
      recovery.asked = undefined;
      recovery.answer = undefined;
      resolve(updates);
    };
    const onClose = (): void => {
      finish(undefined);
    };
    const timer = setTimeout(onClose, runtime.config.recovery_timeout_ms);
    connection.signal.addEventListener('abort', onClose, { once: true });
    recovery.asked = connection;
    recovery.answer = (updates) => {
      finish(updates as readonly RelayedUpdate[]);
    };
    send(connection, { msgType: 'RECOVERY_REQUEST', lastServerSeq: meet.sequencer.head });
  });
}
