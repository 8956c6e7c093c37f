// The chat client's outbox: messages the user sent that the server has not confirmed yet, in
// the order they were sent. Each keeps its client_message_id for life, so sending it again
// after a reconnect (or after a refusal worth retrying) can never store it twice: the server
// answers a repeat with the original MessageDelivered. Pure bookkeeping: the client decides
// when to send; no sockets, no timers.

/** A message waiting for its MessageDelivered. */
export interface OutboxEntry {
  /** The idempotency key (a UUID), kept until the server confirms or refuses the message. */
  readonly clientMessageId: string;
  readonly roomId: string;
  /** The content as sent: already cleaned of control characters. */
  readonly content: string;
  /** When `send` was called (ISO 8601), for showing the message before the server has it. */
  readonly createdAt: string;
}

/**
 * 'queued': to be sent on the current connection once it is synced (and `notBefore` has
 * passed). 'sending': written to the current connection, answer awaited.
 */
export type OutboxStatus = 'queued' | 'sending';

interface Slot {
  readonly entry: OutboxEntry;
  status: OutboxStatus;
  /** performance.now() before which it must not be sent (rate limited, store unavailable). */
  notBefore: number;
}

export class Outbox {
  /** Insertion order is send order. */
  readonly #slots = new Map<string, Slot>();

  get size(): number {
    return this.#slots.size;
  }

  /** Entries in send order. */
  get entries(): OutboxEntry[] {
    return [...this.#slots.values()].map((slot) => slot.entry);
  }

  get inFlight(): number {
    let count = 0;
    for (const slot of this.#slots.values()) if (slot.status === 'sending') count++;
    return count;
  }

  has(clientMessageId: string): boolean {
    return this.#slots.has(clientMessageId);
  }

  get(clientMessageId: string): OutboxEntry | undefined {
    return this.#slots.get(clientMessageId)?.entry;
  }

  /** Adds at the end; an id already present is left as it is (false). */
  add(entry: OutboxEntry): boolean {
    if (this.#slots.has(entry.clientMessageId)) return false;
    this.#slots.set(entry.clientMessageId, { entry, status: 'queued', notBefore: 0 });
    return true;
  }

  /** Entries loaded from storage: they were sent before the ones added since, so go first. */
  restore(entries: readonly OutboxEntry[]): OutboxEntry[] {
    const current = [...this.#slots.values()];
    const restored = entries.filter((entry) => !this.#slots.has(entry.clientMessageId));
    this.#slots.clear();
    for (const entry of restored) {
      this.#slots.set(entry.clientMessageId, { entry, status: 'queued', notBefore: 0 });
    }
    for (const slot of current) this.#slots.set(slot.entry.clientMessageId, slot);
    return restored;
  }

  /**
   * What may be written now, in order, at most `room` of them. Stops at the first queued entry
   * that must wait (rate limited): the ones behind it wait too, so the server sees them in the
   * order the user wrote them.
   */
  sendable(now: number, room: number): OutboxEntry[] {
    const result: OutboxEntry[] = [];
    for (const slot of this.#slots.values()) {
      if (result.length >= room) break;
      if (slot.status !== 'queued') continue;
      if (slot.notBefore > now) break;
      result.push(slot.entry);
    }
    return result;
  }

  /** The earliest time after `now` at which a waiting entry may go, if one waits. */
  nextRetryAt(now: number): number | undefined {
    let earliest: number | undefined;
    for (const slot of this.#slots.values()) {
      if (slot.status === 'queued' && slot.notBefore > now) {
        earliest = Math.min(earliest ?? Infinity, slot.notBefore);
      }
    }
    return earliest;
  }

  markSending(clientMessageId: string): void {
    const slot = this.#slots.get(clientMessageId);
    if (slot !== undefined) slot.status = 'sending';
  }

  /** Removes the entry (confirmed or refused for good); returns it if it was here. */
  remove(clientMessageId: string): OutboxEntry | undefined {
    const slot = this.#slots.get(clientMessageId);
    this.#slots.delete(clientMessageId);
    return slot?.entry;
  }

  /** Back to 'queued', not to be sent before `notBefore`. */
  retryLater(clientMessageId: string, notBefore: number): void {
    const slot = this.#slots.get(clientMessageId);
    if (slot === undefined) return;
    slot.status = 'queued';
    slot.notBefore = notBefore;
  }

  /**
   * Every entry written but not answered goes back to 'queued' (the connection ended, or the
   * server dropped frames unanswered): it is sent again, with the same id.
   */
  requeueInFlight(notBefore = 0): void {
    for (const slot of this.#slots.values()) {
      if (slot.status !== 'sending') continue;
      slot.status = 'queued';
      slot.notBefore = Math.max(slot.notBefore, notBefore);
    }
  }
}
