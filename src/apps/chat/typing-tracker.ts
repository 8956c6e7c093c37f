// Who is typing where, as pure state on an injected clock: a TypingStart (re)arms an expiry,
// TypingStop, a sent message or the connection closing end it. Entries are kept in expiry
// order (the expiry is one constant), so finding what expired costs only what expired.

export interface TypingEntry {
  readonly roomId: string;
  readonly userId: string;
  /** The connection that last said the user is typing (its close ends the indicator). */
  readonly connectionId: string;
  readonly expiresAt: number;
}

export class TypingTracker {
  readonly expiryMs: number;
  // Insertion order is expiry order: a refresh deletes and re-inserts at the end.
  private readonly entries = new Map<string, TypingEntry>();

  constructor(expiryMs: number) {
    if (!(expiryMs > 0)) throw new RangeError(`expiryMs must be positive, got ${expiryMs}`);
    this.expiryMs = expiryMs;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Starts or refreshes; true when the user was not typing in the room before. */
  start(roomId: string, userId: string, connectionId: string, now: number): boolean {
    const key = keyOf(roomId, userId);
    const fresh = !this.entries.delete(key);
    this.entries.set(key, { roomId, userId, connectionId, expiresAt: now + this.expiryMs });
    return fresh;
  }

  /** Ends the indicator; true when the user was typing in the room. */
  stop(roomId: string, userId: string): boolean {
    return this.entries.delete(keyOf(roomId, userId));
  }

  isTyping(roomId: string, userId: string): boolean {
    return this.entries.has(keyOf(roomId, userId));
  }

  /** Ends every indicator the connection started; returns them. */
  stopConnection(connectionId: string): TypingEntry[] {
    const stopped: TypingEntry[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.connectionId !== connectionId) continue;
      this.entries.delete(key);
      stopped.push(entry);
    }
    return stopped;
  }

  /** Removes and returns the indicators expired at `now`. */
  expire(now: number): TypingEntry[] {
    const expired: TypingEntry[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
      expired.push(entry);
    }
    return expired;
  }

  /** When the next indicator expires, if any is running. */
  nextExpiry(): number | undefined {
    for (const entry of this.entries.values()) return entry.expiresAt;
    return undefined;
  }
}

function keyOf(roomId: string, userId: string): string {
  return `${roomId}\n${userId}`;
}
