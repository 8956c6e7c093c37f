// The room list: one button per room with its name and unread count; the open room is marked
// with aria-current. Unread counts start from the server's (AuthSuccess) and grow with messages
// by others that arrive while another room is open.

import type { WireRoom } from '../../client/chat/index.ts';
import { el } from '../shared/dom.ts';

export class RoomList {
  readonly #list: HTMLUListElement;
  readonly #onOpen: (roomId: string) => void;
  readonly #roomName: (room: WireRoom) => string;
  #rooms: readonly WireRoom[] = [];
  readonly #unread = new Map<string, number>();
  #current: string | undefined;

  constructor(
    list: HTMLUListElement,
    roomName: (room: WireRoom) => string,
    onOpen: (roomId: string) => void,
  ) {
    this.#list = list;
    this.#roomName = roomName;
    this.#onOpen = onOpen;
  }

  get rooms(): readonly WireRoom[] {
    return this.#rooms;
  }

  /** A new room list; `fromServer`: its unread counts replace the page's (AuthSuccess). */
  setRooms(rooms: readonly WireRoom[], fromServer: boolean): void {
    this.#rooms = rooms;
    for (const room of rooms) {
      if (fromServer || !this.#unread.has(room.id)) this.#unread.set(room.id, room.unread ?? 0);
    }
    this.render();
  }

  setCurrent(roomId: string | undefined): void {
    this.#current = roomId;
    if (roomId !== undefined) this.#unread.set(roomId, 0);
    this.render();
  }

  /** Another user's message in a room that is not being read. */
  countUnread(roomId: string): void {
    this.#unread.set(roomId, (this.#unread.get(roomId) ?? 0) + 1);
    this.render();
  }

  render(): void {
    this.#list.replaceChildren(
      ...this.#rooms.map((room) => {
        const unread = this.#unread.get(room.id) ?? 0;
        const button = el(
          'button',
          {
            type: 'button',
            class: 'room-button',
            'data-room-id': room.id,
            'aria-current': room.id === this.#current ? 'true' : undefined,
          },
          el('span', { class: 'room-name' }, this.#roomName(room)),
        );
        if (unread > 0) {
          button.append(
            ' ',
            el('span', { class: 'badge warn unread' }, String(unread)),
            el('span', { class: 'visually-hidden' }, ' unread'),
          );
        }
        button.addEventListener('click', () => {
          this.#onOpen(room.id);
        });
        return el('li', {}, button);
      }),
    );
  }
}
