// Committed messages from every node, fanned out on this node in id order, none skipped.
// Ids are gap-free and in commit order (SQLite's single writer; PostgreSQL's counter row), but
// messages from other nodes arrive over the bus in any order, late, or — when a node dies
// between its commit and its publish, or the bus drops one — never. So a message is released
// only when every lower id has been: a gap waits briefly for the bus, then is read from the
// store (a higher id committed means every lower one is readable), and a periodic look at the
// store's last id catches what nothing announced. Recovery (connect-flow.ts) relies on it: the
// node's feed head is then "everything up to here was fanned out on this node".
// A release may take a moment (the room's membership is read first when another node changed
// it: cluster-membership.ts); later messages wait in order behind it. Messages read from the
// store also wait for this node's own commit in flight, if any: it may be among them, and its
// sender must get MessageDelivered before the NewMessage.

import type { MessageRecord } from './store.ts';

export interface ClusterFeedOptions {
  /** The store's last id at start: everything up to it is in the store, not fanned out. */
  readonly head: number;
  /**
   * Fans one message out on this node; called once per id, in increasing id order. A returned
   * promise holds the next release back until it settles.
   */
  readonly release: (message: MessageRecord) => Promise<void> | undefined;
  /**
   * Settles when the commit this node's writer has under way, if any, is acknowledged and
   * offered here. @default nothing to wait for
   */
  readonly localCommit?: () => Promise<void>;
  /** Every room's messages with `after < id <= upTo`, ascending, at most `limit`. */
  readonly readRange: (after: number, upTo: number, limit: number) => Promise<MessageRecord[]>;
  /** The highest id committed. */
  readonly lastId: () => Promise<number>;
  readonly onError: (error: unknown) => void;
  /** How long a gap may wait for the bus before the store is read. @default 100 */
  readonly gapWaitMs?: number;
  /** How often the store's last id is checked. @default 1000 */
  readonly pollMs?: number;
}

/** Messages read from the store per catch-up query. */
const CATCH_UP_PAGE = 500;

export class ClusterFeed {
  /** Every id up to here is released, queued in `ready`, or known not to exist. */
  private headId: number;
  private readonly pending = new Map<number, MessageRecord>();
  /** In id order, waiting for the release under way. */
  private ready: MessageRecord[] = [];
  private releasing = false;
  private readonly options: ClusterFeedOptions;
  private gapTimer: NodeJS.Timeout | undefined;
  private readonly poller: NodeJS.Timeout;
  private catchingUp: Promise<void> | undefined;
  private stopped = false;

  constructor(options: ClusterFeedOptions) {
    this.options = options;
    this.headId = options.head;
    this.poller = setInterval(() => {
      this.poll();
    }, options.pollMs ?? 1000);
    this.poller.unref();
  }

  /** Every id up to here is released or on its way (in order). */
  get head(): number {
    return this.headId;
  }

  /** Messages received but waiting for a lower id or for a release under way. */
  get waiting(): number {
    return this.pending.size + this.ready.length;
  }

  /** A committed message, from this node's writer or from the bus; repeats are ignored. */
  offer(message: MessageRecord): void {
    if (this.stopped || message.id <= this.headId || this.pending.has(message.id)) return;
    this.pending.set(message.id, message);
    this.drain();
    if (this.pending.size > 0) this.scheduleGapRead();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.gapTimer);
    this.pending.clear();
    this.ready = [];
  }

  /** Resolves when no store read is under way (tests). */
  async settled(): Promise<void> {
    while (this.catchingUp !== undefined) await this.catchingUp;
  }

  /** A method, not the field: `stop()` may have run while a read was awaited. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private drain(): void {
    for (;;) {
      const next = this.pending.get(this.headId + 1);
      if (next === undefined) break;
      this.pending.delete(next.id);
      this.headId = next.id;
      this.ready.push(next);
    }
    this.releaseReady();
  }

  private releaseReady(): void {
    while (!this.releasing && !this.stopped) {
      const next = this.ready.shift();
      if (next === undefined) return;
      let result: Promise<void> | undefined;
      try {
        result = this.options.release(next);
      } catch (error) {
        this.options.onError(error);
        continue;
      }
      if (result !== undefined) {
        this.releasing = true;
        result
          .catch((error: unknown) => {
            this.options.onError(error);
          })
          .finally(() => {
            this.releasing = false;
            this.releaseReady();
          });
      }
    }
  }

  private scheduleGapRead(): void {
    if (this.gapTimer !== undefined) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      const lowest = Math.min(...this.pending.keys());
      if (Number.isFinite(lowest)) this.catchUp(lowest - 1);
    }, this.options.gapWaitMs ?? 100);
    this.gapTimer.unref();
  }

  private poll(): void {
    if (this.catchingUp !== undefined) return;
    this.options.lastId().then(
      (last) => {
        if (last > this.headId) this.catchUp(last);
      },
      (error: unknown) => {
        this.options.onError(error);
      },
    );
  }

  /** Reads (head, upTo] from the store and releases it, skipping ids that do not exist. */
  private catchUp(upTo: number): void {
    if (this.stopped || this.catchingUp !== undefined || upTo <= this.headId) return;
    this.catchingUp = this.readUpTo(upTo)
      .catch((error: unknown) => {
        this.options.onError(error);
      })
      .finally(() => {
        this.catchingUp = undefined;
        if (this.pending.size > 0) this.scheduleGapRead();
      });
  }

  private async readUpTo(upTo: number): Promise<void> {
    while (!this.stopped && this.headId < upTo) {
      const from = this.headId;
      const rows = await this.options.readRange(from, upTo, CATCH_UP_PAGE);
      // One of these may be this node's own commit, not yet acknowledged: let it go first.
      if (rows.length > 0) await this.options.localCommit?.();
      if (this.isStopped()) return;
      for (const row of rows) {
        if (row.id <= this.headId) continue;
        // Ids below `row.id` that the store does not have were never committed: skip them.
        this.headId = row.id - 1;
        this.pending.set(row.id, this.pending.get(row.id) ?? row);
        this.drain();
      }
      // A short page covered all of (from, upTo]: nothing else in it exists.
      if (rows.length < CATCH_UP_PAGE && this.headId < upTo) {
        this.headId = upTo;
        this.drain();
      }
    }
  }
}
