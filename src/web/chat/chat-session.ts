// A signed-in tab: the chat client for the user's session, wired to the room list, the open
// room's messages, who is online and typing, the connection banner, sending and history paging.

import {
  ChatClient,
  ChatClientError,
  WebStorageChatPersistence,
  type ChatClientState,
  type WireRoom,
  type WireUser,
} from '../../client/chat/index.ts';
import { byId, el, webSocketUrl } from '../shared/dom.ts';
import type { ChatApi } from './chat-api.ts';
import { MessageList } from './message-list.ts';
import { MessageStore } from './message-store.ts';
import { People } from './people.ts';
import { RoomList } from './room-list.ts';
import { clientStateKey, messagesKey } from './session-store.ts';

/** Messages fetched per "Load older" press. */
const HISTORY_PAGE = 50;
const OPEN_ROOM_KEY = 'hearth.chat.open-room';

const BANNER_TEXT: Readonly<Record<ChatClientState, string>> = {
  connecting: 'Connecting…',
  syncing: 'Catching up…',
  ready: '',
  reconnecting: 'Disconnected. Reconnecting…',
  closed: 'Disconnected.',
};

export interface SessionInit {
  readonly api: ChatApi;
  readonly prefix: string;
  readonly user: WireUser;
  readonly token: string;
  /** The session ended (logged out here or elsewhere); `notice` says why, if not by choice. */
  readonly onEnded: (notice?: string) => void;
}

export class ChatSession {
  readonly #init: SessionInit;
  readonly #client: ChatClient;
  readonly #store: MessageStore;
  readonly #people: People;
  readonly #messages: MessageList;
  readonly #rooms: RoomList;
  readonly #olderExhausted = new Set<string>();
  readonly #abort = new AbortController();
  #current: string | undefined;
  #ended = false;

  constructor(init: SessionInit) {
    this.#init = init;
    const { user, token } = init;
    this.#store = new MessageStore(sessionStorage, messagesKey(user.id));
    this.#people = new People(
      () => init.api.users(token),
      () => {
        this.#namesChanged();
      },
    );
    this.#messages = new MessageList(byId('messages', HTMLOListElement), (id) =>
      id === user.id ? user.name : this.#people.nameOf(id),
    );
    this.#rooms = new RoomList(
      byId('room-list', HTMLUListElement),
      (room) => this.#roomName(room),
      (roomId) => {
        this.#open(roomId);
      },
    );
    this.#client = new ChatClient({
      url: webSocketUrl(`${init.prefix}/ws`),
      sessionToken: token,
      persistence: new WebStorageChatPersistence({
        storage: sessionStorage,
        key: clientStateKey(user.id),
      }),
      // Resume from what the page has on screen; the client's own snapshot is never ahead of
      // it (message-store.ts), so nothing is skipped.
      lastSeenMessageId: this.#store.latestId(),
    });
    this.#listen();
    this.#wireControls();
    void this.#people.refresh();
  }

  /** Logs out on the server, then ends the session here. */
  async logout(): Promise<void> {
    try {
      await this.#init.api.logout(this.#init.token);
    } catch {
      // Already logged out or the server is away: the token is forgotten here either way.
    }
    await this.end();
  }

  async end(notice?: string): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#abort.abort();
    this.#store.save();
    await this.#client.close();
    this.#messages.clear();
    byId('connection', HTMLDivElement).replaceChildren();
    this.#init.onEnded(notice);
  }

  #listen(): void {
    const client = this.#client;
    client.addEventListener('statechange', (event) => {
      this.#banner(event.state);
    });
    client.addEventListener('rooms', (event) => {
      this.#rooms.setRooms(event.rooms, event.change === 'sync');
      const current = this.#current;
      if (current === undefined || client.room(current) === undefined) {
        const saved = sessionStorage.getItem(OPEN_ROOM_KEY) ?? '';
        const next = client.room(saved) === undefined ? event.rooms[0]?.id : saved;
        if (next !== undefined) this.#open(next);
      } else {
        byId('room-title', HTMLHeadingElement).textContent = this.#roomTitle(current);
      }
      if (event.change === 'left' && event.roomId !== undefined) {
        this.#store.forgetRoom(event.roomId);
      }
    });
    client.addEventListener('message', (event) => {
      const { message, roomId, own } = event;
      if (!this.#store.add(message)) return;
      this.#messages.add(message);
      if (roomId === this.#current) {
        client.markRead(roomId, message.id);
      } else if (!own && client.state === 'ready') {
        // Recovered messages are already in the server's unread count.
        this.#rooms.countUnread(roomId);
      }
    });
    client.addEventListener('pending', (event) => {
      this.#messages.addPending(event.entry);
    });
    client.addEventListener('failed', (event) => {
      this.#messages.failed(event.entry.clientMessageId, event.reason);
    });
    client.addEventListener('typing', (event) => {
      if (event.roomId === this.#current) this.#showTyping();
    });
    client.addEventListener('presence', (event) => {
      if (event.roomId === this.#current) this.#showOnline();
    });
    client.addEventListener('unauthorized', () => {
      void this.end('Your session has ended. Please log in again.');
    });
    window.addEventListener(
      'pagehide',
      () => {
        this.#store.save();
      },
      { signal: this.#abort.signal },
    );
  }

  #wireControls(): void {
    const signal = this.#abort.signal;
    const input = byId('message-input', HTMLInputElement);
    const error = byId('send-error', HTMLParagraphElement);
    byId('send-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        const roomId = this.#current;
        if (roomId === undefined) return;
        try {
          this.#client.send(roomId, input.value);
          input.value = '';
          error.textContent = '';
        } catch (cause) {
          error.textContent = cause instanceof ChatClientError ? cause.message : String(cause);
        }
      },
      { signal },
    );
    input.addEventListener(
      'input',
      () => {
        const roomId = this.#current;
        if (roomId === undefined || this.#client.state === 'closed') return;
        if (input.value.trim() === '') this.#client.stopTyping(roomId);
        else this.#client.typing(roomId);
      },
      { signal },
    );
    byId('load-older', HTMLButtonElement).addEventListener(
      'click',
      () => {
        void this.#loadOlder();
      },
      { signal },
    );
  }

  #open(roomId: string): void {
    this.#current = roomId;
    sessionStorage.setItem(OPEN_ROOM_KEY, roomId);
    byId('room-title', HTMLHeadingElement).textContent = this.#roomTitle(roomId);
    const pending = this.#client.outbox.filter((entry) => entry.roomId === roomId);
    const messages = this.#store.messages(roomId);
    this.#messages.show(roomId, messages, pending);
    this.#rooms.setCurrent(roomId);
    const last = messages.at(-1);
    if (last !== undefined) this.#client.markRead(roomId, last.id);
    byId('load-older', HTMLButtonElement).hidden = this.#olderExhausted.has(roomId);
    this.#showOnline();
    this.#showTyping();
  }

  async #loadOlder(): Promise<void> {
    const roomId = this.#current;
    if (roomId === undefined) return;
    const button = byId('load-older', HTMLButtonElement);
    button.disabled = true;
    try {
      const page = await this.#init.api.messagesBefore(
        this.#init.token,
        roomId,
        this.#store.oldestId(roomId),
        HISTORY_PAGE,
      );
      const list = byId('messages', HTMLOListElement);
      const fromBottom = list.scrollHeight - list.scrollTop;
      for (const message of page.messages) {
        if (this.#store.add(message)) this.#messages.add(message);
      }
      // Keep the reader where they were, not at the top of what was just added.
      list.scrollTop = list.scrollHeight - fromBottom;
      if (!page.hasMore) this.#olderExhausted.add(roomId);
      button.hidden = this.#current === roomId && !page.hasMore;
    } catch (cause) {
      byId('send-error', HTMLParagraphElement).textContent =
        `Loading older messages failed: ${cause instanceof Error ? cause.message : String(cause)}`;
    } finally {
      button.disabled = false;
    }
  }

  #banner(state: ChatClientState): void {
    const banner = byId('connection', HTMLDivElement);
    const text = BANNER_TEXT[state];
    if (text === '') {
      banner.replaceChildren();
      return;
    }
    const retry = el('button', { type: 'button', class: 'secondary' }, 'Retry now');
    retry.addEventListener('click', () => {
      this.#client.reconnect();
    });
    banner.replaceChildren(
      el('span', { class: `badge ${state === 'reconnecting' ? 'bad' : 'warn'}` }, text),
      ...(state === 'reconnecting' || state === 'closed' ? [' ', retry] : []),
    );
  }

  #showOnline(): void {
    const roomId = this.#current;
    const online = roomId === undefined ? [] : this.#client.onlineUsers(roomId);
    const me = this.#init.user;
    byId('online-list', HTMLUListElement).replaceChildren(
      ...online.map((id) =>
        el(
          'li',
          { 'data-user-id': id },
          el(
            'span',
            { class: 'badge ok' },
            id === me.id ? `${me.name} (you)` : this.#people.nameOf(id),
          ),
        ),
      ),
    );
  }

  #showTyping(): void {
    const roomId = this.#current;
    const users = roomId === undefined ? [] : this.#client.typingUsers(roomId);
    byId('typing', HTMLParagraphElement).textContent = this.#people.typingText(users);
  }

  #namesChanged(): void {
    this.#messages.refreshNames();
    this.#rooms.render();
    this.#showOnline();
    this.#showTyping();
    if (this.#current !== undefined) {
      byId('room-title', HTMLHeadingElement).textContent = this.#roomTitle(this.#current);
    }
  }

  #roomTitle(roomId: string): string {
    const room = this.#client.room(roomId);
    return room === undefined ? 'No room' : this.#roomName(room);
  }

  #roomName(room: WireRoom): string {
    if (room.name !== null) return room.name;
    const others = (room.member_ids ?? []).filter((id) => id !== this.#init.user.id);
    return `Direct: ${others.map((id) => this.#people.nameOf(id)).join(', ') || 'you'}`;
  }
}
