// One client's replica of a meet: the canonical log (server order) plus the pending log of local
// edits not yet acknowledged, numbered by local sequence number, and the state the user sees
// (canonical, then pending on top). Pure and synchronous: the sync engine does the I/O around it.

import type {
  RelayedUpdate,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../protocol/openlifter/messages.ts';
import { applyEntry, jsonEqual, type JsonObject } from '../../protocol/openlifter/meet-state.ts';
import { parseUpdateKey } from '../../protocol/openlifter/update-key.ts';
import { CanonicalLog } from './canonical-log.ts';

/** A local edit waiting for its ack; sent as is, again and again, until acked or rejected. */
export interface PendingUpdate {
  readonly localSeqNum: number;
  readonly updateKey: string;
  readonly updateValue: unknown;
  /** The client's `lastServerSeq` when the edit was made (not when it is sent). */
  readonly afterServerSeqNum: number;
}

export interface AckedUpdate extends PendingUpdate {
  readonly serverSeqNum: number;
}

export interface RejectedUpdate extends PendingUpdate {
  readonly conflict: boolean;
  readonly reason: string;
}

export interface ReplicaContents {
  readonly canonical: readonly RelayedUpdate[];
  readonly pending: readonly PendingUpdate[];
  /** The next local sequence number to give out; above every one ever sent. */
  readonly nextLocalSeqNum: number;
}

export class MeetReplica {
  readonly log: CanonicalLog;
  /** By local sequence number; insertion order is ascending, since numbers only grow. */
  readonly #pending = new Map<number, PendingUpdate>();
  #nextLocalSeqNum: number;
  /** The visible state: cached, and kept when a change leaves it equal (stable identity). */
  #state: JsonObject | undefined;
  #stale = true;
  /** The state as of the last `commit`: what listeners were last told about. */
  #committed: JsonObject | undefined;

  constructor(contents: ReplicaContents = { canonical: [], pending: [], nextLocalSeqNum: 1 }) {
    this.log = new CanonicalLog(contents.canonical);
    let next = contents.nextLocalSeqNum;
    for (const update of [...contents.pending].sort((a, b) => a.localSeqNum - b.localSeqNum)) {
      this.#pending.set(update.localSeqNum, update);
      next = Math.max(next, update.localSeqNum + 1);
    }
    this.#nextLocalSeqNum = next;
  }

  /** Canonical prefix, then entries held beyond a gap, then pending edits in local order. */
  get state(): JsonObject {
    if (!this.#stale && this.#state !== undefined) return this.#state;
    let state = this.log.prefixState;
    for (const entry of this.log.beyondHead()) state = applyEntry(state, entry);
    for (const update of this.#pending.values()) state = applyEntry(state, update);
    this.#state = state;
    this.#stale = false;
    return state;
  }

  get pending(): readonly PendingUpdate[] {
    return [...this.#pending.values()];
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  get nextLocalSeqNum(): number {
    return this.#nextLocalSeqNum;
  }

  hasPending(localSeqNum: number): boolean {
    return this.#pending.has(localSeqNum);
  }

  contents(): ReplicaContents {
    return {
      canonical: this.log.all(),
      pending: this.pending,
      nextLocalSeqNum: this.#nextLocalSeqNum,
    };
  }

  /**
   * Recomputes the visible state after changes. true: it differs from before. false: it is equal
   * and the previous object is kept, so a store or a UI comparing identities sees no change
   * (an ack usually moves a value from pending to canonical without changing what is shown).
   */
  commit(): boolean {
    const before = this.#committed;
    const after = this.state;
    if (after === before) return false;
    // Both are persistent structures sharing every untouched subtree: equal parts compare by
    // identity, so this walks little more than the paths that were rewritten.
    if (before !== undefined && jsonEqual(before, after)) {
      this.#state = before;
      return false;
    }
    this.#committed = after;
    return true;
  }

  /**
   * A new local edit, numbered after every earlier one, applied optimistically. The value is
   * copied as JSON: the state shares it, so the caller must not be able to change it later.
   * @throws RangeError for a malformed key; TypeError for a value JSON cannot carry.
   */
  addLocal(updateKey: string, updateValue: unknown): PendingUpdate {
    const parsed = parseUpdateKey(updateKey);
    if (!parsed.ok) throw new RangeError(`invalid update key "${updateKey}": ${parsed.error}`);
    const value = jsonCopy(updateValue);
    const update: PendingUpdate = {
      localSeqNum: this.#nextLocalSeqNum++,
      updateKey,
      updateValue: value,
      afterServerSeqNum: this.log.head,
    };
    this.#pending.set(update.localSeqNum, update);
    this.#stale = true;
    return update;
  }

  /**
   * UPDATE_ACK: each acked pending edit joins the canonical log at its server number, as sent
   * from `locationName`. Acks of edits no longer pending (a re-sent batch acked twice) are
   * ignored. `mismatch`: the log held another entry at one of those numbers.
   */
  applyAcks(
    acks: readonly UpdateAckEntry[],
    locationName: string,
  ): { acked: AckedUpdate[]; mismatch: boolean } {
    const acked: AckedUpdate[] = [];
    let mismatch = false;
    for (const { localSeqNum, serverSeqNum } of acks) {
      const update = this.#pending.get(localSeqNum);
      if (update === undefined) continue;
      this.#pending.delete(localSeqNum);
      const { updateKey, updateValue } = update;
      const outcome = this.log.insert({ updateKey, updateValue, serverSeqNum, locationName });
      if (outcome === 'mismatch') mismatch = true;
      acked.push({ ...update, serverSeqNum });
    }
    if (acked.length > 0) this.#stale = true;
    return { acked, mismatch };
  }

  /** UPDATE_REJECTED: the rejected edits leave the pending log; the canonical value shows again. */
  applyRejections(rejections: readonly UpdateRejectedEntry[]): RejectedUpdate[] {
    const rejected: RejectedUpdate[] = [];
    for (const { localSeqNum, conflict, reason } of rejections) {
      const update = this.#pending.get(localSeqNum);
      if (update === undefined) continue;
      this.#pending.delete(localSeqNum);
      rejected.push({ ...update, conflict, reason });
    }
    if (rejected.length > 0) this.#stale = true;
    return rejected;
  }

  /**
   * UPDATE_RELAY / SERVER_PULL entries: how many were new, how many already held as they are,
   * and whether a held number had different content (`mismatch`).
   */
  applyServerEntries(entries: readonly RelayedUpdate[]): {
    added: number;
    held: number;
    mismatch: boolean;
  } {
    let added = 0;
    let held = 0;
    let mismatch = false;
    for (const entry of entries) {
      const outcome = this.log.insert(entry);
      if (outcome === 'added') added++;
      else if (outcome === 'held') held++;
      else mismatch = true;
    }
    if (added > 0) this.#stale = true;
    return { added, held, mismatch };
  }

  /** The server's whole log replaces the canonical log; pending edits stay. */
  replaceLog(entries: readonly RelayedUpdate[]): void {
    this.log.replaceAll(entries);
    this.#stale = true;
  }

  /** Drops every pending edit (a display-only session can never send them). */
  clearPending(): void {
    if (this.#pending.size === 0) return;
    this.#pending.clear();
    this.#stale = true;
  }
}

/** A deep copy through JSON. undefined, functions, symbols, BigInt and cycles are refused. */
export function jsonCopy(value: unknown): unknown {
  // JSON.stringify throws on BigInt and cycles, and returns undefined for the rest.
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError('an update value must be JSON');
  return JSON.parse(text);
}
