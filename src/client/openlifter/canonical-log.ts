// The client's copy of a meet's server log: entries keyed by server sequence number (an ack can
// overtake a relay, or the reverse), the highest contiguous number held, and the materialized
// state of that contiguous prefix, advanced one entry at a time. Pure and synchronous.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import {
  applyEntry,
  EMPTY_STATE,
  jsonEqual,
  materialize,
  type JsonObject,
} from '../../protocol/openlifter/meet-state.ts';

/** What `insert` did: stored a new entry, found the same one, or found a different one. */
export type InsertOutcome = 'added' | 'held' | 'mismatch';

export class CanonicalLog {
  readonly #entries = new Map<number, RelayedUpdate>();
  /** updateKey → the highest server number held for it (the key's current winner). */
  readonly #latestByKey = new Map<string, number>();
  #head = 0;
  #highest = 0;
  #prefixState: JsonObject = EMPTY_STATE;

  /** @throws RangeError when an entry's serverSeqNum is not a positive safe integer. */
  constructor(entries: Iterable<RelayedUpdate> = []) {
    this.#load(entries);
  }

  /** The highest server number N such that 1..N are all held: the client's `lastServerSeq`. */
  get head(): number {
    return this.#head;
  }

  /** The highest server number held, contiguous or not. */
  get highest(): number {
    return this.#highest;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** True while some number below `highest` is missing (a relay or ack still on its way). */
  get hasGap(): boolean {
    return this.#highest > this.#head;
  }

  /** The state after entries 1..head, in order. Never mutated: a new object on each advance. */
  get prefixState(): JsonObject {
    return this.#prefixState;
  }

  get(serverSeqNum: number): RelayedUpdate | undefined {
    return this.#entries.get(serverSeqNum);
  }

  /** The held entry with the highest number for `updateKey`: what the log says it is now. */
  latestFor(updateKey: string): RelayedUpdate | undefined {
    const seq = this.#latestByKey.get(updateKey);
    return seq === undefined ? undefined : this.#entries.get(seq);
  }

  /**
   * Stores an entry unless its number is already held. A held number with different content
   * ('mismatch') keeps the old entry: only a server that lost state renumbers, and the caller
   * then replaces the whole log from the server (`replaceAll`).
   */
  insert(entry: RelayedUpdate): InsertOutcome {
    const held = this.#entries.get(entry.serverSeqNum);
    if (held !== undefined) return sameEntry(held, entry) ? 'held' : 'mismatch';
    this.#store(entry);
    this.#advance();
    return 'added';
  }

  /** Every held entry above `serverSeqNum`, ascending (RECOVERY_UPDATES). */
  entriesAfter(serverSeqNum: number): RelayedUpdate[] {
    const after: RelayedUpdate[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.serverSeqNum > serverSeqNum) after.push(entry);
    }
    return after.sort(bySeq);
  }

  /** Held entries above the contiguous head, ascending: they wait for the gap below them. */
  beyondHead(): RelayedUpdate[] {
    return this.#head === this.#highest ? [] : this.entriesAfter(this.#head);
  }

  /** Every held entry, ascending (for persistence). */
  all(): RelayedUpdate[] {
    return [...this.#entries.values()].sort(bySeq);
  }

  /** Forgets everything and holds `entries` instead (the server's whole log, after it lost state). */
  replaceAll(entries: Iterable<RelayedUpdate>): void {
    this.#entries.clear();
    this.#latestByKey.clear();
    this.#head = 0;
    this.#highest = 0;
    this.#prefixState = EMPTY_STATE;
    this.#load(entries);
  }

  #load(entries: Iterable<RelayedUpdate>): void {
    for (const entry of entries) {
      if (!this.#entries.has(entry.serverSeqNum)) this.#store(entry);
    }
    // One materialization for the whole prefix rather than a copy-on-write step per entry.
    const prefix: RelayedUpdate[] = [];
    let entry = this.#entries.get(1);
    while (entry !== undefined) {
      prefix.push(entry);
      entry = this.#entries.get(prefix.length + 1);
    }
    this.#head = prefix.length;
    this.#prefixState = prefix.length === 0 ? EMPTY_STATE : materialize(prefix);
  }

  #store(entry: RelayedUpdate): void {
    const seq = entry.serverSeqNum;
    if (!Number.isSafeInteger(seq) || seq < 1) {
      throw new RangeError(`serverSeqNum must be a positive integer: ${seq}`);
    }
    // Only the wire fields: a relayed object may carry more, and the log is persisted as is.
    const { updateKey, updateValue, serverSeqNum, locationName } = entry;
    this.#entries.set(seq, { updateKey, updateValue, serverSeqNum, locationName });
    if ((this.#latestByKey.get(updateKey) ?? 0) < seq) this.#latestByKey.set(updateKey, seq);
    if (seq > this.#highest) this.#highest = seq;
  }

  #advance(): void {
    for (let next = this.#entries.get(this.#head + 1); next !== undefined;) {
      this.#prefixState = applyEntry(this.#prefixState, next);
      this.#head++;
      next = this.#entries.get(this.#head + 1);
    }
  }
}

/** Same number, key, value and location: the server never gives one number two meanings. */
export function sameEntry(a: RelayedUpdate, b: RelayedUpdate): boolean {
  return (
    a.serverSeqNum === b.serverSeqNum &&
    a.updateKey === b.updateKey &&
    a.locationName === b.locationName &&
    jsonEqual(a.updateValue, b.updateValue)
  );
}

function bySeq(a: RelayedUpdate, b: RelayedUpdate): number {
  return a.serverSeqNum - b.serverSeqNum;
}
