// Writing a meet's new log entries: through the store (fsync, group commit), tracked on the meet
// so later acks and pulls wait for them (a failed write stops the meet, since what is on disk is
// then unknown), and relaying them to the meet's connections in bounded pages.

import { CloseCode } from '../../protocol/close-codes.ts';
import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import type { LiveMeet, MeetConnection } from './live-meet.ts';
import { pageEntries } from './log-pages.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import type { StoredUpdate } from './store.ts';

export async function persist(
  runtime: OpenLifterRuntime,
  meet: LiveMeet,
  updates: readonly StoredUpdate[],
): Promise<void> {
  try {
    await meet.trackWrite(runtime.store.appendUpdates(meet.meetId, updates));
  } catch (error) {
    meet.failed = true;
    runtime.logger.error({ err: error, meet: meet.meetId }, 'meet log write failed; meet stopped');
    for (const connection of meet.connections) {
      connection.close(CloseCode.InternalError, 'meet storage failed');
    }
    throw error;
  }
}

/** The wire form of a log entry (without who sent it). */
export function relayed(update: StoredUpdate): RelayedUpdate {
  return {
    updateKey: update.updateKey,
    updateValue: update.updateValue,
    serverSeqNum: update.serverSeqNum,
    locationName: update.locationName,
  };
}

/** UPDATE_RELAY to the meet's connections (but `except`), in pages so no frame grows too big. */
export function publishRelays(
  runtime: OpenLifterRuntime,
  meet: LiveMeet,
  updates: readonly RelayedUpdate[],
  except: MeetConnection | undefined,
): void {
  for (const page of pageEntries(updates)) {
    runtime.pubsub.publish(
      meet.topic,
      JSON.stringify({ msgType: 'UPDATE_RELAY', updatesRelayed: page }),
      { except, app: 'openlifter' },
    );
  }
}
