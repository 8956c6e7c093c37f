// Turning store records into the chat wire shapes (snake_case, 20-digit message ids, ISO
// times) and sending server messages. The only place that knows both sides' field names.

import type { Connection } from '../../core/connection.ts';
import { formatMessageId } from '../../protocol/chat/message-id.ts';
import type {
  ServerMessage,
  WireMessage,
  WireRoom,
  WireUser,
} from '../../protocol/chat/messages.ts';
import type { MembershipView, MessageRecord, RoomRecord, UserRecord } from './store.ts';

export function encode(message: ServerMessage): string {
  return JSON.stringify(message);
}

export function send(connection: Connection, message: ServerMessage): boolean {
  return connection.send(encode(message));
}

export function wireUser(user: UserRecord, options: { withEmail: boolean }): WireUser {
  const base = {
    id: user.id,
    name: user.name,
    admin: user.admin,
    created_at: new Date(user.createdAt).toISOString(),
  };
  return options.withEmail ? { ...base, email: user.email } : base;
}

/** A room; `memberIds` for closed and direct rooms, `view` for one member's read state. */
export function wireRoom(
  room: RoomRecord,
  extra: { memberIds?: readonly string[]; view?: MembershipView } = {},
): WireRoom {
  const { view, memberIds } = extra;
  return {
    id: room.id,
    kind: room.kind,
    name: room.name,
    creator_id: room.creatorId,
    created_at: new Date(room.createdAt).toISOString(),
    updated_at: new Date(room.updatedAt).toISOString(),
    ...(room.kind !== 'open' && memberIds !== undefined ? { member_ids: [...memberIds] } : {}),
    ...(view === undefined
      ? {}
      : {
          last_message_id: optionalId(view.lastMessageId),
          last_read_message_id: optionalId(view.lastReadMessageId),
          unread: view.unread,
        }),
  };
}

export function wireMessage(message: MessageRecord): WireMessage {
  return {
    id: formatMessageId(message.id),
    room_id: message.roomId,
    creator_id: message.creatorId,
    content: message.content,
    client_message_id: message.clientMessageId,
    created_at: new Date(message.createdAt).toISOString(),
  };
}

/** The `NewMessage` frame of a stored message, as text (encoded once, sent many times). */
export function newMessageFrame(message: MessageRecord): string {
  return encode({
    type: 'NewMessage',
    data: { message: wireMessage(message), room_id: message.roomId },
  });
}

/** null for "no message" (id 0). */
export function optionalId(id: number): string | null {
  return id === 0 ? null : formatMessageId(id);
}
