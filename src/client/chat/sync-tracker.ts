// Where the chat client resumes from, and which received messages it may hand to the app now.
// Recovery pages and live messages interleave on one connection: after a page that ended with
// has_more, live messages (ids above the connection's recovery range) keep arriving while later
// pages (lower ids) are still to come. The tracker holds every message received while syncing
// and releases them in id order as each SyncComplete covers them, so the app sees each message
// once and in order, and the resume point never passes a message the app has not been given.
// Pure bookkeeping: no sockets, no timers.

import type { WireMessage } from '../../protocol/chat/messages.ts';
import { compareMessageIds, laterMessageId } from './message-ids.ts';

export interface SyncTrackerOptions {
  /** Where the first connection resumes (20-digit id), or null for "latest per room". */
  readonly resumeFrom: string | null;
  /** Message ids remembered to drop repeats (the oldest are forgotten first). */
  readonly dedupeCapacity: number;
}

export class SyncTracker {
  readonly #dedupeCapacity: number;
  #resumeFrom: string | null;
  #synced = false;
  /** Received while syncing, not yet released; released in id order. */
  #held: WireMessage[] = [];
  /** Ids handed to the app, oldest first (a Set keeps insertion order). */
  readonly #delivered = new Set<string>();

  constructor(options: SyncTrackerOptions) {
    this.#resumeFrom = options.resumeFrom;
    this.#dedupeCapacity = Math.max(1, options.dedupeCapacity);
  }

  /**
   * The `last_seen_message_id` for the next Auth: every message up to it has been handed to the
   * app (or is outside the user's rooms). Only moves forward within one server's history.
   */
  get resumeFrom(): string | null {
    return this.#resumeFrom;
  }

  /** True once the current connection's recovery is complete (has_more false). */
  get synced(): boolean {
    return this.#synced;
  }

  /** A resume point from storage: the later one wins (both are positions the app reached). */
  resumeAtLeast(messageId: string | null): void {
    this.#resumeFrom = laterMessageId(this.#resumeFrom, messageId);
  }

  /** A new connection authenticated: its recovery starts at `resumeFrom`. */
  connectionStarted(): void {
    this.#synced = false;
    // Held messages of a lost connection come again in this one's recovery (they are above
    // the resume point), so they are dropped rather than released out of order.
    this.#held = [];
  }

  /** The connection ended: nothing is released until the next one has synced. */
  connectionLost(): void {
    this.#synced = false;
    this.#held = [];
  }

  /** A NewMessage arrived. Returns what the app may see now, in order (repeats removed). */
  received(message: WireMessage): WireMessage[] {
    if (!this.#synced) {
      this.#held.push(message);
      return [];
    }
    return this.#release([message]);
  }

  /**
   * A SyncComplete arrived. Releases the held messages it covers (all of them once `hasMore` is
   * false) and moves the resume point to the server's position.
   */
  pageComplete(lastMessageId: string | null, hasMore: boolean): WireMessage[] {
    // Already synced: an answer to a Sync nobody needed; its position may lag the live ids.
    if (this.#synced) return [];
    let released: WireMessage[];
    if (hasMore) {
      // Messages above the page's position are live ones: they wait for the pages below them.
      const covered = (message: WireMessage): boolean =>
        lastMessageId !== null && compareMessageIds(message.id, lastMessageId) <= 0;
      released = this.#held.filter(covered);
      this.#held = this.#held.filter((message) => !covered(message));
    } else {
      released = this.#held;
      this.#held = [];
      this.#synced = true;
    }
    // The server's position may pass every id received: it covers rooms the user is not in.
    // It is taken as is (not only when larger): it is the server's own history that counts.
    if (lastMessageId !== null) this.#resumeFrom = lastMessageId;
    released.sort((a, b) => compareMessageIds(a.id, b.id));
    return this.#release(released);
  }

  #release(messages: readonly WireMessage[]): WireMessage[] {
    const fresh: WireMessage[] = [];
    for (const message of messages) {
      if (this.#delivered.has(message.id)) continue;
      this.#delivered.add(message.id);
      if (this.#delivered.size > this.#dedupeCapacity) {
        const oldest = this.#delivered.values().next().value;
        if (oldest !== undefined) this.#delivered.delete(oldest);
      }
      this.#resumeFrom = laterMessageId(this.#resumeFrom, message.id);
      fresh.push(message);
    }
    return fresh;
  }
}
