// Reading the chat tables' rows into store records: column names to camelCase, integers to
// numbers, 0/1 to booleans, with a loud error when a column does not hold what the schema says.

import type { RoomKind } from '../../protocol/chat/messages.ts';
import type { MembershipView, MessageRecord, RoomRecord, UserRecord } from './store.ts';

export type Row = Record<string, unknown>;

export function mapOptional<T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}

export function str(value: unknown): string {
  if (typeof value !== 'string') throw new Error('chat store: expected a text column');
  return value;
}

export function num(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'number') throw new Error('chat store: expected an integer column');
  return value;
}

export function strOrNull(value: unknown): string | null {
  return value === null ? null : str(value);
}

export function toUser(row: Row): UserRecord {
  return {
    id: str(row.id),
    email: str(row.email),
    name: str(row.name),
    passwordHash: str(row.password_hash),
    admin: num(row.admin) === 1,
    createdAt: num(row.created_at),
  };
}

export function toRoom(row: Row): RoomRecord {
  return {
    id: str(row.id),
    kind: str(row.kind) as RoomKind,
    name: strOrNull(row.name),
    creatorId: strOrNull(row.creator_id),
    directKey: strOrNull(row.direct_key),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

export function toMembership(row: Row): MembershipView {
  return {
    room: toRoom(row),
    lastReadMessageId: num(row.last_read_message_id),
    lastMessageId: num(row.last_message_id),
    unread: num(row.unread),
  };
}

export function toMessage(row: Row): MessageRecord {
  return {
    id: num(row.id),
    roomId: str(row.room_id),
    creatorId: str(row.creator_id),
    content: str(row.content),
    clientMessageId: str(row.client_message_id),
    createdAt: num(row.created_at),
    // Joined in by the reads that feed the cluster fan-out (the room's membership stamp).
    ...(row.room_stamp === undefined || row.room_stamp === null
      ? {}
      : { roomStamp: num(row.room_stamp) }),
  };
}
