// The ChatStore on PostgreSQL, for several Hearth nodes sharing one database: the SQLite
// store's behaviour, statement for statement, on the node's shared pool. Where SQLite's single
// writer made something race-free, a lock does it here: the message counter row (ids in commit
// order, see postgres-messages.ts) and a table lock that makes user creation and open-room
// creation take turns (a new user joins every open room, a new open room gets every user).

import type { PostgresDatabase, PostgresQueryable } from '../../core/storage/postgres.ts';
import { migrate } from '../../core/storage/postgres-migrations.ts';
import { sqlState } from '../../core/storage/postgres.ts';
import {
  insertMessages,
  lastMessageId,
  latestFloors,
  messageByClientId,
  messagesAfter,
  messagesPage,
} from './postgres-messages.ts';
import { CHAT_POSTGRES_MIGRATIONS, CHAT_STORE_NAME } from './postgres-migrations.ts';
import { UNREAD_COUNT_CAP } from './sqlite-store.ts';
import {
  mapOptional,
  num,
  str,
  toMembership,
  toMessage,
  toRoom,
  toUser,
  type Row,
} from './sqlite-rows.ts';
import {
  EmailTakenError,
  type ChatStore,
  type InsertOutcome,
  type MembershipView,
  type MessagePage,
  type MessageRecord,
  type NewMessageInput,
  type NewRoomInput,
  type NewUserInput,
  type RoomRecord,
  type SessionRecord,
  type UserRecord,
} from './store.ts';

const UNIQUE_VIOLATION = '23505';

const MEMBERSHIP_COLUMNS = `r.*, m.last_read_message_id,
  COALESCE((SELECT MAX(id) FROM chat_messages WHERE room_id = r.id), 0) AS last_message_id,
  (SELECT COUNT(*) FROM (SELECT 1 FROM chat_messages x WHERE x.room_id = r.id
     AND x.id > m.last_read_message_id AND x.creator_id <> m.user_id
     LIMIT ${String(UNREAD_COUNT_CAP)}) capped) AS unread`;

/**
 * User creation and open-room creation each take this lock (it conflicts with itself): the
 * one that commits second sees the other's row. Reads and message inserts are not blocked.
 */
const LOCK_USERS = 'LOCK TABLE chat_users IN SHARE ROW EXCLUSIVE MODE';

export class PostgresChatStore implements ChatStore {
  /** The node's shared pool: opened and closed by the server, not by the store. */
  private readonly db: PostgresDatabase;
  private opened = false;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async open(): Promise<void> {
    await migrate(this.db, CHAT_STORE_NAME, CHAT_POSTGRES_MIGRATIONS);
    this.opened = true;
  }

  close(): Promise<void> {
    this.opened = false;
    return Promise.resolve();
  }

  async checkWritable(): Promise<string | undefined> {
    if (!this.opened) return 'chat store is not open';
    try {
      // A read of the row writers lock: fails when the server is down or the table unreadable.
      await this.db.query('SELECT last_id FROM chat_message_counter');
    } catch {
      return 'chat database is not reachable';
    }
    const health = await this.db.health();
    return health === undefined ? undefined : 'chat database is not reachable';
  }

  // ---- users -----------------------------------------------------------------------------

  async countUsers(): Promise<number> {
    return countUsers(this.db);
  }

  async createUser(
    input: NewUserInput,
    options: { onlyIfFirst?: boolean } = {},
  ): Promise<UserRecord | undefined> {
    try {
      return await this.db.withTransaction(async (tx) => {
        await tx.execute(LOCK_USERS);
        if (options.onlyIfFirst === true && (await countUsers(tx)) > 0) return undefined;
        const taken = await tx.query('SELECT 1 FROM chat_users WHERE email = $1', [input.email]);
        if (taken.length > 0) throw new EmailTakenError('email is taken');
        await tx.execute(
          `INSERT INTO chat_users (id, email, name, password_hash, admin, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [input.id, input.email, input.name, input.passwordHash, input.admin, input.createdAt],
        );
        await tx.execute(
          `INSERT INTO chat_memberships (room_id, user_id, joined_at)
           SELECT id, $1, $2 FROM chat_rooms WHERE kind = 'open'`,
          [input.id, input.createdAt],
        );
        return { ...input };
      });
    } catch (error) {
      // The lock makes this unreachable for emails; kept for a user written by other means.
      if (sqlState(error) === UNIQUE_VIOLATION) throw new EmailTakenError('email is taken');
      throw error;
    }
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    return mapOptional(await this.one('SELECT * FROM chat_users WHERE id = $1', [id]), pgUser);
  }

  async userByEmail(email: string): Promise<UserRecord | undefined> {
    return mapOptional(
      await this.one('SELECT * FROM chat_users WHERE email = $1', [email]),
      pgUser,
    );
  }

  async listUsers(): Promise<UserRecord[]> {
    // COLLATE "C": the same byte order as SQLite's default BINARY collation.
    const rows = await this.db.query(
      'SELECT * FROM chat_users ORDER BY name COLLATE "C", id COLLATE "C"',
    );
    return rows.map(pgUser);
  }

  async existingUserIds(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.db.query('SELECT id FROM chat_users WHERE id = ANY($1::text[])', [
      unique,
    ]);
    const found = new Set(rows.map((row) => str(row.id)));
    return unique.filter((id) => found.has(id));
  }

  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.execute('UPDATE chat_users SET password_hash = $1 WHERE id = $2', [
      passwordHash,
      userId,
    ]);
  }

  // ---- sessions --------------------------------------------------------------------------

  async createSession(session: SessionRecord): Promise<void> {
    await this.db.execute(
      `INSERT INTO chat_sessions (token_hash, user_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [session.tokenHash, session.userId, session.createdAt, session.expiresAt],
    );
  }

  async sessionByHash(
    tokenHash: string,
    now: number,
  ): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const row = await this.one(
      `SELECT s.token_hash, s.user_id, s.created_at AS session_created_at, s.expires_at, u.*
       FROM chat_sessions s JOIN chat_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    if (row === undefined) return undefined;
    return {
      session: {
        tokenHash: str(row.token_hash),
        userId: str(row.user_id),
        createdAt: num(row.session_created_at),
        expiresAt: num(row.expires_at),
      },
      user: pgUser(row),
    };
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return (
      (await this.db.execute('DELETE FROM chat_sessions WHERE token_hash = $1', [tokenHash])) > 0
    );
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.db.execute('DELETE FROM chat_sessions WHERE expires_at <= $1', [now]);
  }

  // ---- rooms and memberships -------------------------------------------------------------

  async createRoom(input: NewRoomInput): Promise<{ room: RoomRecord; memberIds: string[] }> {
    return this.db.withTransaction(async (tx) => {
      if (input.kind === 'open') await tx.execute(LOCK_USERS);
      await tx.execute(
        `INSERT INTO chat_rooms (id, kind, name, creator_id, direct_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [input.id, input.kind, input.name, input.creatorId, input.directKey, input.createdAt],
      );
      if (input.kind === 'open') {
        await tx.execute(
          `INSERT INTO chat_memberships (room_id, user_id, joined_at)
           SELECT $1, id, $2 FROM chat_users`,
          [input.id, input.createdAt],
        );
      } else {
        await tx.execute(
          `INSERT INTO chat_memberships (room_id, user_id, joined_at)
           SELECT $1, user_id, $2 FROM unnest($3::text[]) AS u(user_id)
           ON CONFLICT DO NOTHING`,
          [input.id, input.createdAt, [...new Set(input.memberIds)]],
        );
      }
      const room = toRoom(
        (await tx.query('SELECT * FROM chat_rooms WHERE id = $1', [input.id]))[0] ?? {},
      );
      return { room, memberIds: await memberIds(tx, input.id) };
    });
  }

  async roomById(id: string): Promise<RoomRecord | undefined> {
    return mapOptional(await this.one('SELECT * FROM chat_rooms WHERE id = $1', [id]), toRoom);
  }

  async roomByDirectKey(key: string): Promise<RoomRecord | undefined> {
    return mapOptional(
      await this.one('SELECT * FROM chat_rooms WHERE direct_key = $1', [key]),
      toRoom,
    );
  }

  async renameRoom(id: string, name: string, now: number): Promise<RoomRecord | undefined> {
    return mapOptional(
      await this.one(
        `UPDATE chat_rooms SET name = $1, updated_at = GREATEST($2, updated_at + 1) WHERE id = $3
         RETURNING *`,
        [name, now, id],
      ),
      toRoom,
    );
  }

  async addMembers(roomId: string, userIds: readonly string[], now: number): Promise<string[]> {
    return this.db.withTransaction(async (tx) => {
      const added: string[] = [];
      for (const userId of new Set(userIds)) {
        const changes = await tx.execute(
          `INSERT INTO chat_memberships (room_id, user_id, joined_at) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [roomId, userId, now],
        );
        if (changes > 0) added.push(userId);
      }
      if (added.length > 0) {
        await bumpRoom(tx, roomId, now);
      }
      return added;
    });
  }

  async removeMember(roomId: string, userId: string, now: number): Promise<boolean> {
    return this.db.withTransaction(async (tx) => {
      const removed =
        (await tx.execute('DELETE FROM chat_memberships WHERE room_id = $1 AND user_id = $2', [
          roomId,
          userId,
        ])) > 0;
      if (removed) {
        await bumpRoom(tx, roomId, now);
      }
      return removed;
    });
  }

  async memberIds(roomId: string): Promise<string[]> {
    return memberIds(this.db, roomId);
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    const row = await this.one(
      'SELECT 1 FROM chat_memberships WHERE room_id = $1 AND user_id = $2',
      [roomId, userId],
    );
    return row !== undefined;
  }

  async memberships(userId: string): Promise<MembershipView[]> {
    const rows = await this.db.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM chat_memberships m JOIN chat_rooms r ON r.id = m.room_id
       WHERE m.user_id = $1 ORDER BY r.created_at, r.id COLLATE "C"`,
      [userId],
    );
    return rows.map(toMembership);
  }

  async membership(roomId: string, userId: string): Promise<MembershipView | undefined> {
    const row = await this.one(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM chat_memberships m JOIN chat_rooms r ON r.id = m.room_id
       WHERE m.room_id = $1 AND m.user_id = $2`,
      [roomId, userId],
    );
    return mapOptional(row, toMembership);
  }

  async markRead(
    roomId: string,
    userId: string,
    messageId: number,
  ): Promise<MembershipView | undefined> {
    await this.db.execute(
      `UPDATE chat_memberships SET last_read_message_id = GREATEST(last_read_message_id,
         LEAST($1, COALESCE((SELECT MAX(id) FROM chat_messages WHERE room_id = $2), 0)))
       WHERE room_id = $2 AND user_id = $3`,
      [messageId, roomId, userId],
    );
    return this.membership(roomId, userId);
  }

  // ---- messages (queries in postgres-messages.ts) -----------------------------------------

  async insertMessages(batch: readonly NewMessageInput[]): Promise<InsertOutcome[]> {
    if (batch.length === 0) return [];
    return this.db.withTransaction((tx) => insertMessages(tx, batch));
  }

  async messageByClientId(
    roomId: string,
    clientMessageId: string,
  ): Promise<MessageRecord | undefined> {
    return messageByClientId(this.db, roomId, clientMessageId);
  }

  async lastMessageId(): Promise<number> {
    return lastMessageId(this.db);
  }

  async messagesPage(
    roomId: string,
    options: { readonly before?: number; readonly after?: number; readonly limit: number },
  ): Promise<MessagePage> {
    return messagesPage(this.db, roomId, options);
  }

  async messagesAfter(
    floors: ReadonlyMap<string, number>,
    upTo: number,
    limit: number,
  ): Promise<MessageRecord[]> {
    return messagesAfter(this.db, floors, upTo, limit);
  }

  async messagesInRange(after: number, upTo: number, limit: number): Promise<MessageRecord[]> {
    const rows = await this.db.query(
      `SELECT m.*, r.updated_at AS room_stamp FROM chat_messages m
       JOIN chat_rooms r ON r.id = m.room_id
       WHERE m.id > $1 AND m.id <= $2 ORDER BY m.id LIMIT $3`,
      [after, upTo, limit],
    );
    return rows.map(toMessage);
  }

  async latestFloors(roomIds: readonly string[], count: number): Promise<Map<string, number>> {
    return latestFloors(this.db, roomIds, count);
  }

  // ---- plumbing --------------------------------------------------------------------------

  private async one(sql: string, params: Parameters<PostgresDatabase['query']>[1]) {
    return (await this.db.query(sql, params))[0];
  }
}

async function countUsers(db: PostgresQueryable): Promise<number> {
  return num((await db.query('SELECT COUNT(*) AS count FROM chat_users'))[0]?.count);
}

/**
 * Membership changes move the room's `updated_at` strictly forward (whatever the clocks say):
 * it is the stamp other nodes compare before fanning out a message (cluster-membership.ts).
 */
async function bumpRoom(tx: PostgresQueryable, roomId: string, now: number): Promise<void> {
  await tx.execute(
    'UPDATE chat_rooms SET updated_at = GREATEST($1, updated_at + 1) WHERE id = $2',
    [now, roomId],
  );
}

async function memberIds(db: PostgresQueryable, roomId: string): Promise<string[]> {
  const rows = await db.query(
    'SELECT user_id FROM chat_memberships WHERE room_id = $1 ORDER BY user_id COLLATE "C"',
    [roomId],
  );
  return rows.map((row) => str(row.user_id));
}

/** A user row: PostgreSQL has a real boolean where SQLite stores 0/1. */
function pgUser(row: Row): UserRecord {
  return toUser({ ...row, admin: row.admin === true ? 1 : 0 });
}
