// The chat store's message queries on SQLite: idempotent inserts that re-check membership in
// the transaction, one room's pages before/after an id, and the multi-room reads recovery uses
// (per-room index ranges bounded by the page size, merged by id).

import { mergeAscending } from './recovery.ts';
import type { SqliteDatabase } from './sqlite-database.ts';
import { mapOptional, num, toMessage } from './sqlite-rows.ts';
import type { InsertOutcome, MessagePage, MessageRecord, NewMessageInput } from './store.ts';

/** Inside a write transaction: each input stored, found as a repeat, or refused. */
export function insertMessages(
  db: SqliteDatabase,
  batch: readonly NewMessageInput[],
): InsertOutcome[] {
  return batch.map((input): InsertOutcome => {
    const existing = messageByClientId(db, input.roomId, input.clientMessageId);
    if (existing !== undefined) return { kind: 'duplicate', message: existing };
    // Membership is checked again inside the transaction: a member removed between the
    // handler's check and this commit must not get a message in.
    const member = db.get(
      `SELECT r.updated_at FROM memberships m JOIN rooms r ON r.id = m.room_id
       WHERE m.room_id = ? AND m.user_id = ?`,
      input.roomId,
      input.creatorId,
    );
    if (member === undefined) return { kind: 'not_a_member' };
    const roomStamp = num(member.updated_at);
    const row = db.get(
      `INSERT INTO messages (room_id, creator_id, content, client_message_id, created_at)
       VALUES (?, ?, ?, ?, ?) RETURNING id`,
      input.roomId,
      input.creatorId,
      input.content,
      input.clientMessageId,
      input.createdAt,
    );
    return { kind: 'created', message: { ...input, id: num(row?.id), roomStamp } };
  });
}

export function messageByClientId(
  db: SqliteDatabase,
  roomId: string,
  clientMessageId: string,
): MessageRecord | undefined {
  return mapOptional(
    db.get(
      'SELECT * FROM messages WHERE room_id = ? AND client_message_id = ?',
      roomId,
      clientMessageId,
    ),
    toMessage,
  );
}

export function messagesPage(
  db: SqliteDatabase,
  roomId: string,
  options: { readonly before?: number; readonly after?: number; readonly limit: number },
): MessagePage {
  const before = options.before ?? Number.MAX_SAFE_INTEGER;
  const { limit } = options;
  if (options.after !== undefined) {
    const rows = db
      .all(
        'SELECT * FROM messages WHERE room_id = ? AND id > ? AND id < ? ORDER BY id LIMIT ?',
        roomId,
        options.after,
        before,
        limit + 1,
      )
      .map(toMessage);
    return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
  }
  const rows = db
    .all(
      'SELECT * FROM messages WHERE room_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
      roomId,
      before,
      limit + 1,
    )
    .map(toMessage);
  return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

/**
 * One indexed range per room, each bounded by `limit`, merged by id: the cost is bounded by
 * rooms × limit whatever the backlog of any one room.
 */
export function messagesAfter(
  db: SqliteDatabase,
  floors: ReadonlyMap<string, number>,
  upTo: number,
  limit: number,
): MessageRecord[] {
  const runs: MessageRecord[][] = [];
  for (const [roomId, floor] of floors) {
    if (floor >= upTo) continue;
    runs.push(
      db
        .all(
          'SELECT * FROM messages WHERE room_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?',
          roomId,
          floor,
          upTo,
          limit,
        )
        .map(toMessage),
    );
  }
  return mergeAscending(runs, limit);
}

export function latestFloors(
  db: SqliteDatabase,
  roomIds: readonly string[],
  count: number,
): Map<string, number> {
  const floors = new Map<string, number>();
  for (const roomId of roomIds) {
    const row = db.get(
      'SELECT id FROM messages WHERE room_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
      roomId,
      count,
    );
    floors.set(roomId, row === undefined ? 0 : num(row.id));
  }
  return floors;
}
