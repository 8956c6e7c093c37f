// Where a sync engine keeps its meet between page loads: the snapshot's shape, its JSON encoding
// (checked on the way back in), the interface a store implements, and the in-memory store.
// Browser and Node stores live in web-storage-persistence.ts and node/file-persistence.ts.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import { MemorySnapshot } from '../memory-snapshot.ts';
import { parseSnapshotEnvelope, type SnapshotCodec } from '../snapshot-codec.ts';
import type { SnapshotStore } from '../snapshot-store.ts';
import type { PendingUpdate } from './meet-replica.ts';

/** Bumped on any incompatible change; an unknown format is refused, never half-read. */
export const PERSISTED_MEET_FORMAT = 1;

/** Everything needed to resume: a reloaded page continues exactly where the last one stopped. */
export interface PersistedMeet {
  readonly format: typeof PERSISTED_MEET_FORMAT;
  readonly meetId: string;
  /** null once the server declared the session invalid: the user must join again. */
  readonly sessionToken: string | null;
  /** null for a display-only session. */
  readonly locationName: string | null;
  /** Above every local sequence number ever sent: reusing one would alias an old ack. */
  readonly nextLocalSeqNum: number;
  /** The canonical log as held (possibly with gaps), ascending. */
  readonly canonical: readonly RelayedUpdate[];
  /** Edits not yet acknowledged, ascending: re-sent on resume, deduplicated by the server. */
  readonly pending: readonly PendingUpdate[];
  /** The server lost state and the whole log must be pulled again before trusting it. */
  readonly needsFullPull: boolean;
}

/**
 * A store for one engine's snapshot (what `save` must guarantee: see SnapshotStore).
 * One store key must be used by one engine at a time (two tabs on one key would reuse each
 * other's local sequence numbers).
 */
export type MeetPersistence = SnapshotStore<PersistedMeet>;

export function encodeSnapshot(snapshot: PersistedMeet): string {
  return JSON.stringify(snapshot);
}

/** @throws TypeError when `text` is not a snapshot this version can resume from. */
export function decodeSnapshot(text: string): PersistedMeet {
  const value = parseSnapshotEnvelope(text, 'persisted meet', PERSISTED_MEET_FORMAT);
  const { meetId, sessionToken, locationName, nextLocalSeqNum, canonical, pending } = value;
  const needsFullPull = value.needsFullPull;
  if (
    typeof meetId !== 'string' ||
    !isStringOrNull(sessionToken) ||
    !isStringOrNull(locationName) ||
    !isSeq(nextLocalSeqNum) ||
    typeof needsFullPull !== 'boolean' ||
    !Array.isArray(canonical) ||
    !canonical.every(isRelayedUpdate) ||
    !Array.isArray(pending) ||
    !pending.every(isPendingUpdate)
  ) {
    throw new TypeError('persisted meet: malformed snapshot');
  }
  return {
    format: PERSISTED_MEET_FORMAT,
    meetId,
    sessionToken,
    locationName,
    nextLocalSeqNum,
    canonical,
    pending,
    needsFullPull,
  };
}

/** How the shared stores (memory-snapshot.ts, web-storage-snapshot.ts) encode a meet snapshot. */
export const MEET_SNAPSHOT_CODEC: SnapshotCodec<PersistedMeet> = {
  encode: encodeSnapshot,
  decode: decodeSnapshot,
};

/** Keeps the snapshot in memory, encoded as the other stores would (so it never aliases). */
export class MemoryPersistence extends MemorySnapshot<PersistedMeet> implements MeetPersistence {
  constructor() {
    super(MEET_SNAPSHOT_CODEC);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRelayedUpdate(value: unknown): value is RelayedUpdate {
  return (
    isRecord(value) &&
    typeof value.updateKey === 'string' &&
    Object.hasOwn(value, 'updateValue') &&
    isSeq(value.serverSeqNum) &&
    value.serverSeqNum > 0 &&
    typeof value.locationName === 'string'
  );
}

function isPendingUpdate(value: unknown): value is PendingUpdate {
  return (
    isRecord(value) &&
    typeof value.updateKey === 'string' &&
    Object.hasOwn(value, 'updateValue') &&
    isSeq(value.localSeqNum) &&
    isSeq(value.afterServerSeqNum)
  );
}
