// The local user's typing indicator, throttled. UI code calls `typing(roomId)` on every
// keystroke; the server needs one TypingStart every few seconds (its indicator expires 5 s
// after the last one) and drops more than `typing_per_minute`. So at most one TypingStart per
// room per `throttleMs` goes out, and one TypingStop once the user has been idle `idleMs`.
// The sink writes frames; timers are the platform's. No protocol knowledge beyond that.

export interface TypingSink {
  /** Writes TypingStart; false when it could not be sent (offline): nothing to stop later. */
  start(roomId: string): boolean;
  stop(roomId: string): void;
}

export interface TypingThrottleOptions {
  readonly throttleMs: number;
  readonly idleMs: number;
  /** @default performance.now */
  readonly now?: () => number;
}

interface RoomTyping {
  /** When the last TypingStart went out. */
  startedAt: number;
  idleTimer: ReturnType<typeof setTimeout>;
}

export class TypingThrottle {
  readonly #sink: TypingSink;
  readonly #throttleMs: number;
  readonly #idleMs: number;
  readonly #now: () => number;
  /** Rooms where this connection's TypingStart is in effect. */
  readonly #rooms = new Map<string, RoomTyping>();

  constructor(options: TypingThrottleOptions, sink: TypingSink) {
    this.#sink = sink;
    this.#throttleMs = options.throttleMs;
    this.#idleMs = options.idleMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The user typed in `roomId`. */
  typing(roomId: string): void {
    const now = this.#now();
    const current = this.#rooms.get(roomId);
    if (current !== undefined) clearTimeout(current.idleTimer);
    if (current !== undefined && now - current.startedAt < this.#throttleMs) {
      // Throttled: the indicator is on; only the idle deadline moves.
      current.idleTimer = this.#idleTimer(roomId);
      return;
    }
    if (!this.#sink.start(roomId)) {
      // Offline: typing is volatile, so nothing is queued and nothing will need a stop.
      this.#rooms.delete(roomId);
      return;
    }
    this.#rooms.set(roomId, { startedAt: now, idleTimer: this.#idleTimer(roomId) });
  }

  /** The user stopped (cleared the input, left the room): TypingStop if a start is in effect. */
  stop(roomId: string): void {
    if (this.#forget(roomId)) this.#sink.stop(roomId);
  }

  /**
   * The server ended the indicator itself (a message was sent in the room): no TypingStop is
   * needed, and the next keystroke may start a new one at once.
   */
  ended(roomId: string): void {
    this.#forget(roomId);
  }

  /** The connection ended (the server stopped every indicator of it): forget them all. */
  reset(): void {
    for (const roomId of [...this.#rooms.keys()]) this.#forget(roomId);
  }

  // Re-armed rather than refreshed: browsers' timers are numbers, with no `refresh()`.
  #idleTimer(roomId: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      this.stop(roomId);
    }, this.#idleMs);
  }

  #forget(roomId: string): boolean {
    const current = this.#rooms.get(roomId);
    if (current === undefined) return false;
    clearTimeout(current.idleTimer);
    this.#rooms.delete(roomId);
    return true;
  }
}
