// The server message ids of the reliable messages this client has processed lately. The server
// resends a message whose Ack it has not seen (every retry interval, and again after a
// reconnect), so a message can arrive more than once: it is acknowledged every time and
// processed once. Bounded: the oldest id is forgotten first. Kept across reconnects.

export class ReceivedIds {
  readonly capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#ids.size;
  }

  /** Records `id`; false when it was already there (a duplicate to ignore). */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    if (this.#ids.size >= this.capacity) {
      const oldest = this.#ids.values().next();
      if (oldest.done !== true) this.#ids.delete(oldest.value);
    }
    this.#ids.add(id);
    return true;
  }
}
