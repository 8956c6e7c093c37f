// The messages the page has, per room, in id order, each once: what the chat client delivered
// (live and recovered) and what history paging fetched. The newest of each room are kept in
// Web Storage so a reload shows them at once while the client recovers only what came since.
//
// The client saves its resume point a little later than it delivers a message (saveDelayMs),
// and this store saves in a microtask after each change, so what is stored here is never behind
// the stored resume point: a reload can leave no gap between the two.

import type { WireMessage } from '../../client/chat/index.ts';

/** Messages kept per room across a reload; older ones are paged in again on demand. */
const KEPT_PER_ROOM = 100;

export class MessageStore {
  readonly #key: string;
  readonly #storage: Storage;
  readonly #rooms = new Map<string, Map<string, WireMessage>>();
  #saveQueued = false;

  constructor(storage: Storage, key: string) {
    this.#storage = storage;
    this.#key = key;
    this.#load();
  }

  /** A room's messages, oldest first. */
  messages(roomId: string): WireMessage[] {
    const room = this.#rooms.get(roomId);
    if (room === undefined) return [];
    return [...room.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  oldestId(roomId: string): string | undefined {
    return this.messages(roomId)[0]?.id;
  }

  /** The highest id kept: where the chat client may resume (null: nothing yet). */
  latestId(): string | null {
    let latest: string | null = null;
    for (const room of this.#rooms.values()) {
      for (const id of room.keys()) if (latest === null || id > latest) latest = id;
    }
    return latest;
  }

  /** Adds a message; false if it was already here. */
  add(message: WireMessage): boolean {
    let room = this.#rooms.get(message.room_id);
    if (room === undefined) {
      room = new Map();
      this.#rooms.set(message.room_id, room);
    }
    if (room.has(message.id)) return false;
    room.set(message.id, message);
    this.#queueSave();
    return true;
  }

  forgetRoom(roomId: string): void {
    this.#rooms.delete(roomId);
    this.#queueSave();
  }

  /** Writes now (also done in a microtask after every change). */
  save(): void {
    this.#saveQueued = false;
    const kept: Record<string, WireMessage[]> = {};
    for (const roomId of this.#rooms.keys()) {
      kept[roomId] = this.messages(roomId).slice(-KEPT_PER_ROOM);
    }
    try {
      this.#storage.setItem(this.#key, JSON.stringify(kept));
    } catch {
      // A full quota: the page still works, a reload then shows fewer messages.
    }
  }

  #queueSave(): void {
    if (this.#saveQueued) return;
    this.#saveQueued = true;
    queueMicrotask(() => {
      if (this.#saveQueued) this.save();
    });
  }

  #load(): void {
    const text = this.#storage.getItem(this.#key);
    if (text === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    for (const list of Object.values(parsed as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      for (const message of list) if (isMessage(message)) this.add(message);
    }
    this.#saveQueued = false;
  }
}

function isMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    typeof message.id === 'string' &&
    typeof message.room_id === 'string' &&
    typeof message.creator_id === 'string' &&
    typeof message.content === 'string' &&
    typeof message.created_at === 'string'
  );
}
