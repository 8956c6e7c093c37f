// This client's reliable messages (chat, entity spawn/update/despawn) that the server has not
// acknowledged yet, oldest first: written at once when connected, all written again in order
// after every ServerHello (the server deduplicates by message_id), and written again while
// connected when an Ack is overdue (the server drops frames over its rate limit without
// acknowledging them). Pure bookkeeping on an injected clock; the client does the sending.

export interface OutboxEntry {
  readonly messageId: string;
  readonly frame: Uint8Array;
  /** When last written on the current connection; undefined: not written on it yet. */
  sentAt: number | undefined;
}

export class ReliableOutbox {
  readonly maxPending: number;
  readonly retryMs: number;
  // Insertion order is send order: the first entry is the oldest message.
  readonly #entries = new Map<string, OutboxEntry>();

  constructor(maxPending: number, retryMs: number) {
    this.maxPending = maxPending;
    this.retryMs = retryMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(messageId: string): boolean {
    return this.#entries.has(messageId);
  }

  /** Adds a message not yet written. false: the outbox is full and nothing was added. */
  add(messageId: string, frame: Uint8Array): boolean {
    if (this.#entries.size >= this.maxPending) return false;
    this.#entries.set(messageId, { messageId, frame, sentAt: undefined });
    return true;
  }

  /** Records that the message was written now. */
  markSent(messageId: string, now: number): void {
    const entry = this.#entries.get(messageId);
    if (entry !== undefined) entry.sentAt = now;
  }

  /** Removes an acknowledged (or refused) message; false when it was not pending. */
  remove(messageId: string): boolean {
    return this.#entries.delete(messageId);
  }

  /** Every message, oldest first, for writing after a ServerHello; each is marked sent now. */
  takeAll(now: number): readonly OutboxEntry[] {
    const all = [...this.#entries.values()];
    for (const entry of all) entry.sentAt = now;
    return all;
  }

  /** Messages written at least `retryMs` ago without an Ack; each is marked sent again now. */
  takeOverdue(now: number): readonly OutboxEntry[] {
    const overdue: OutboxEntry[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.sentAt !== undefined && now - entry.sentAt >= this.retryMs) {
        entry.sentAt = now;
        overdue.push(entry);
      }
    }
    return overdue;
  }

  /** Milliseconds until the next message is overdue; undefined when none was written. */
  nextDueIn(now: number): number | undefined {
    let earliest: number | undefined;
    for (const { sentAt } of this.#entries.values()) {
      if (sentAt !== undefined && (earliest === undefined || sentAt < earliest)) earliest = sentAt;
    }
    return earliest === undefined ? undefined : Math.max(0, earliest + this.retryMs - now);
  }

  /** The connection ended: nothing pending was written on the next one yet. */
  markAllUnsent(): void {
    for (const entry of this.#entries.values()) entry.sentAt = undefined;
  }

  /** Empties the outbox (the client closed); returns the message ids it held, oldest first. */
  clear(): string[] {
    const ids = [...this.#entries.keys()];
    this.#entries.clear();
    return ids;
  }
}
