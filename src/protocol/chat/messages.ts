// The chat wire protocol v1 (specs/chat.md): `{"type": "PascalCase", "data": {...}}` text
// frames, the schemas that validate what clients send, and the shapes of what the server
// sends. Shared by the server app and clients, so every message name is defined once here.

import { z } from 'zod';

export const ClientMessageType = {
  Auth: 'Auth',
  NewMessage: 'NewMessage',
  TypingStart: 'TypingStart',
  TypingStop: 'TypingStop',
  MarkRead: 'MarkRead',
  /** Hearth extension: the next page of a recovery that ended with `has_more: true`. */
  Sync: 'Sync',
  Ping: 'Ping',
} as const;

export const ServerMessageType = {
  AuthSuccess: 'AuthSuccess',
  AuthError: 'AuthError',
  NewMessage: 'NewMessage',
  MessageDelivered: 'MessageDelivered',
  MessageError: 'MessageError',
  TypingStart: 'TypingStart',
  TypingStop: 'TypingStop',
  UserJoined: 'UserJoined',
  UserLeft: 'UserLeft',
  PresenceUpdate: 'PresenceUpdate',
  RoomJoined: 'RoomJoined',
  RoomLeft: 'RoomLeft',
  RoomUpdated: 'RoomUpdated',
  SyncComplete: 'SyncComplete',
  Pong: 'Pong',
  Error: 'Error',
  Disconnect: 'Disconnect',
} as const;

/** Why a `NewMessage` was not stored (`MessageError.error`). */
export const MessageErrorReason = {
  RateLimited: 'rate_limited',
  TooLong: 'too_long',
  Empty: 'empty',
  NotAMember: 'not_a_member',
  /** The client_message_id was already used in this room by another user. */
  DuplicateClientMessageId: 'duplicate_client_message_id',
  /** The store could not commit; retry later with the same client_message_id. */
  Unavailable: 'unavailable',
} as const;
export type MessageErrorReason = (typeof MessageErrorReason)[keyof typeof MessageErrorReason];

/** `Error.code` values. */
export const ChatErrorCode = {
  MalformedMessage: 'malformed_message',
  UnknownType: 'unknown_type',
  Unauthorized: 'unauthorized',
  TooManyConnections: 'too_many_connections',
  TooManyRooms: 'too_many_rooms',
  RateLimited: 'rate_limited',
  NotAMember: 'not_a_member',
  Unavailable: 'unavailable',
} as const;
export type ChatErrorCode = (typeof ChatErrorCode)[keyof typeof ChatErrorCode];

/** `Disconnect.reason` values: why the server is closing the connection on purpose. */
export const DisconnectReason = {
  Unauthorized: 'unauthorized',
  TooManyConnections: 'too_many_connections',
  LoggedOut: 'logged_out',
  GoingAway: 'going_away',
  ServerRestart: 'server_restart',
  AuthTimeout: 'auth_timeout',
  RateLimited: 'rate_limited',
  PolicyViolation: 'policy_violation',
  InternalError: 'internal_error',
  Closing: 'closing',
} as const;
export type DisconnectReason = (typeof DisconnectReason)[keyof typeof DisconnectReason];

export const ROOM_KINDS = ['open', 'closed', 'direct'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

// ---- Shapes the server sends --------------------------------------------------------------

export interface WireUser {
  readonly id: string;
  readonly name: string;
  readonly admin: boolean;
  /** Only in the user's own record (AuthSuccess, /users/me) and to admins. */
  readonly email?: string;
  readonly created_at: string;
}

export interface WireRoom {
  readonly id: string;
  readonly kind: RoomKind;
  /** null for direct rooms, which are named by their members. */
  readonly name: string | null;
  readonly creator_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  /** Members of closed and direct rooms; omitted for open rooms (everyone is a member). */
  readonly member_ids?: readonly string[];
  /** Per-user facts, present where the room is shown to one user (lists, AuthSuccess). */
  readonly last_message_id?: string | null;
  readonly last_read_message_id?: string | null;
  readonly unread?: number;
}

export interface WireMessage {
  /** 20 zero-padded digits: ids sort in commit order as strings. */
  readonly id: string;
  readonly room_id: string;
  readonly creator_id: string;
  readonly content: string;
  readonly client_message_id: string;
  readonly created_at: string;
}

export type ServerMessage =
  | { type: 'AuthSuccess'; data: { user: WireUser; rooms: WireRoom[] } }
  | { type: 'AuthError'; data: { error: string } }
  | { type: 'NewMessage'; data: { message: WireMessage; room_id: string } }
  | { type: 'MessageDelivered'; data: { client_message_id: string; message_id: string } }
  | {
      type: 'MessageError';
      data: { client_message_id: string; error: MessageErrorReason; retry_after_ms?: number };
    }
  | { type: 'TypingStart' | 'TypingStop'; data: { user_id: string; room_id: string } }
  | { type: 'UserJoined' | 'UserLeft'; data: { user_id: string; room_id: string } }
  | { type: 'PresenceUpdate'; data: { room_id: string; online_users: string[] } }
  | { type: 'RoomJoined' | 'RoomUpdated'; data: { room: WireRoom } }
  | { type: 'RoomLeft'; data: { room_id: string } }
  | { type: 'SyncComplete'; data: { last_message_id: string | null; has_more: boolean } }
  | { type: 'Pong' }
  | { type: 'Error'; data: { code: ChatErrorCode; message: string; retry_after_ms?: number } }
  | { type: 'Disconnect'; data: { reason: DisconnectReason } };

// ---- What clients send -----------------------------------------------------------------------

/** Room and user ids are opaque strings chosen by the server. */
export const idSchema = z.string().min(1).max(64);
/** A message id as the wire carries it (zero-padded or not). */
export const messageIdSchema = z.string().regex(/^\d{1,20}$/, 'must be a message id (digits)');
/** The client's idempotency key: a UUID (any version; case-insensitive). */
export const clientMessageIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'must be a UUID');
/** Generous: a session token is 43 characters; longer input is junk, not a token. */
export const sessionTokenSchema = z.string().min(1).max(256);

const roomRef = z.object({ room_id: idSchema });

export const CLIENT_MESSAGE_SCHEMAS = {
  Auth: z.object({
    type: z.literal('Auth'),
    data: z.object({
      session_token: sessionTokenSchema,
      last_seen_message_id: messageIdSchema.nullable().optional(),
    }),
  }),
  NewMessage: z.object({
    type: z.literal('NewMessage'),
    // Content length is checked after control characters are stripped (MessageError
    // too_long); the frame size limit bounds what reaches this schema.
    data: z.object({
      room_id: idSchema,
      content: z.string(),
      client_message_id: clientMessageIdSchema,
    }),
  }),
  TypingStart: z.object({ type: z.literal('TypingStart'), data: roomRef }),
  TypingStop: z.object({ type: z.literal('TypingStop'), data: roomRef }),
  MarkRead: z.object({
    type: z.literal('MarkRead'),
    data: z.object({ room_id: idSchema, message_id: messageIdSchema }),
  }),
  Sync: z.object({ type: z.literal('Sync'), data: z.object({}).optional() }),
  Ping: z.object({ type: z.literal('Ping'), data: z.unknown().optional() }),
} as const;

type Schemas = typeof CLIENT_MESSAGE_SCHEMAS;
export type ClientMessage = z.infer<Schemas[keyof Schemas]>;
export type AuthMessage = z.infer<Schemas['Auth']>;
export type NewMessageMessage = z.infer<Schemas['NewMessage']>;
export type MarkReadMessage = z.infer<Schemas['MarkRead']>;

export type DecodedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly code: ChatErrorCode; readonly message: string };

/** Parses and validates one text frame; never throws. */
export function decodeClientMessage(text: string): DecodedClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return malformed('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return malformed('a message must be a JSON object');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return malformed('"type" is missing or not a string');
  if (!Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, type)) {
    return {
      ok: false,
      code: ChatErrorCode.UnknownType,
      message: `unknown message type "${type.slice(0, 64)}"`,
    };
  }
  const result = CLIENT_MESSAGE_SCHEMAS[type as keyof Schemas].safeParse(value);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.map(String).join('.') ?? '';
  return malformed(`${type}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
}

function malformed(message: string): DecodedClientMessage {
  return { ok: false, code: ChatErrorCode.MalformedMessage, message };
}
