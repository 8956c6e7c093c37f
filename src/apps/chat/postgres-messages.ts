// The chat store's message queries on PostgreSQL. Ids are handed out from the one-row
// `chat_message_counter`, locked first thing in every insert transaction: writers on every
// node take turns, a transaction sees all earlier ones committed before it reads the counter,
// and a rolled-back transaction gives its ids back. So ids are gap-free and in commit order,
// which is what recovery by "id > last seen" relies on. Reads are the SQLite store's.

import type { PostgresQueryable } from '../../core/storage/postgres.ts';
import { mapOptional, num, toMessage } from './sqlite-rows.ts';
import type { InsertOutcome, MessagePage, MessageRecord, NewMessageInput } from './store.ts';

/** Inside a transaction: each input stored, found as a repeat, or refused. */
export async function insertMessages(
  tx: PostgresQueryable,
  batch: readonly NewMessageInput[],
): Promise<InsertOutcome[]> {
  // The lock comes before any other read: in READ COMMITTED each later statement then sees
  // every message committed by the writers that went before, repeats included.
  const counter = await tx.query('SELECT last_id FROM chat_message_counter FOR UPDATE');
  let lastId = num(counter[0]?.last_id);
  const startId = lastId;
  const outcomes: InsertOutcome[] = [];
  for (const input of batch) {
    const existing = await messageByClientId(tx, input.roomId, input.clientMessageId);
    if (existing !== undefined) {
      outcomes.push({ kind: 'duplicate', message: existing });
      continue;
    }
    // Membership is checked again inside the transaction: a member removed between the
    // handler's check and this commit must not get a message in.
    // One statement, one snapshot: the room's membership stamp as of this check.
    const member = await tx.query(
      `SELECT r.updated_at FROM chat_memberships m JOIN chat_rooms r ON r.id = m.room_id
       WHERE m.room_id = $1 AND m.user_id = $2`,
      [input.roomId, input.creatorId],
    );
    const stampRow = member[0];
    if (stampRow === undefined) {
      outcomes.push({ kind: 'not_a_member' });
      continue;
    }
    const id = lastId + 1;
    // ON CONFLICT: the counter lock already orders writers, so a conflict cannot happen;
    // should one ever, the repeat is reported rather than failing the whole batch.
    const inserted = await tx.execute(
      `INSERT INTO chat_messages (id, room_id, creator_id, content, client_message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (room_id, client_message_id) DO NOTHING`,
      [id, input.roomId, input.creatorId, input.content, input.clientMessageId, input.createdAt],
    );
    if (inserted === 0) {
      const repeat = await messageByClientId(tx, input.roomId, input.clientMessageId);
      if (repeat === undefined) throw new Error('chat store: conflicting insert vanished');
      outcomes.push({ kind: 'duplicate', message: repeat });
      continue;
    }
    lastId = id;
    outcomes.push({
      kind: 'created',
      message: { ...input, id, roomStamp: num(stampRow.updated_at) },
    });
  }
  if (lastId !== startId) {
    await tx.execute('UPDATE chat_message_counter SET last_id = $1', [lastId]);
  }
  return outcomes;
}

export async function messageByClientId(
  db: PostgresQueryable,
  roomId: string,
  clientMessageId: string,
): Promise<MessageRecord | undefined> {
  const rows = await db.query(
    'SELECT * FROM chat_messages WHERE room_id = $1 AND client_message_id = $2',
    [roomId, clientMessageId],
  );
  return mapOptional(rows[0], toMessage);
}

/** The highest id committed: the counter, which only moves with committed inserts. */
export async function lastMessageId(db: PostgresQueryable): Promise<number> {
  const rows = await db.query('SELECT last_id FROM chat_message_counter');
  return num(rows[0]?.last_id ?? 0);
}

export async function messagesPage(
  db: PostgresQueryable,
  roomId: string,
  options: { readonly before?: number; readonly after?: number; readonly limit: number },
): Promise<MessagePage> {
  const before = options.before ?? Number.MAX_SAFE_INTEGER;
  const { limit } = options;
  if (options.after !== undefined) {
    const rows = (
      await db.query(
        `SELECT * FROM chat_messages WHERE room_id = $1 AND id > $2 AND id < $3
         ORDER BY id LIMIT $4`,
        [roomId, options.after, before, limit + 1],
      )
    ).map(toMessage);
    return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
  }
  const rows = (
    await db.query(
      'SELECT * FROM chat_messages WHERE room_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3',
      [roomId, before, limit + 1],
    )
  ).map(toMessage);
  return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

/**
 * One indexed range per room (a LATERAL subquery each), each bounded by `limit`, merged by id
 * in the same statement: one round trip, and a cost bounded by rooms × limit whatever the
 * backlog of any one room.
 */
export async function messagesAfter(
  db: PostgresQueryable,
  floors: ReadonlyMap<string, number>,
  upTo: number,
  limit: number,
): Promise<MessageRecord[]> {
  const wanted = [...floors].filter(([, floor]) => floor < upTo);
  if (wanted.length === 0 || limit <= 0) return [];
  const rows = await db.query(
    `SELECT m.* FROM unnest($1::text[], $2::bigint[]) AS f(room_id, floor)
     CROSS JOIN LATERAL (
       SELECT * FROM chat_messages
       WHERE room_id = f.room_id AND id > f.floor AND id <= $3 ORDER BY id LIMIT $4
     ) m
     ORDER BY m.id LIMIT $4`,
    [wanted.map(([roomId]) => roomId), wanted.map(([, floor]) => String(floor)), upTo, limit],
  );
  return rows.map(toMessage);
}

export async function latestFloors(
  db: PostgresQueryable,
  roomIds: readonly string[],
  count: number,
): Promise<Map<string, number>> {
  const floors = new Map<string, number>(roomIds.map((roomId) => [roomId, 0]));
  if (roomIds.length === 0) return floors;
  const rows = await db.query(
    `SELECT f.room_id, m.id FROM unnest($1::text[]) AS f(room_id)
     CROSS JOIN LATERAL (
       SELECT id FROM chat_messages WHERE room_id = f.room_id ORDER BY id DESC LIMIT 1 OFFSET $2
     ) m`,
    [[...new Set(roomIds)], count],
  );
  for (const row of rows) floors.set(String(row.room_id), num(row.id));
  return floors;
}
