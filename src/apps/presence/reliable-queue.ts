// One client's unacknowledged reliable messages (chat, entity spawn/update/despawn): resent
// every retry interval until acknowledged, given up after the last retry, capped in number
// (the oldest is given up first), and kept while the client is away so a reconnect can have
// them redelivered. Pure bookkeeping on an injected clock; the app does the sending.

export interface ReliableLimits {
  /** Time between sends of an unacknowledged message. */
  readonly retryIntervalMs: number;
  /** Resends after the first send before the message is given up. */
  readonly maxRetries: number;
  /** Messages kept; adding one more gives up the oldest. */
  readonly maxPending: number;
}

export interface PendingMessage<Frame> {
  readonly id: string;
  readonly frame: Frame;
  /** When it was last written to the client (or queued, if never written). */
  sentAt: number;
  /** Times written so far (0 while the client is away). */
  sends: number;
}

export interface DueMessages<Frame> {
  /** To write again now (already counted as sent). */
  readonly resend: readonly PendingMessage<Frame>[];
  /** Sent 1 + maxRetries times without an ack: given up and removed. */
  readonly expired: readonly PendingMessage<Frame>[];
}

const NOTHING_DUE: DueMessages<never> = Object.freeze({ resend: [], expired: [] });

export class ReliableQueue<Frame> {
  private readonly limits: ReliableLimits;
  // Insertion order is age order: the first entry is the oldest message.
  private readonly pending = new Map<string, PendingMessage<Frame>>();

  constructor(limits: ReliableLimits) {
    this.limits = limits;
  }

  get size(): number {
    return this.pending.size;
  }

  /**
   * Adds a message, written now (`sent`) or waiting for the client to come back. Returns the
   * oldest message when it had to be given up to stay within `maxPending`.
   */
  add(id: string, frame: Frame, now: number, sent: boolean): PendingMessage<Frame> | undefined {
    let evicted: PendingMessage<Frame> | undefined;
    if (this.pending.size >= this.limits.maxPending) {
      const oldest = this.pending.values().next();
      if (oldest.done !== true) {
        evicted = oldest.value;
        this.pending.delete(evicted.id);
      }
    }
    this.pending.set(id, { id, frame, sentAt: now, sends: sent ? 1 : 0 });
    return evicted;
  }

  /** Removes an acknowledged message; false when it was not pending (late or unknown ack). */
  ack(id: string): boolean {
    return this.pending.delete(id);
  }

  /** Messages whose retry interval has passed: resent ones are counted, exhausted ones removed. */
  due(now: number): DueMessages<Frame> {
    if (this.pending.size === 0) return NOTHING_DUE;
    const resend: PendingMessage<Frame>[] = [];
    const expired: PendingMessage<Frame>[] = [];
    const { retryIntervalMs, maxRetries } = this.limits;
    for (const message of this.pending.values()) {
      // Never-written messages wait for `redeliver` (the client is away).
      if (message.sends === 0 || now - message.sentAt < retryIntervalMs) continue;
      if (message.sends > maxRetries) {
        expired.push(message);
        this.pending.delete(message.id);
        continue;
      }
      message.sends++;
      message.sentAt = now;
      resend.push(message);
    }
    return { resend, expired };
  }

  /**
   * Every pending message, oldest first, for writing to a client that just came back. Each
   * starts its retries afresh: the sends before the reconnect may never have arrived.
   */
  redeliver(now: number): readonly PendingMessage<Frame>[] {
    const all = [...this.pending.values()];
    for (const message of all) {
      message.sends = 1;
      message.sentAt = now;
    }
    return all;
  }

  /** Every pending message, oldest first (to hand a client over to another node). */
  entries(): readonly PendingMessage<Frame>[] {
    return [...this.pending.values()];
  }

  /**
   * Takes messages kept for the client elsewhere (another node held them while it was away),
   * oldest first, ahead of the ones added here since: they are older. Ids already pending are
   * skipped. Each counts as written now when `sent`, else waits for `redeliver`. Returns how many
   * were taken and how many had to be given up to stay within `maxPending` (the oldest first).
   */
  adopt(
    messages: readonly { readonly id: string; readonly frame: Frame }[],
    now: number,
    sent: boolean,
  ): { adopted: PendingMessage<Frame>[]; evicted: number } {
    const adopted: PendingMessage<Frame>[] = [];
    for (const { id, frame } of messages) {
      if (!this.pending.has(id)) adopted.push({ id, frame, sentAt: now, sends: sent ? 1 : 0 });
    }
    const merged = [...adopted, ...this.pending.values()];
    const evicted = Math.max(0, merged.length - this.limits.maxPending);
    this.pending.clear();
    for (const message of merged.slice(evicted)) this.pending.set(message.id, message);
    return { adopted: adopted.filter((message) => this.pending.has(message.id)), evicted };
  }

  /** Drops everything (the client is gone for good); returns how many were dropped. */
  clear(): number {
    const dropped = this.pending.size;
    this.pending.clear();
    return dropped;
  }
}
