// The frames a sync engine sends: UPDATE_INIT batches split to what the server accepts (the
// protocol's batch size, and a byte budget under its frame limit), RECOVERY_UPDATES cut to the
// same limit, and CLIENT_PULL. Pure; limits are repeated so a browser bundle does not load zod.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import { byteLength } from '../send-queue.ts';
import type { PendingUpdate } from './meet-replica.ts';

/** OPENLIFTER_LIMITS.maxUpdatesPerBatch (test/client/openlifter checks they agree). */
export const MAX_UPDATES_PER_BATCH = 1000;

/** Default byte budget of one UPDATE_INIT frame; the server's frame limit is 5 MiB. */
export const DEFAULT_MAX_BATCH_BYTES = 256 * 1024;

/** Budget of one RECOVERY_UPDATES frame: under the server's 5 MiB frame limit, with room. */
export const MAX_RECOVERY_BYTES = 4 * 1024 * 1024;

/** recoveryUpdatesSchema's cap on entries in one RECOVERY_UPDATES. */
export const MAX_RECOVERY_UPDATES = MAX_UPDATES_PER_BATCH * 100;

export interface UpdateBatch {
  /** The UPDATE_INIT frame, ready to send. */
  readonly frame: string;
  readonly updates: readonly PendingUpdate[];
}

/**
 * UPDATE_INIT frames for `updates`, in order. An edit larger than the budget on its own still
 * gets a frame of its own: the server, not the client, decides whether it is too large.
 */
export function updateBatches(
  sessionToken: string,
  updates: readonly PendingUpdate[],
  maxBatchBytes: number = DEFAULT_MAX_BATCH_BYTES,
): UpdateBatch[] {
  const head = `{"msgType":"UPDATE_INIT","sessionToken":${JSON.stringify(sessionToken)},"updates":[`;
  const batches: UpdateBatch[] = [];
  let parts: string[] = [];
  let members: PendingUpdate[] = [];
  let bytes = byteLength(head) + 2;
  for (const update of updates) {
    const { updateKey, updateValue, localSeqNum, afterServerSeqNum } = update;
    const part = JSON.stringify({ updateKey, updateValue, localSeqNum, afterServerSeqNum });
    const size = byteLength(part) + 1;
    const full =
      members.length === MAX_UPDATES_PER_BATCH ||
      (members.length > 0 && bytes + size > maxBatchBytes);
    if (full) {
      batches.push({ frame: `${head}${parts.join(',')}]}`, updates: members });
      parts = [];
      members = [];
      bytes = byteLength(head) + 2;
    }
    parts.push(part);
    members.push(update);
    bytes += size;
  }
  if (members.length > 0) batches.push({ frame: `${head}${parts.join(',')}]}`, updates: members });
  return batches;
}

/**
 * RECOVERY_UPDATES with `entries` (ascending), or as long a prefix of them as fits one frame.
 * `complete` is false when some were left out: the server appends only what continues its log,
 * so a prefix is useful, and the next pull (still ahead of the server) asks for the rest.
 */
export function recoveryFrame(
  sessionToken: string,
  lastServerSeq: number,
  entries: readonly RelayedUpdate[],
): { frame: string; complete: boolean } {
  const head = `{"msgType":"RECOVERY_UPDATES","sessionToken":${JSON.stringify(sessionToken)},"lastServerSeq":${lastServerSeq},"updates":[`;
  const parts: string[] = [];
  let bytes = byteLength(head) + 2;
  for (const { updateKey, updateValue, serverSeqNum, locationName } of entries) {
    const part = JSON.stringify({ updateKey, updateValue, serverSeqNum, locationName });
    const size = byteLength(part) + 1;
    if (parts.length === MAX_RECOVERY_UPDATES || bytes + size > MAX_RECOVERY_BYTES) break;
    parts.push(part);
    bytes += size;
  }
  return { frame: `${head}${parts.join(',')}]}`, complete: parts.length === entries.length };
}

export function pullFrame(sessionToken: string, lastServerSeq: number): string {
  return JSON.stringify({ msgType: 'CLIENT_PULL', sessionToken, lastServerSeq });
}
