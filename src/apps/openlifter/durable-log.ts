// Writing a meet's new log entries: through the store (fsync, group commit), tracked on the meet
// so later acks and pulls wait for them; a failed write stops the meet, since what is on disk is
// then unknown and nothing more may be acknowledged.

import { CloseCode } from '../../protocol/close-codes.ts';
import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import type { LiveMeet } from './live-meet.ts';
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
