// HTTP routes for rooms: list (with unread counts), create (open, closed, or the one direct
// room of a set of users), get, rename, members, message pages (`after` is the polling
// fallback), sending (same rules and idempotency as the WebSocket), and read positions.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MAX_CONTENT_CHARS, checkLabel } from '../../protocol/chat/content.ts';
import {
  MAX_NAME_CHARS,
  addMembersBodySchema,
  createRoomBodySchema,
  markReadBodySchema,
  messagesQuerySchema,
  renameRoomBodySchema,
  sendMessageBodySchema,
  type CreateRoomBody,
} from '../../protocol/chat/http.ts';
import { parseMessageId } from '../../protocol/chat/message-id.ts';
import { HearthError } from '../../protocol/errors.ts';
import { requireSession } from './http-auth.ts';
import { parseWith, requireMembership, roomIdParam } from './http-common.ts';
import type { RoomEvents } from './room-events.ts';
import type { ChatRuntime } from './runtime.ts';
import { sendMessage, type SendResult } from './send-message.ts';
import type { MembershipView, RoomRecord, UserRecord } from './store.ts';
import { optionalId, wireMessage, wireRoom } from './wire.ts';

export function registerRoomRoutes(
  http: FastifyInstance,
  runtime: ChatRuntime,
  events: RoomEvents,
): void {
  const { store } = runtime;

  const roomView = async (view: MembershipView) =>
    wireRoom(view.room, {
      view,
      memberIds: view.room.kind === 'open' ? undefined : await store.memberIds(view.room.id),
    });

  http.get('/api/rooms', async (request) => {
    const { user } = await requireSession(runtime, request);
    const views = await store.memberships(user.id);
    return { rooms: await Promise.all(views.map(roomView)) };
  });

  http.post('/api/rooms', async (request, reply) => {
    const { user } = await requireSession(runtime, request);
    const body = parseWith(createRoomBodySchema, request.body);
    const { room, created } = await createRoom(runtime, events, user, body);
    const view = await requireMembership(runtime, room.id, user.id);
    return reply.code(created ? 201 : 200).send({ room: await roomView(view) });
  });

  http.get('/api/rooms/:id', async (request) => {
    const { user } = await requireSession(runtime, request);
    const view = await requireMembership(runtime, roomIdParam(request.params), user.id);
    return { room: await roomView(view) };
  });

  http.patch('/api/rooms/:id', async (request) => {
    const { user } = await requireSession(runtime, request);
    const room = await managedRoom(runtime, roomIdParam(request.params), user);
    if (room.kind === 'direct') throw new HearthError('bad_request', 'direct rooms have no name');
    const name = roomName(parseWith(renameRoomBodySchema, request.body).name);
    const renamed = await store.renameRoom(room.id, name, runtime.now());
    if (renamed === undefined) throw new HearthError('not_found', 'no such room');
    await events.updated(renamed);
    return { room: wireRoom(renamed, { memberIds: await store.memberIds(room.id) }) };
  });

  http.post('/api/rooms/:id/members', async (request) => {
    const { user } = await requireSession(runtime, request);
    const room = await managedRoom(runtime, roomIdParam(request.params), user);
    requireClosed(room);
    const { user_ids: userIds } = parseWith(addMembersBodySchema, request.body);
    await requireUsers(runtime, userIds);
    const added = await store.addMembers(room.id, userIds, runtime.now());
    if (added.length > 0) {
      runtime.logger.info({ room: room.id, by: user.id, added }, 'chat members added');
      await events.added(room, added);
    }
    return { room: wireRoom(room, { memberIds: await store.memberIds(room.id) }), added };
  });

  http.delete('/api/rooms/:id/members/:userId', async (request) => {
    const { user } = await requireSession(runtime, request);
    const roomId = roomIdParam(request.params);
    const target = (request.params as { userId: string }).userId;
    // Anyone may leave a closed room; removing someone else takes an admin or the creator.
    const room =
      target === user.id
        ? (await requireMembership(runtime, roomId, user.id)).room
        : await managedRoom(runtime, roomId, user);
    requireClosed(room);
    if (!(await store.removeMember(room.id, target, runtime.now()))) {
      throw new HearthError('not_found', 'not a member of this room');
    }
    runtime.logger.info({ room: room.id, by: user.id, removed: target }, 'chat member removed');
    await events.removed(room, target);
    return { room: wireRoom(room, { memberIds: await store.memberIds(room.id) }) };
  });

  http.get('/api/rooms/:id/messages', async (request) => {
    const { user } = await requireSession(runtime, request);
    const view = await requireMembership(runtime, roomIdParam(request.params), user.id);
    const query = parseWith(messagesQuerySchema, request.query);
    const page = await store.messagesPage(view.room.id, {
      limit: query.limit,
      ...(query.before === undefined ? {} : { before: messageId(query.before) }),
      ...(query.after === undefined ? {} : { after: messageId(query.after) }),
    });
    return { messages: page.messages.map(wireMessage), has_more: page.hasMore };
  });

  http.post('/api/rooms/:id/messages', async (request, reply) => {
    const { user } = await requireSession(runtime, request);
    const roomId = roomIdParam(request.params);
    const body = parseWith(sendMessageBodySchema, request.body);
    const result = await sendMessage(runtime, user, {
      roomId,
      content: body.content,
      clientMessageId: body.client_message_id,
    });
    if (!result.ok) throw httpError(result);
    return reply.code(result.created ? 201 : 200).send({ message: wireMessage(result.message) });
  });

  http.post('/api/rooms/:id/read', async (request) => {
    const { user } = await requireSession(runtime, request);
    const roomId = roomIdParam(request.params);
    const body = parseWith(markReadBodySchema, request.body);
    const view = await store.markRead(roomId, user.id, messageId(body.message_id));
    if (view === undefined) throw new HearthError('not_found', 'no such room');
    return {
      room_id: roomId,
      last_read_message_id: optionalId(view.lastReadMessageId),
      unread: view.unread,
    };
  });
}

async function createRoom(
  runtime: ChatRuntime,
  events: RoomEvents,
  user: UserRecord,
  body: CreateRoomBody,
): Promise<{ room: RoomRecord; created: boolean }> {
  const { store } = runtime;
  const others =
    body.kind === 'direct' ? body.user_ids : body.kind === 'closed' ? (body.member_ids ?? []) : [];
  await requireUsers(runtime, others);
  const memberIds = [...new Set([user.id, ...others])].sort();
  const directKey = body.kind === 'direct' ? memberIds.join(',') : null;
  if (directKey !== null) {
    const existing = await store.roomByDirectKey(directKey);
    if (existing !== undefined) return { room: existing, created: false };
  }
  let result;
  try {
    result = await store.createRoom({
      id: randomUUID(),
      kind: body.kind,
      name: body.kind === 'direct' ? null : roomName(body.name),
      creatorId: user.id,
      directKey,
      memberIds,
      createdAt: runtime.now(),
    });
  } catch (error) {
    // Two requests for the same direct room at once: the second finds the first's.
    const existing = directKey === null ? undefined : await store.roomByDirectKey(directKey);
    if (existing !== undefined) return { room: existing, created: false };
    throw error;
  }
  runtime.logger.info({ room: result.room.id, kind: body.kind, by: user.id }, 'chat room created');
  await events.created(result.room, result.memberIds);
  return { room: result.room, created: true };
}

/** A room the caller may manage (admins and its creator); others get 403, or 404 if outside. */
async function managedRoom(runtime: ChatRuntime, roomId: string, user: UserRecord) {
  const room = await runtime.store.roomById(roomId);
  if (room === undefined) throw new HearthError('not_found', 'no such room');
  if (user.admin || room.creatorId === user.id) return room;
  if (await runtime.store.isMember(roomId, user.id)) {
    throw new HearthError('forbidden', 'only admins and the room creator may do this');
  }
  throw new HearthError('not_found', 'no such room');
}

function requireClosed(room: RoomRecord): void {
  if (room.kind === 'open')
    throw new HearthError('bad_request', 'everyone is a member of an open room');
  if (room.kind === 'direct')
    throw new HearthError('bad_request', 'direct rooms have fixed members');
}

async function requireUsers(runtime: ChatRuntime, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = new Set(await runtime.store.existingUserIds(userIds));
  const missing = userIds.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new HearthError('bad_request', `unknown user ids: ${missing.slice(0, 5).join(', ')}`);
}

function roomName(raw: string): string {
  const name = checkLabel(raw, MAX_NAME_CHARS);
  if (name === undefined) {
    throw new HearthError('bad_request', `name must be 1-${MAX_NAME_CHARS} printable characters`);
  }
  return name;
}

function messageId(text: string): number {
  const id = parseMessageId(text);
  if (id === undefined) throw new HearthError('bad_request', 'message id out of range');
  return id;
}

function httpError(result: Extract<SendResult, { ok: false }>): HearthError {
  switch (result.error) {
    case 'not_a_member':
      return new HearthError('not_found', 'no such room');
    case 'rate_limited':
      return new HearthError('rate_limited', 'too many messages', {
        retryAfterMs: result.retryAfterMs ?? 60_000,
      });
    case 'too_long':
      return new HearthError(
        'bad_request',
        `content is longer than ${MAX_CONTENT_CHARS} characters`,
      );
    case 'empty':
      return new HearthError('bad_request', 'content is empty');
    case 'duplicate_client_message_id':
      return new HearthError('bad_request', 'client_message_id is already used in this room');
    case 'unavailable':
      return new HearthError('unavailable', 'could not store the message, try again');
  }
}
