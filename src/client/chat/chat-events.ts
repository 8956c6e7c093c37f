// What a ChatClient tells UI code: the event classes, the map from event name to class for
// TypedEventTarget, the client's states, and its one error type with a typed code. Standard
// web APIs only (Event, Error), so browsers and Node 24 alike.

import type { WireMessage, WireRoom, WireUser } from '../../protocol/chat/messages.ts';
import type { OutboxEntry } from './outbox.ts';

/**
 * 'connecting': opening a socket, or authenticating on it. 'syncing': authenticated, receiving
 * what was missed. 'ready': caught up; messages are sent as they are written. 'reconnecting':
 * waiting to retry. 'closed': `close()` was called, or the server refused the session (4401);
 * `reconnect()` starts again.
 */
export type ChatClientState = 'connecting' | 'syncing' | 'ready' | 'reconnecting' | 'closed';

export type ChatClientErrorCode =
  /** The server sent `Error{code, message}` (see `serverCode`); the connection stays. */
  | 'server-error'
  /** A frame from the server that is not what the protocol says; it was ignored. */
  | 'bad-server-frame'
  /** The transport failed: a socket error, a connect timeout, a silent connection. */
  | 'transport'
  /** Loading or saving the persisted snapshot failed. */
  | 'persistence'
  /** `send`: the content is empty or too long (see `reason`); nothing was queued. */
  | 'invalid-content'
  /** `send`: too many unconfirmed messages (`maxOutbox`). */
  | 'outbox-full'
  /** `markRead`: not a message id. */
  | 'invalid-message-id'
  /** The client was closed. */
  | 'closed';

/** The client's errors: thrown by its methods and carried by `error` events. */
export class ChatClientError extends Error {
  readonly code: ChatClientErrorCode;
  /** With 'server-error': the server's `Error.code` (`not_a_member`, `rate_limited`, …). */
  readonly serverCode: string | undefined;
  /** With 'invalid-content': `empty` or `too_long`. */
  readonly reason: string | undefined;

  constructor(
    code: ChatClientErrorCode,
    message: string,
    options: ErrorOptions & { serverCode?: string; reason?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChatClientError';
    this.code = code;
    this.serverCode = options.serverCode;
    this.reason = options.reason;
  }
}

export class ChatStateChangeEvent extends Event {
  readonly state: ChatClientState;
  constructor(state: ChatClientState) {
    super('statechange');
    this.state = state;
  }
}

/** Authenticated (AuthSuccess): who the user is and their rooms; recovery follows. */
export class ConnectedEvent extends Event {
  readonly user: WireUser;
  readonly rooms: readonly WireRoom[];
  constructor(user: WireUser, rooms: readonly WireRoom[]) {
    super('connected');
    this.user = user;
    this.rooms = rooms;
  }
}

/** Caught up: every missed message has been dispatched; live messages follow. */
export class SyncedEvent extends Event {
  /** The resume point now (the next connection recovers from here). */
  readonly lastSeenMessageId: string | null;
  constructor(lastSeenMessageId: string | null) {
    super('synced');
    this.lastSeenMessageId = lastSeenMessageId;
  }
}

/**
 * A stored message, live or recovered: each once, recovered ones in id order. The sender's own
 * messages come this way too (`own`); match them to `pending` by `message.client_message_id`.
 */
export class ChatMessageEvent extends Event {
  readonly roomId: string;
  readonly message: WireMessage;
  /** Written by this user (from this client or another of their tabs and devices). */
  readonly own: boolean;
  constructor(message: WireMessage, own: boolean) {
    super('message');
    this.roomId = message.room_id;
    this.message = message;
    this.own = own;
  }
}

/**
 * A message of this client waits for the server: just sent (show it at once, as unconfirmed),
 * or postponed because the server asked (`retryAfterMs`: rate limited, store unavailable).
 */
export class PendingEvent extends Event {
  readonly entry: OutboxEntry;
  readonly retryAfterMs: number | undefined;
  constructor(entry: OutboxEntry, retryAfterMs?: number) {
    super('pending');
    this.entry = entry;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The server stored a message of this client's outbox, once, under `messageId`. */
export class DeliveredEvent extends Event {
  readonly clientMessageId: string;
  readonly messageId: string;
  readonly roomId: string;
  constructor(entry: OutboxEntry, messageId: string) {
    super('delivered');
    this.clientMessageId = entry.clientMessageId;
    this.messageId = messageId;
    this.roomId = entry.roomId;
  }
}

/** The server refused a message for good (`too_long`, `empty`, `not_a_member`, …). */
export class FailedEvent extends Event {
  readonly entry: OutboxEntry;
  readonly reason: string;
  constructor(entry: OutboxEntry, reason: string) {
    super('failed');
    this.entry = entry;
    this.reason = reason;
  }
}

/** Another user started or stopped typing in a room (changes only; never this user). */
export class TypingEvent extends Event {
  readonly roomId: string;
  readonly userId: string;
  readonly typing: boolean;
  constructor(roomId: string, userId: string, typing: boolean) {
    super('typing');
    this.roomId = roomId;
    this.userId = userId;
    this.typing = typing;
  }
}

/** A room's online users changed (a PresenceUpdate, or one user joining or leaving). */
export class PresenceEvent extends Event {
  readonly roomId: string;
  /** Sorted user ids, this user included. */
  readonly onlineUsers: readonly string[];
  /** The user who came online or went offline; undefined for a whole-list update. */
  readonly userId: string | undefined;
  readonly online: boolean | undefined;
  constructor(roomId: string, onlineUsers: readonly string[], change?: [string, boolean]) {
    super('presence');
    this.roomId = roomId;
    this.onlineUsers = onlineUsers;
    this.userId = change?.[0];
    this.online = change?.[1];
  }
}

/** 'sync': the list from AuthSuccess; then one room joined, left or updated. */
export type RoomsChange = 'sync' | 'joined' | 'left' | 'updated';

export class RoomsEvent extends Event {
  readonly rooms: readonly WireRoom[];
  readonly change: RoomsChange;
  /** The room that changed; undefined for 'sync'. */
  readonly roomId: string | undefined;
  constructor(rooms: readonly WireRoom[], change: RoomsChange, roomId?: string) {
    super('rooms');
    this.rooms = rooms;
    this.change = change;
    this.roomId = roomId;
  }
}

/** A connection ended (one per connection that opened); `willReconnect` says what follows. */
export class DisconnectedEvent extends Event {
  readonly code: number;
  /** The server's `Disconnect.reason` when it sent one (`server_restart`, …), else the close reason. */
  readonly reason: string;
  readonly willReconnect: boolean;
  constructor(code: number, reason: string, willReconnect: boolean) {
    super('disconnected');
    this.code = code;
    this.reason = reason;
    this.willReconnect = willReconnect;
  }
}

/**
 * The server refused the session (4401: bad token, or logged out): the client stopped and will
 * not retry with it. Log in again, then `reconnect()` (with a token function) or make a new client.
 */
export class UnauthorizedEvent extends Event {
  readonly code: number;
  /** `logged_out`, `unauthorized`, or the AuthError text. */
  readonly reason: string;
  constructor(code: number, reason: string) {
    super('unauthorized');
    this.code = code;
    this.reason = reason;
  }
}

export class ChatErrorEvent extends Event {
  readonly error: ChatClientError;
  constructor(error: ChatClientError) {
    super('error');
    this.error = error;
  }
}

export interface ChatClientEventMap {
  statechange: ChatStateChangeEvent;
  connected: ConnectedEvent;
  synced: SyncedEvent;
  message: ChatMessageEvent;
  pending: PendingEvent;
  delivered: DeliveredEvent;
  failed: FailedEvent;
  typing: TypingEvent;
  presence: PresenceEvent;
  rooms: RoomsEvent;
  disconnected: DisconnectedEvent;
  unauthorized: UnauthorizedEvent;
  error: ChatErrorEvent;
}
