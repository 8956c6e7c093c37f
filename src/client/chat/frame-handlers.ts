// What the chat client does with each server message, and with the connection's open and end.
// Functions over the ChatContext; the client wires them to its socket. The order the server
// guarantees (AuthSuccess, PresenceUpdate per room, missed messages, SyncComplete) is what the
// phases rely on: 'syncing' from AuthSuccess, 'ready' at the SyncComplete without has_more.

import { TERMINAL_CLOSE_CODES } from '../../protocol/close-codes.ts';
import type { ServerMessage, WireMessage } from '../../protocol/chat/messages.ts';
import type { SocketCloseEvent } from '../reconnecting-socket-events.ts';
import {
  ChatClientError,
  ChatMessageEvent,
  ConnectedEvent,
  DisconnectedEvent,
  FailedEvent,
  PendingEvent,
  PresenceEvent,
  RoomsEvent,
  SyncedEvent,
  UnauthorizedEvent,
} from './chat-events.ts';
import type { ChatContext } from './client-context.ts';
import { parseServerFrame } from './server-frames.ts';

/** When the server asks to wait without saying how long (it always says today). */
const DEFAULT_RETRY_AFTER_MS = 1000;
/** A message the store could not commit is sent again after this long, same id. */
const UNAVAILABLE_RETRY_MS = 2000;

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** The socket opened: authenticate before anything else (the server accepts nothing else). */
export function connectionOpened(ctx: ChatContext): void {
  ctx.opened = true;
  ctx.disconnectReason = undefined;
  ctx.authError = undefined;
  const token = ctx.attemptToken ?? '';
  ctx.send({
    type: 'Auth',
    data: { session_token: token, last_seen_message_id: ctx.tracker.resumeFrom },
  });
}

/** The connection (or an attempt) ended: everything tied to it is reset for the next one. */
export function connectionLost(ctx: ChatContext, event: SocketCloseEvent): void {
  const opened = ctx.opened;
  ctx.opened = false;
  // As the socket does: listeners of the events below read the state that follows.
  ctx.setState(event.willReconnect && !ctx.closed ? 'reconnecting' : 'closed');
  ctx.tracker.connectionLost();
  // Whatever was in flight may or may not be stored: it goes again, same id, after the resync.
  ctx.outbox.requeueInFlight();
  ctx.typing.reset();
  for (const change of ctx.remoteTyping.clear()) ctx.emitTyping(change);
  if (!opened) return;
  const reason = ctx.disconnectReason ?? ctx.authError ?? event.reason;
  ctx.emit(new DisconnectedEvent(event.code, reason, event.willReconnect));
  if (TERMINAL_CLOSE_CODES.has(event.code)) ctx.emit(new UnauthorizedEvent(event.code, reason));
}

/** One frame from the server. */
export function handleServerFrame(ctx: ChatContext, raw: string | ArrayBuffer): void {
  const parsed = parseServerFrame(raw);
  if (parsed.kind === 'unknown') return; // newer servers may add types: ignored by design
  if (parsed.kind === 'invalid') {
    ctx.emitError(new ChatClientError('bad-server-frame', parsed.problem));
    return;
  }
  const message = parsed.message;
  switch (message.type) {
    case 'AuthSuccess':
      authenticated(ctx, message);
      return;
    case 'AuthError':
      ctx.authError = message.data.error;
      return;
    case 'NewMessage':
      for (const received of ctx.tracker.received(message.data.message)) deliver(ctx, received);
      return;
    case 'SyncComplete':
      syncComplete(ctx, message);
      return;
    case 'MessageDelivered':
      ctx.confirm(message.data.client_message_id, message.data.message_id);
      return;
    case 'MessageError':
      messageError(ctx, message);
      return;
    case 'TypingStart':
    case 'TypingStop':
      typing(ctx, message);
      return;
    case 'UserJoined':
    case 'UserLeft':
    case 'PresenceUpdate':
      presence(ctx, message);
      return;
    case 'RoomJoined':
    case 'RoomUpdated':
    case 'RoomLeft':
      roomChange(ctx, message);
      return;
    case 'Error':
      serverError(ctx, message);
      return;
    case 'Disconnect':
      ctx.disconnectReason = message.data.reason;
      return;
    case 'Pong':
      return; // liveness only (the socket counted it)
  }
}

function authenticated(ctx: ChatContext, message: Of<'AuthSuccess'>): void {
  const { user, rooms } = message.data;
  ctx.user = user;
  ctx.rooms.replaceAll(rooms);
  ctx.tracker.connectionStarted();
  ctx.setState('syncing');
  ctx.emit(new ConnectedEvent(user, ctx.rooms.rooms));
  ctx.emit(new RoomsEvent(ctx.rooms.rooms, 'sync'));
}

function syncComplete(ctx: ChatContext, message: Of<'SyncComplete'>): void {
  const { last_message_id: lastMessageId, has_more: hasMore } = message.data;
  // Only recovery pages matter: the answer to a Sync nobody needed says nothing new.
  if (ctx.tracker.synced || ctx.state !== 'syncing') return;
  for (const released of ctx.tracker.pageComplete(lastMessageId, hasMore)) deliver(ctx, released);
  ctx.saver.markChanged(false);
  if (ctx.closed) return; // a `message` listener closed the client
  if (hasMore) {
    // The next page; live messages meanwhile are held by the tracker until it is covered.
    ctx.send({ type: 'Sync' });
    return;
  }
  ctx.setState('ready');
  ctx.flushReads();
  ctx.emit(new SyncedEvent(ctx.tracker.resumeFrom));
  // Every unconfirmed message goes again now, with its own id: the server stores each once.
  ctx.pump();
}

/** A message the app may see: confirms an own outbox entry, then the `message` event. */
function deliver(ctx: ChatContext, message: WireMessage): void {
  const own = message.creator_id === ctx.user?.id;
  if (own && ctx.outbox.get(message.client_message_id)?.roomId === message.room_id) {
    // Its MessageDelivered was lost with a connection: the recovered copy confirms it.
    ctx.confirm(message.client_message_id, message.id);
  }
  if (ctx.remoteTyping.stop(message.room_id, message.creator_id)) {
    ctx.emitTyping({ roomId: message.room_id, userId: message.creator_id, typing: false });
  }
  ctx.rooms.noteMessage(message.room_id, message.id);
  ctx.saver.markChanged(false);
  ctx.emit(new ChatMessageEvent(message, own));
}

function messageError(ctx: ChatContext, message: Of<'MessageError'>): void {
  const { client_message_id: id, error } = message.data;
  const entry = ctx.outbox.get(id);
  if (entry === undefined) return;
  if (error === 'rate_limited' || error === 'unavailable') {
    const waitMs =
      error === 'rate_limited'
        ? (message.data.retry_after_ms ?? DEFAULT_RETRY_AFTER_MS)
        : UNAVAILABLE_RETRY_MS;
    ctx.outbox.retryLater(id, performance.now() + waitMs);
    ctx.emit(new PendingEvent(entry, waitMs));
    ctx.pump();
    return;
  }
  // too_long, empty, not_a_member, duplicate_client_message_id, and any reason added later:
  // sending the same message again cannot succeed.
  ctx.outbox.remove(id);
  ctx.saver.markChanged(true);
  ctx.emit(new FailedEvent(entry, error));
  ctx.pump();
}

function typing(ctx: ChatContext, message: Of<'TypingStart' | 'TypingStop'>): void {
  const { user_id: userId, room_id: roomId } = message.data;
  // The typist's other tabs get their indicators too: a user is never shown typing to themself.
  if (userId === ctx.user?.id) return;
  const changed =
    message.type === 'TypingStart'
      ? ctx.remoteTyping.start(roomId, userId)
      : ctx.remoteTyping.stop(roomId, userId);
  if (changed) ctx.emitTyping({ roomId, userId, typing: message.type === 'TypingStart' });
}

function presence(ctx: ChatContext, message: Of<'UserJoined' | 'UserLeft' | 'PresenceUpdate'>) {
  const roomId = message.data.room_id;
  if (message.type === 'PresenceUpdate') {
    ctx.rooms.setOnline(roomId, message.data.online_users);
    ctx.emit(new PresenceEvent(roomId, ctx.rooms.onlineUsers(roomId)));
    return;
  }
  const { user_id: userId } = message.data;
  const online = message.type === 'UserJoined';
  if (!ctx.rooms.markOnline(roomId, userId, online)) return;
  ctx.emit(new PresenceEvent(roomId, ctx.rooms.onlineUsers(roomId), [userId, online]));
}

function roomChange(ctx: ChatContext, message: Of<'RoomJoined' | 'RoomUpdated' | 'RoomLeft'>) {
  if (message.type === 'RoomLeft') {
    const roomId = message.data.room_id;
    if (!ctx.rooms.remove(roomId)) return;
    ctx.typing.ended(roomId);
    for (const change of ctx.remoteTyping.clear(roomId)) ctx.emitTyping(change);
    ctx.emit(new RoomsEvent(ctx.rooms.rooms, 'left', roomId));
    return;
  }
  const room = message.data.room;
  ctx.rooms.upsert(room);
  const change = message.type === 'RoomJoined' ? 'joined' : 'updated';
  ctx.emit(new RoomsEvent(ctx.rooms.rooms, change, room.id));
}

function serverError(ctx: ChatContext, message: Of<'Error'>): void {
  const { code, message: text, retry_after_ms: retryAfterMs } = message.data;
  if (code === 'rate_limited') {
    // Frames over the connection's rate were dropped unanswered, maybe messages among them:
    // everything unanswered goes again (same ids) once the server allows.
    const waitMs = retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    ctx.outbox.requeueInFlight(performance.now() + waitMs);
    ctx.pump();
  }
  ctx.emitError(new ChatClientError('server-error', text, { serverCode: code }));
}
