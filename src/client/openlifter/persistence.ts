// Where a sync engine keeps its meet between page loads: the snapshot's shape, its JSON encoding
// (checked on the way back in), the interface a store implements, and the in-memory store.
// Browser and Node stores live in web-storage-persistence.ts and node/file-persistence.ts.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
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
 * A store for one engine's snapshot. `save` must capture the snapshot before it first awaits
 * (the engine keeps changing its objects afterwards) and must be atomic: a reader sees the old
 * or the new snapshot, never a mix. Saves are never concurrent; each resolves once durable.
 * One store key must be used by one engine at a time (two tabs on one key would reuse each
 * other's local sequence numbers).
 */
export interface MeetPersistence {
  load(): Promise<PersistedMeet | undefined>;
  save(snapshot: PersistedMeet): Promise<void>;
  clear(): Promise<void>;
}

export function encodeSnapshot(snapshot: PersistedMeet): string {
  return JSON.stringify(snapshot);
}

/** @throws TypeError when `text` is not a snapshot this version can resume from. */
export function decodeSnapshot(text: string): PersistedMeet {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new TypeError('persisted meet: not an object');
  if (value.format !== PERSISTED_MEET_FORMAT) {
    throw new TypeError(`persisted meet: unknown format ${String(value.format)}`);
  }
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

/** Keeps the snapshot in memory, encoded as the other stores would (so it never aliases). */
export class MemoryPersistence implements MeetPersistence {
  #text: string | undefined;

  load(): Promise<PersistedMeet | undefined> {
    try {
      return Promise.resolve(this.#text === undefined ? undefined : decodeSnapshot(this.#text));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  save(snapshot: PersistedMeet): Promise<void> {
    this.#text = encodeSnapshot(snapshot);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.#text = undefined;
    return Promise.resolve();
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
