// Who else is typing where. The server ends every indicator with TypingStop, but typing frames
// are volatile and a connection can drop between a start and its stop, so each indicator also
// expires locally a little after the server's own expiry: a lost stop never leaves a user
// "typing…" forever. Reports changes only (start of a new indicator, end of one).

export interface TypingChange {
  readonly roomId: string;
  readonly userId: string;
  readonly typing: boolean;
}

export class RemoteTyping {
  readonly #expiryMs: number;
  readonly #onExpired: (change: TypingChange) => void;
  /** roomId → userId → its expiry timer. */
  readonly #rooms = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();

  constructor(expiryMs: number, onExpired: (change: TypingChange) => void) {
    this.#expiryMs = expiryMs;
    this.#onExpired = onExpired;
  }

  /** Users typing in `roomId` now. */
  users(roomId: string): string[] {
    return [...(this.#rooms.get(roomId)?.keys() ?? [])];
  }

  /** A TypingStart: true when the user was not typing there before. */
  start(roomId: string, userId: string): boolean {
    let users = this.#rooms.get(roomId);
    if (users === undefined) {
      users = new Map();
      this.#rooms.set(roomId, users);
    }
    const existing = users.get(userId);
    // Re-armed rather than refreshed: browsers' timers are numbers, with no `refresh()`.
    clearTimeout(existing);
    const timer = setTimeout(() => {
      if (this.stop(roomId, userId)) this.#onExpired({ roomId, userId, typing: false });
    }, this.#expiryMs);
    users.set(userId, timer);
    return existing === undefined;
  }

  /** A TypingStop (or the user's message arrived): true when the user was typing there. */
  stop(roomId: string, userId: string): boolean {
    const users = this.#rooms.get(roomId);
    const timer = users?.get(userId);
    if (users === undefined || timer === undefined) return false;
    clearTimeout(timer);
    users.delete(userId);
    if (users.size === 0) this.#rooms.delete(roomId);
    return true;
  }

  /** Ends every indicator in one room (left it) or everywhere (connection lost). */
  clear(roomId?: string): TypingChange[] {
    const ended: TypingChange[] = [];
    const roomIds = roomId === undefined ? [...this.#rooms.keys()] : [roomId];
    for (const id of roomIds) {
      for (const userId of this.users(id)) {
        if (this.stop(id, userId)) ended.push({ roomId: id, userId, typing: false });
      }
    }
    return ended;
  }
}
