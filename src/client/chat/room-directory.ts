// The rooms this connection is subscribed to and who is online in each, as the server last said:
// AuthSuccess replaces the room list, RoomJoined/RoomLeft/RoomUpdated edit it, PresenceUpdate
// replaces a room's online list and UserJoined/UserLeft edit it. No protocol I/O here.

import type { WireRoom } from '../../protocol/chat/messages.ts';
import { compareMessageIds } from './message-ids.ts';

export class RoomDirectory {
  /** In the server's order (AuthSuccess lists the most recently active first). */
  #rooms = new Map<string, WireRoom>();
  readonly #online = new Map<string, Set<string>>();

  get rooms(): WireRoom[] {
    return [...this.#rooms.values()];
  }

  room(roomId: string): WireRoom | undefined {
    return this.#rooms.get(roomId);
  }

  /** Sorted user ids; empty for a room not subscribed (or not reported yet). */
  onlineUsers(roomId: string): string[] {
    return [...(this.#online.get(roomId) ?? [])].sort();
  }

  /** AuthSuccess: the list as of this connection; presence follows in PresenceUpdate frames. */
  replaceAll(rooms: readonly WireRoom[]): void {
    this.#rooms = new Map(rooms.map((room) => [room.id, room]));
    this.#online.clear();
  }

  /** RoomJoined or RoomUpdated. Per-user fields the update lacks (unread, …) are kept. */
  upsert(room: WireRoom): void {
    const known = this.#rooms.get(room.id);
    this.#rooms.set(room.id, known === undefined ? room : { ...known, ...room });
  }

  /** RoomLeft: true when the room was known. */
  remove(roomId: string): boolean {
    this.#online.delete(roomId);
    return this.#rooms.delete(roomId);
  }

  setOnline(roomId: string, userIds: readonly string[]): void {
    this.#online.set(roomId, new Set(userIds));
  }

  /** UserJoined/UserLeft: true when it changed the room's list. */
  markOnline(roomId: string, userId: string, online: boolean): boolean {
    let users = this.#online.get(roomId);
    if (users === undefined) {
      if (!online) return false;
      users = new Set();
      this.#online.set(roomId, users);
    }
    if (users.has(userId) === online) return false;
    if (online) users.add(userId);
    else users.delete(userId);
    return true;
  }

  /** A message arrived: the room's `last_message_id` follows, so lists can sort by activity. */
  noteMessage(roomId: string, messageId: string): void {
    const room = this.#rooms.get(roomId);
    const last = room?.last_message_id;
    if (room === undefined) return;
    if (last !== undefined && last !== null && compareMessageIds(last, messageId) >= 0) return;
    this.#rooms.set(roomId, { ...room, last_message_id: messageId });
  }

  /** A read position this client set: kept locally (the server does not echo it). */
  noteRead(roomId: string, messageId: string): void {
    const room = this.#rooms.get(roomId);
    if (room === undefined) return;
    const read = room.last_read_message_id;
    if (read !== undefined && read !== null && compareMessageIds(read, messageId) >= 0) return;
    this.#rooms.set(roomId, { ...room, last_read_message_id: messageId });
  }
}
