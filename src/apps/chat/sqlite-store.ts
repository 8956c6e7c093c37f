// The embedded ChatStore: one SQLite file through node:sqlite, in WAL mode with
// synchronous=FULL (each commit is fsynced before it is acknowledged, so acknowledged messages
// survive kill -9 and power loss alike). Calls are synchronous underneath; the Promise API is
// the interface's, kept so that a PostgreSQL store can sit behind it.

import { join } from 'node:path';
import type { SQLInputValue } from 'node:sqlite';
import { SqliteDatabase } from './sqlite-database.ts';
import {
  insertMessages,
  latestFloors,
  messageByClientId,
  messagesAfter,
  messagesPage,
} from './sqlite-messages.ts';
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

/** Unread counts stop at this many: counting a huge backlog would cost a scan per room. */
export const UNREAD_COUNT_CAP = 1000;

/** Where the chat database lives under the storage directory. */
export function chatDatabasePath(dataDir: string): string {
  return join(dataDir, 'chat', 'chat.db');
}

const MEMBERSHIP_COLUMNS = `r.*, m.last_read_message_id,
  COALESCE((SELECT MAX(id) FROM messages WHERE room_id = r.id), 0) AS last_message_id,
  (SELECT COUNT(*) FROM (SELECT 1 FROM messages x WHERE x.room_id = r.id
     AND x.id > m.last_read_message_id AND x.creator_id <> m.user_id
     LIMIT ${UNREAD_COUNT_CAP})) AS unread`;

export class SqliteChatStore implements ChatStore {
  readonly path: string;
  private db: SqliteDatabase | undefined;

  /** `path`: the database file (its directory is created), or ":memory:". */
  constructor(path: string) {
    this.path = path;
  }

  open(): Promise<void> {
    try {
      this.db = SqliteDatabase.open(this.path);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
    return Promise.resolve();
  }

  checkWritable(): Promise<string | undefined> {
    try {
      this.database().exec('BEGIN IMMEDIATE; ROLLBACK');
      return Promise.resolve(undefined);
    } catch {
      return Promise.resolve('chat database is not writable');
    }
  }

  /** A PRAGMA's current value (checks and tests). */
  pragma(name: string): unknown {
    return this.database().pragma(name);
  }

  // ---- users -----------------------------------------------------------------------------

  countUsers(): Promise<number> {
    return Promise.resolve(this.countUsersNow());
  }

  createUser(
    input: NewUserInput,
    options: { onlyIfFirst?: boolean } = {},
  ): Promise<UserRecord | undefined> {
    return this.transaction(() => {
      if (options.onlyIfFirst === true && this.countUsersNow() > 0) return undefined;
      if (this.get('SELECT 1 FROM users WHERE email = ?', input.email) !== undefined) {
        throw new EmailTakenError('email is taken');
      }
      this.run(
        'INSERT INTO users (id, email, name, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        input.id,
        input.email,
        input.name,
        input.passwordHash,
        input.admin ? 1 : 0,
        input.createdAt,
      );
      this.run(
        `INSERT INTO memberships (room_id, user_id, joined_at)
         SELECT id, ?, ? FROM rooms WHERE kind = 'open'`,
        input.id,
        input.createdAt,
      );
      return { ...input };
    });
  }

  userById(id: string): Promise<UserRecord | undefined> {
    return Promise.resolve(mapOptional(this.get('SELECT * FROM users WHERE id = ?', id), toUser));
  }

  userByEmail(email: string): Promise<UserRecord | undefined> {
    return Promise.resolve(
      mapOptional(this.get('SELECT * FROM users WHERE email = ?', email), toUser),
    );
  }

  listUsers(): Promise<UserRecord[]> {
    return Promise.resolve(this.all('SELECT * FROM users ORDER BY name, id').map(toUser));
  }

  existingUserIds(ids: readonly string[]): Promise<string[]> {
    const found = ids.filter(
      (id) => this.get('SELECT 1 FROM users WHERE id = ?', id) !== undefined,
    );
    return Promise.resolve([...new Set(found)]);
  }

  updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    this.run('UPDATE users SET password_hash = ? WHERE id = ?', passwordHash, userId);
    return Promise.resolve();
  }

  // ---- sessions --------------------------------------------------------------------------

  createSession(session: SessionRecord): Promise<void> {
    this.run(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      session.tokenHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
    );
    return Promise.resolve();
  }

  sessionByHash(
    tokenHash: string,
    now: number,
  ): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const row = this.get(
      `SELECT s.token_hash, s.user_id, s.created_at AS session_created_at, s.expires_at, u.*
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
      tokenHash,
      now,
    );
    if (row === undefined) return Promise.resolve(undefined);
    return Promise.resolve({
      session: {
        tokenHash: str(row.token_hash),
        userId: str(row.user_id),
        createdAt: num(row.session_created_at),
        expiresAt: num(row.expires_at),
      },
      user: toUser(row),
    });
  }

  deleteSession(tokenHash: string): Promise<boolean> {
    return Promise.resolve(this.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash) > 0);
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return Promise.resolve(this.run('DELETE FROM sessions WHERE expires_at <= ?', now));
  }

  // ---- rooms and memberships -------------------------------------------------------------

  createRoom(input: NewRoomInput): Promise<{ room: RoomRecord; memberIds: string[] }> {
    return this.transaction(() => {
      this.run(
        `INSERT INTO rooms (id, kind, name, creator_id, direct_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        input.id,
        input.kind,
        input.name,
        input.creatorId,
        input.directKey,
        input.createdAt,
        input.createdAt,
      );
      if (input.kind === 'open') {
        this.run(
          'INSERT INTO memberships (room_id, user_id, joined_at) SELECT ?, id, ? FROM users',
          input.id,
          input.createdAt,
        );
      } else {
        for (const userId of new Set(input.memberIds)) {
          this.run(
            'INSERT OR IGNORE INTO memberships (room_id, user_id, joined_at) VALUES (?, ?, ?)',
            input.id,
            userId,
            input.createdAt,
          );
        }
      }
      const room = toRoom(this.get('SELECT * FROM rooms WHERE id = ?', input.id) ?? {});
      return { room, memberIds: this.memberIdsNow(input.id) };
    });
  }

  roomById(id: string): Promise<RoomRecord | undefined> {
    return Promise.resolve(mapOptional(this.get('SELECT * FROM rooms WHERE id = ?', id), toRoom));
  }

  roomByDirectKey(key: string): Promise<RoomRecord | undefined> {
    return Promise.resolve(
      mapOptional(this.get('SELECT * FROM rooms WHERE direct_key = ?', key), toRoom),
    );
  }

  renameRoom(id: string, name: string, now: number): Promise<RoomRecord | undefined> {
    this.run(
      'UPDATE rooms SET name = ?, updated_at = MAX(?, updated_at + 1) WHERE id = ?',
      name,
      now,
      id,
    );
    return this.roomById(id);
  }

  addMembers(roomId: string, userIds: readonly string[], now: number): Promise<string[]> {
    return this.transaction(() => {
      const added: string[] = [];
      for (const userId of new Set(userIds)) {
        const changes = this.run(
          'INSERT OR IGNORE INTO memberships (room_id, user_id, joined_at) VALUES (?, ?, ?)',
          roomId,
          userId,
          now,
        );
        if (changes > 0) added.push(userId);
      }
      if (added.length > 0) this.bumpRoom(roomId, now);
      return added;
    });
  }

  removeMember(roomId: string, userId: string, now: number): Promise<boolean> {
    return this.transaction(() => {
      const removed =
        this.run('DELETE FROM memberships WHERE room_id = ? AND user_id = ?', roomId, userId) > 0;
      if (removed) this.bumpRoom(roomId, now);
      return removed;
    });
  }

  /**
   * Membership changes move the room's `updated_at` strictly forward (whatever the clocks say):
   * it is the stamp other nodes compare before fanning out a message (cluster-membership.ts).
   */
  private bumpRoom(roomId: string, now: number): void {
    this.run('UPDATE rooms SET updated_at = MAX(?, updated_at + 1) WHERE id = ?', now, roomId);
  }

  memberIds(roomId: string): Promise<string[]> {
    return Promise.resolve(this.memberIdsNow(roomId));
  }

  isMember(roomId: string, userId: string): Promise<boolean> {
    return Promise.resolve(this.isMemberNow(roomId, userId));
  }

  memberships(userId: string): Promise<MembershipView[]> {
    const rows = this.all(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships m JOIN rooms r ON r.id = m.room_id
       WHERE m.user_id = ? ORDER BY r.created_at, r.id`,
      userId,
    );
    return Promise.resolve(rows.map(toMembership));
  }

  membership(roomId: string, userId: string): Promise<MembershipView | undefined> {
    return Promise.resolve(this.membershipNow(roomId, userId));
  }

  markRead(roomId: string, userId: string, messageId: number): Promise<MembershipView | undefined> {
    this.run(
      `UPDATE memberships SET last_read_message_id = MAX(last_read_message_id,
         MIN(?, COALESCE((SELECT MAX(id) FROM messages WHERE room_id = ?), 0)))
       WHERE room_id = ? AND user_id = ?`,
      messageId,
      roomId,
      roomId,
      userId,
    );
    return Promise.resolve(this.membershipNow(roomId, userId));
  }

  // ---- messages (queries in sqlite-messages.ts) -------------------------------------------

  insertMessages(batch: readonly NewMessageInput[]): Promise<InsertOutcome[]> {
    return this.transaction(() => insertMessages(this.database(), batch));
  }

  messageByClientId(roomId: string, clientMessageId: string): Promise<MessageRecord | undefined> {
    return Promise.resolve(messageByClientId(this.database(), roomId, clientMessageId));
  }

  lastMessageId(): Promise<number> {
    return Promise.resolve(num(this.get('SELECT COALESCE(MAX(id), 0) AS id FROM messages')?.id));
  }

  messagesPage(
    roomId: string,
    options: { readonly before?: number; readonly after?: number; readonly limit: number },
  ): Promise<MessagePage> {
    return Promise.resolve(messagesPage(this.database(), roomId, options));
  }

  messagesAfter(
    floors: ReadonlyMap<string, number>,
    upTo: number,
    limit: number,
  ): Promise<MessageRecord[]> {
    return Promise.resolve(messagesAfter(this.database(), floors, upTo, limit));
  }

  messagesInRange(after: number, upTo: number, limit: number): Promise<MessageRecord[]> {
    return Promise.resolve(
      this.all(
        `SELECT m.*, r.updated_at AS room_stamp FROM messages m JOIN rooms r ON r.id = m.room_id
         WHERE m.id > ? AND m.id <= ? ORDER BY m.id LIMIT ?`,
        after,
        upTo,
        limit,
      ).map(toMessage),
    );
  }

  latestFloors(roomIds: readonly string[], count: number): Promise<Map<string, number>> {
    return Promise.resolve(latestFloors(this.database(), roomIds, count));
  }

  // ---- plumbing --------------------------------------------------------------------------

  private database(): SqliteDatabase {
    if (this.db === undefined) throw new Error('chat store is not open');
    return this.db;
  }

  private get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.database().get(sql, ...params);
  }

  private all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.database().all(sql, ...params);
  }

  private run(sql: string, ...params: SQLInputValue[]): number {
    return this.database().run(sql, ...params);
  }

  private transaction<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.database().transaction(work));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private countUsersNow(): number {
    return num(this.get('SELECT COUNT(*) AS count FROM users')?.count);
  }

  private memberIdsNow(roomId: string): string[] {
    return this.all(
      'SELECT user_id FROM memberships WHERE room_id = ? ORDER BY user_id',
      roomId,
    ).map((row) => str(row.user_id));
  }

  private isMemberNow(roomId: string, userId: string): boolean {
    return (
      this.get('SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ?', roomId, userId) !==
      undefined
    );
  }

  private membershipNow(roomId: string, userId: string): MembershipView | undefined {
    const row = this.get(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships m JOIN rooms r ON r.id = m.room_id
       WHERE m.room_id = ? AND m.user_id = ?`,
      roomId,
      userId,
    );
    return mapOptional(row, toMembership);
  }
}
