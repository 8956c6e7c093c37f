// The open room's messages as a list: stored messages in id order, then this user's unconfirmed
// ones (styled as pending) in send order. A pending item turns into the stored message when the
// server confirms it, in place. Content is always set as text: markup in a message is shown,
// never run.

import type { OutboxEntry, WireMessage } from '../../client/chat/index.ts';
import { el } from '../shared/dom.ts';

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export class MessageList {
  readonly #list: HTMLOListElement;
  readonly #nameOf: (userId: string) => string;
  #roomId: string | undefined;

  constructor(list: HTMLOListElement, nameOf: (userId: string) => string) {
    this.#list = list;
    this.#nameOf = nameOf;
  }

  get roomId(): string | undefined {
    return this.#roomId;
  }

  /** Shows another room (or the same one afresh). */
  show(roomId: string, messages: readonly WireMessage[], pending: readonly OutboxEntry[]): void {
    this.#roomId = roomId;
    this.#list.replaceChildren(...messages.map((message) => this.#item(message)));
    for (const entry of pending) this.addPending(entry);
    this.scrollToEnd();
  }

  clear(): void {
    this.#roomId = undefined;
    this.#list.replaceChildren();
  }

  /** A stored message of the open room (live, recovered or paged in). */
  add(message: WireMessage): void {
    if (message.room_id !== this.#roomId) return;
    if (this.#find('data-message-id', message.id) !== undefined) return;
    const pending = this.#find('data-client-id', message.client_message_id);
    const item = this.#item(message);
    if (pending?.classList.contains('pending') === true) pending.remove();
    const stick = this.#nearEnd();
    const next = [...this.#list.children].find((child) => {
      const id = child.getAttribute('data-message-id');
      return id === null || id > message.id;
    });
    this.#list.insertBefore(item, next ?? null);
    if (stick) this.scrollToEnd();
  }

  /** One of this user's messages, sent and not yet confirmed. */
  addPending(entry: OutboxEntry): void {
    if (entry.roomId !== this.#roomId) return;
    if (this.#find('data-client-id', entry.clientMessageId) !== undefined) return;
    const item = el(
      'li',
      { class: 'message pending', 'data-client-id': entry.clientMessageId },
      el('span', { class: 'author' }, 'You'),
      ' ',
      el('span', { class: 'status' }, 'sending…'),
      el('p', { class: 'content' }, entry.content),
    );
    this.#list.append(item);
    this.scrollToEnd();
  }

  /** The server refused one of this user's messages for good. */
  failed(clientMessageId: string, reason: string): void {
    const item = this.#find('data-client-id', clientMessageId);
    if (item === undefined) return;
    item.classList.replace('pending', 'failed');
    const status = item.querySelector('.status');
    if (status !== null) status.textContent = `not sent (${reason.replaceAll('_', ' ')})`;
  }

  /** Names learned later (a user created after the page loaded) replace the placeholders. */
  refreshNames(): void {
    for (const author of this.#list.querySelectorAll('[data-user-id]')) {
      const userId = author.getAttribute('data-user-id');
      if (userId !== null) author.textContent = this.#nameOf(userId);
    }
  }

  scrollToEnd(): void {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  #nearEnd(): boolean {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  }

  #find(attribute: string, value: string): Element | undefined {
    for (const child of this.#list.children) {
      if (child.getAttribute(attribute) === value) return child;
    }
    return undefined;
  }

  #item(message: WireMessage): HTMLLIElement {
    const created = new Date(message.created_at);
    return el(
      'li',
      {
        class: 'message',
        'data-message-id': message.id,
        'data-client-id': message.client_message_id,
      },
      el(
        'span',
        { class: 'author', 'data-user-id': message.creator_id },
        this.#nameOf(message.creator_id),
      ),
      ' ',
      el('time', { datetime: message.created_at }, TIME_FORMAT.format(created)),
      el('p', { class: 'content' }, message.content),
    );
  }
}
