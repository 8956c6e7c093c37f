// One meet's update log and the rules that grow it (specs/openlifter.md, "Sequencing and
// conflicts"): gap-free server numbers, conflicts judged by location priority, idempotent
// re-sends, and the contiguous re-append of server-lost entries. Pure: the caller persists and sends.

import { JoinRejectReason, UpdateRejectReason } from '../../protocol/openlifter/messages.ts';
import type {
  ClientUpdate,
  RelayedUpdate,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../protocol/openlifter/messages.ts';
import { jsonEqual } from '../../protocol/openlifter/meet-state.ts';
import type { Endpoint, StoredUpdate } from './store.ts';
import { parseUpdateKey } from '../../protocol/openlifter/update-key.ts';

/** What one UPDATE_INIT batch did; the caller persists `appended`, then acks and relays. */
export interface BatchOutcome {
  /** New log entries, in order, with sessionId/localSeqNum: persist them, then relay. */
  readonly appended: StoredUpdate[];
  /** For UPDATE_ACK, including repeats of earlier acks (idempotent re-sends). */
  readonly acks: UpdateAckEntry[];
  /** For UPDATE_REJECTED. */
  readonly rejected: UpdateRejectedEntry[];
  /**
   * For UPDATE_RELAY to the sender: the current log entry of each key that lost a conflict,
   * once per key, as the log stands after the whole batch.
   */
  readonly winners: RelayedUpdate[];
  /** How many appended updates overruled a conflicting entry (a metric). */
  readonly overruled: number;
}

/** The rejection reason for a session whose location is not one of the meet's endpoints. */
export const INVALID_LOCATION_REASON = JoinRejectReason.InvalidLocation;

type Verdict = 'accept' | 'overrule' | 'reject';

export class MeetSequencer {
  private readonly priorities: ReadonlyMap<string, number>;
  /** log[i] has serverSeqNum i + 1; stored without session fields, ready to relay. */
  private readonly log: RelayedUpdate[] = [];
  /** updateKey → the serverSeqNums of its entries, ascending: judging scans only a key's tail. */
  private readonly seqsByKey = new Map<string, number[]>();
  /**
   * sessionId → (localSeqNum → serverSeqNum). Only accepted updates are remembered, so the
   * map never holds more than the log; rejections need no memory (see `submit`).
   */
  private readonly acksBySession = new Map<string, Map<number, number>>();

  /** @throws Error when `log` is not numbered 1..n without gaps, or a location is listed twice. */
  constructor(endpoints: readonly Endpoint[], log: readonly StoredUpdate[] = []) {
    const priorities = new Map<string, number>();
    for (const { locationName, priority } of endpoints) {
      if (priorities.has(locationName)) throw new Error(`duplicate location "${locationName}"`);
      priorities.set(locationName, priority);
    }
    this.priorities = priorities;
    for (const [index, entry] of log.entries()) {
      if (entry.serverSeqNum !== index + 1) {
        throw new Error(
          `update log is not gap-free: entry ${index + 1} has serverSeqNum ${entry.serverSeqNum}`,
        );
      }
      this.append(entry);
    }
  }

  /** The last server sequence number (0 for an empty log). */
  get head(): number {
    return this.log.length;
  }

  /** Every entry after `lastServerSeq`, in order (SERVER_PULL). */
  entriesAfter(lastServerSeq: number): RelayedUpdate[] {
    return this.log.slice(Math.max(0, Math.floor(lastServerSeq)));
  }

  /** The server number an earlier identical send of this update got, if it was accepted. */
  previousAck(sessionId: string, localSeqNum: number): number | undefined {
    return this.acksBySession.get(sessionId)?.get(localSeqNum);
  }

  /** The latest log entry for a key, if any. */
  currentValue(updateKey: string): RelayedUpdate | undefined {
    const seqs = this.seqsByKey.get(updateKey);
    return seqs === undefined ? undefined : this.entry(seqs[seqs.length - 1]);
  }

  /** A location's priority, or undefined when it is not one of the meet's endpoints. */
  priorityOf(locationName: string): number | undefined {
    return this.priorities.get(locationName);
  }

  /**
   * Judges one batch from a session at `locationName`, in order, and appends the accepted
   * updates to the in-memory log at once (the caller makes them durable before acking).
   *
   * A localSeqNum this session already got accepted is answered with its old ack and appends
   * nothing. A rejected one is simply judged again, and gets the same answer: the entries that
   * can conflict with it (same key, number above its afterServerSeqNum) only ever grow, so a
   * conflict it lost stays lost, and the other reasons depend only on the update and location.
   */
  submit(sessionId: string, locationName: string, updates: readonly ClientUpdate[]): BatchOutcome {
    const outcome = {
      appended: [] as StoredUpdate[],
      acks: [] as UpdateAckEntry[],
      rejected: [] as UpdateRejectedEntry[],
      winners: [] as RelayedUpdate[],
      overruled: 0,
    };
    const priority = this.priorities.get(locationName);
    if (priority === undefined) {
      for (const { localSeqNum } of updates) {
        outcome.rejected.push({ localSeqNum, conflict: false, reason: INVALID_LOCATION_REASON });
      }
      return outcome;
    }
    const lostKeys = new Set<string>();
    for (const update of updates) {
      const { localSeqNum, updateKey } = update;
      const earlier = this.previousAck(sessionId, localSeqNum);
      if (earlier !== undefined) {
        outcome.acks.push({ localSeqNum, serverSeqNum: earlier });
        continue;
      }
      const parsed = parseUpdateKey(updateKey);
      if (!parsed.ok) {
        const reason = `invalid updateKey: ${parsed.error}`;
        outcome.rejected.push({ localSeqNum, conflict: false, reason });
        continue;
      }
      const verdict = this.judge(update, locationName, priority);
      if (verdict === 'reject') {
        outcome.rejected.push({ localSeqNum, conflict: true, reason: UpdateRejectReason.Conflict });
        lostKeys.add(updateKey);
        continue;
      }
      const stored: StoredUpdate = {
        updateKey,
        updateValue: update.updateValue,
        serverSeqNum: this.head + 1,
        locationName,
        sessionId,
        localSeqNum,
      };
      this.append(stored);
      outcome.appended.push(stored);
      outcome.acks.push({ localSeqNum, serverSeqNum: stored.serverSeqNum });
      if (verdict === 'overrule') outcome.overruled++;
    }
    for (const key of lostKeys) {
      // A lost conflict means the key has entries, so there is always a current one.
      const winner = this.currentValue(key);
      if (winner !== undefined) outcome.winners.push(winner);
    }
    return outcome;
  }

  /**
   * Adds entries that are already in the true log (another node of a cluster appended them),
   * session fields included, so a re-send of one of them is answered with its ack here too.
   * @throws Error unless they continue the log without a gap: head + 1, head + 2, …
   */
  extend(entries: readonly StoredUpdate[]): void {
    for (const entry of entries) {
      if (entry.serverSeqNum !== this.head + 1) {
        throw new Error(`entry ${entry.serverSeqNum} does not continue the log at ${this.head}`);
      }
      this.append(entry);
    }
  }

  /**
   * Server-lost-state recovery: re-appends entries a client holds beyond `head`, keeping the
   * numbers the client has (every client's log must keep meaning the same thing). Entries at or
   * below `head` are already present and ignored; an entry from a location that is not an
   * endpoint, or with a key that does not parse, is ignored too. Appending stops at the first
   * number that would leave a gap. Returns the entries appended, to persist and relay.
   */
  recover(updates: readonly RelayedUpdate[]): RelayedUpdate[] {
    const appended: RelayedUpdate[] = [];
    const ordered = [...updates].sort((a, b) => a.serverSeqNum - b.serverSeqNum);
    for (const update of ordered) {
      if (update.serverSeqNum <= this.head) continue;
      if (update.serverSeqNum !== this.head + 1) break;
      if (!this.priorities.has(update.locationName)) continue;
      if (!parseUpdateKey(update.updateKey).ok) continue;
      const entry: RelayedUpdate = {
        updateKey: update.updateKey,
        updateValue: update.updateValue,
        serverSeqNum: update.serverSeqNum,
        locationName: update.locationName,
      };
      this.append(entry);
      appended.push(entry);
    }
    return appended;
  }

  /**
   * The spec's rule: U conflicts with every entry V of the same key numbered above U's
   * afterServerSeqNum, from another location, with a different value. U wins only if its
   * location outranks every such V's; equal priority keeps what the log already has.
   */
  private judge(update: ClientUpdate, locationName: string, priority: number): Verdict {
    const seqs = this.seqsByKey.get(update.updateKey);
    if (seqs === undefined) return 'accept';
    // A client claiming more than the server has saw a history the server lost: which of our
    // entries it had seen cannot be known, so it is judged against all of them. That never
    // lets a lower priority silently overrule a higher one; the cost is a possible rejection.
    const after = update.afterServerSeqNum > this.head ? 0 : update.afterServerSeqNum;
    let overrules = false;
    for (let i = firstAbove(seqs, after); i < seqs.length; i++) {
      const other = this.entry(seqs[i]);
      if (other === undefined || other.locationName === locationName) continue;
      if (jsonEqual(other.updateValue, update.updateValue)) continue;
      // A location that is not an endpoint (only possible in a hand-edited log) outranks nobody.
      if ((this.priorities.get(other.locationName) ?? -Infinity) >= priority) return 'reject';
      overrules = true;
    }
    return overrules ? 'overrule' : 'accept';
  }

  private append(entry: StoredUpdate): void {
    const { updateKey, updateValue, serverSeqNum, locationName } = entry;
    this.log.push({ updateKey, updateValue, serverSeqNum, locationName });
    let seqs = this.seqsByKey.get(updateKey);
    if (seqs === undefined) {
      seqs = [];
      this.seqsByKey.set(updateKey, seqs);
    }
    seqs.push(serverSeqNum);
    const { sessionId, localSeqNum } = entry;
    if (sessionId === undefined || localSeqNum === undefined) return;
    let acks = this.acksBySession.get(sessionId);
    if (acks === undefined) {
      acks = new Map();
      this.acksBySession.set(sessionId, acks);
    }
    // A loaded log could repeat a pair only if edited by hand; the first entry keeps answering.
    if (!acks.has(localSeqNum)) acks.set(localSeqNum, serverSeqNum);
  }

  private entry(serverSeqNum: number | undefined): RelayedUpdate | undefined {
    return serverSeqNum === undefined ? undefined : this.log[serverSeqNum - 1];
  }
}

/** Index of the first element of ascending `seqs` that is greater than `after`. */
function firstAbove(seqs: readonly number[], after: number): number {
  let low = 0;
  let high = seqs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((seqs[mid] ?? Infinity) > after) high = mid;
    else low = mid + 1;
  }
  return low;
}
