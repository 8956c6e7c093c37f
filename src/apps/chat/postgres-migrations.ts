// The chat schema on PostgreSQL, as the shared migration runner's ordered list (store "chat").
// Same tables as the SQLite store, plus the one-row message counter that hands out ids in
// commit order (see postgres-messages.ts and docs/decisions.md).

import type { PostgresMigration } from '../../core/storage/postgres-migrations.ts';

export const CHAT_STORE_NAME = 'chat';

export const CHAT_POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: 'users, sessions, rooms, memberships, messages, message counter',
    sql: `
      CREATE TABLE chat_users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        admin BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL
      );

      -- Only the SHA-256 of a token is stored: a leaked table cannot be replayed.
      CREATE TABLE chat_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX chat_sessions_user ON chat_sessions(user_id);
      CREATE INDEX chat_sessions_expiry ON chat_sessions(expires_at);

      CREATE TABLE chat_rooms (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('open', 'closed', 'direct')),
        name TEXT,
        creator_id TEXT REFERENCES chat_users(id),
        -- Sorted member ids of a direct room: one room per set of users.
        direct_key TEXT UNIQUE,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE chat_memberships (
        room_id TEXT NOT NULL REFERENCES chat_rooms(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
        last_read_message_id BIGINT NOT NULL DEFAULT 0,
        joined_at BIGINT NOT NULL,
        PRIMARY KEY (room_id, user_id)
      );
      CREATE INDEX chat_memberships_user ON chat_memberships(user_id, room_id);

      -- Ids come from chat_message_counter, never from a sequence: a sequence value is taken
      -- at insert time, so a lower id can commit after a higher one is already visible.
      CREATE TABLE chat_messages (
        id BIGINT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES chat_rooms(id) ON DELETE CASCADE,
        creator_id TEXT NOT NULL REFERENCES chat_users(id),
        content TEXT NOT NULL,
        client_message_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (room_id, client_message_id)
      );
      CREATE INDEX chat_messages_room ON chat_messages(room_id, id);

      -- One row: the last id handed out. Updated inside each insert transaction, so its row
      -- lock orders the writers, and it rolls back with them (no gaps).
      CREATE TABLE chat_message_counter (
        singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
        last_id BIGINT NOT NULL
      );
      INSERT INTO chat_message_counter (singleton, last_id) VALUES (true, 0);
    `,
  },
];
