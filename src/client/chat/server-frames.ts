// Reading what the chat server sends: one text frame → one typed ServerMessage, after checking
// the fields the client relies on (a frame that lies about its shape is reported, never half
// applied). Types the client does not know are skipped, as the protocol asks, so servers may add
// messages without breaking older clients. Message ids come out in their 20-digit form.

import type { ServerMessage, WireMessage } from '../../protocol/chat/messages.ts';
import { normalizeMessageId } from './message-ids.ts';

export type ParsedFrame =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  /** A type this client does not know: ignore it. */
  | { readonly kind: 'unknown'; readonly type: string }
  | { readonly kind: 'invalid'; readonly problem: string };

type Data = Record<string, unknown>;

/** Parses one frame; never throws. Binary frames are not part of the protocol. */
export function parseServerFrame(raw: string | ArrayBuffer): ParsedFrame {
  if (typeof raw !== 'string') return invalid('a binary frame');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return invalid('not JSON');
  }
  if (!isRecord(value) || typeof value.type !== 'string') return invalid('no "type"');
  const type = value.type;
  const check = CHECKS[type];
  if (check === undefined) return { kind: 'unknown', type };
  const data = value.data ?? {};
  if (!isRecord(data)) return invalid(`${type}: "data" is not an object`);
  const problem = check(data);
  if (problem !== undefined) return invalid(`${type}: ${problem}`);
  return { kind: 'message', message: { type, data } as ServerMessage };
}

/** The frame's JSON when it is the server's answer to a heartbeat Ping (and nothing else). */
export function isPongFrame(raw: string | ArrayBuffer): boolean {
  // Every frame passes here: rule out the rest (a 500-message recovery page) without parsing.
  if (typeof raw !== 'string' || raw.length > 64 || !raw.includes('"Pong"')) return false;
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) && value.type === 'Pong';
  } catch {
    return false;
  }
}

/** One check per known type: undefined when the data is usable; it may normalise ids in place. */
const CHECKS: Readonly<Record<string, (data: Data) => string | undefined>> = {
  AuthSuccess: (data) => {
    if (!isRecord(data.user) || typeof data.user.id !== 'string') return 'no user id';
    if (!Array.isArray(data.rooms) || !data.rooms.every(isRoom)) return 'bad rooms';
    return undefined;
  },
  AuthError: (data) => (typeof data.error === 'string' ? undefined : 'no error'),
  NewMessage: (data) => {
    if (!isMessage(data.message)) return 'bad message';
    data.room_id = data.message.room_id;
    return undefined;
  },
  MessageDelivered: (data) =>
    strings(data, 'client_message_id') ?? messageId(data, 'message_id', false),
  MessageError: (data) => strings(data, 'client_message_id', 'error') ?? retryAfter(data),
  TypingStart: (data) => strings(data, 'user_id', 'room_id'),
  TypingStop: (data) => strings(data, 'user_id', 'room_id'),
  UserJoined: (data) => strings(data, 'user_id', 'room_id'),
  UserLeft: (data) => strings(data, 'user_id', 'room_id'),
  PresenceUpdate: (data) => {
    const users = data.online_users;
    const ok = Array.isArray(users) && users.every((user) => typeof user === 'string');
    return strings(data, 'room_id') ?? (ok ? undefined : 'bad online_users');
  },
  RoomJoined: (data) => (isRoom(data.room) ? undefined : 'bad room'),
  RoomUpdated: (data) => (isRoom(data.room) ? undefined : 'bad room'),
  RoomLeft: (data) => strings(data, 'room_id'),
  SyncComplete: (data) =>
    messageId(data, 'last_message_id', true) ??
    (typeof data.has_more === 'boolean' ? undefined : 'bad has_more'),
  Pong: () => undefined,
  Error: (data) => strings(data, 'code', 'message') ?? retryAfter(data),
  Disconnect: (data) => strings(data, 'reason'),
};

function strings(data: Data, ...keys: string[]): string | undefined {
  const bad = keys.find((key) => typeof data[key] !== 'string');
  return bad === undefined ? undefined : `"${bad}" is not a string`;
}

function messageId(data: Data, key: string, nullable: boolean): string | undefined {
  const value = data[key];
  if (nullable && (value === null || value === undefined)) {
    data[key] = null;
    return undefined;
  }
  const id = typeof value === 'string' ? normalizeMessageId(value) : undefined;
  if (id === undefined) return `"${key}" is not a message id`;
  data[key] = id;
  return undefined;
}

function retryAfter(data: Data): string | undefined {
  const value = data.retry_after_ms;
  if (value === undefined) return undefined;
  return typeof value === 'number' && value >= 0 ? undefined : 'bad retry_after_ms';
}

function isMessage(value: unknown): value is WireMessage {
  if (!isRecord(value)) return false;
  const keys = ['room_id', 'creator_id', 'content', 'client_message_id', 'created_at'];
  return strings(value, ...keys) === undefined && messageId(value, 'id', false) === undefined;
}

function isRoom(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string';
}

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(problem: string): ParsedFrame {
  return { kind: 'invalid', problem };
}
