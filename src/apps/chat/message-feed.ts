// The node's most recently published messages, in publish order (= id order), with their
// encoded frames. Recovery reads the store up to the feed's head and takes what was published
// while it read from here, so a connecting client neither misses nor repeats a message.

import type { MessageRecord } from './store.ts';

export interface FeedEntry {
  readonly message: MessageRecord;
  /** The NewMessage frame as sent live. */
  readonly frame: string;
}

export interface MessageFeedOptions {
  /** Entries kept. @default 1024 */
  readonly maxEntries?: number;
  /** Frame bytes kept (UTF-16 length as an estimate). @default 4 MiB */
  readonly maxChars?: number;
}

export class MessageFeed {
  private readonly entries: FeedEntry[] = [];
  private start = 0;
  private chars = 0;
  private headId: number;
  /** Every message published with an id above this is in `entries`. */
  private coveredAbove: number;
  private readonly maxEntries: number;
  private readonly maxChars: number;

  /** `head`: the store's last message id when the node starts. */
  constructor(head: number, options: MessageFeedOptions = {}) {
    this.headId = head;
    this.coveredAbove = head;
    this.maxEntries = options.maxEntries ?? 1024;
    this.maxChars = options.maxChars ?? 4 * 1024 * 1024;
  }

  /** The highest id published on this node (or in the store at start). */
  get head(): number {
    return this.headId;
  }

  /** Records a published message; ids must arrive in increasing order. */
  append(entry: FeedEntry): void {
    if (entry.message.id <= this.headId) {
      throw new Error(`message ${entry.message.id} published after ${this.headId}`);
    }
    this.entries.push(entry);
    this.chars += entry.frame.length;
    this.headId = entry.message.id;
    while (this.size > this.maxEntries || (this.chars > this.maxChars && this.size > 1)) {
      const dropped = this.entries[this.start];
      if (dropped === undefined) break;
      this.start++;
      this.chars -= dropped.frame.length;
      this.coveredAbove = dropped.message.id;
    }
    // Compact once the dropped prefix dominates, keeping `append` amortised O(1).
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries.splice(0, this.start);
      this.start = 0;
    }
  }

  /** Published messages with `after < id <= upTo`, or undefined when the feed lost some. */
  between(after: number, upTo: number): FeedEntry[] | undefined {
    if (after < this.coveredAbove) return undefined;
    const found: FeedEntry[] = [];
    for (let index = this.entries.length - 1; index >= this.start; index--) {
      const entry = this.entries[index];
      if (entry === undefined || entry.message.id <= after) break;
      if (entry.message.id <= upTo) found.push(entry);
    }
    return found.reverse();
  }

  private get size(): number {
    return this.entries.length - this.start;
  }
}
