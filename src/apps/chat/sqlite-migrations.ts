// The chat database's schema as numbered migrations, and the runner that applies the missing
// ones in order, each in its own transaction, recording them in `schema_migrations`. A database
// written by a newer Hearth (a version this build does not know) is refused, not guessed at.

import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, sessions, rooms, memberships, messages',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        admin INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- Only the SHA-256 of a token is stored: a leaked table cannot be replayed.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expiry ON sessions(expires_at);

      CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('open', 'closed', 'direct')),
        name TEXT,
        creator_id TEXT REFERENCES users(id),
        -- Sorted member ids of a direct room: one room per set of users.
        direct_key TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE memberships (
        room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        last_read_message_id INTEGER NOT NULL DEFAULT 0,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (room_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX memberships_user ON memberships(user_id, room_id);

      -- AUTOINCREMENT: ids are never reused, and with SQLite's single writer they are handed
      -- out in commit order, which is what recovery by "id > last seen" relies on.
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        creator_id TEXT NOT NULL REFERENCES users(id),
        content TEXT NOT NULL,
        client_message_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (room_id, client_message_id)
      ) STRICT;
      CREATE INDEX messages_room ON messages(room_id, id);
    `,
  },
];

/** Applies the migrations `db` lacks; returns the versions applied. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  const current = row?.version ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new Error(
      `the chat database is at schema version ${current}, newer than this Hearth knows (${known})`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`chat migration ${migration.version} (${migration.name}) failed`, {
        cause: error,
      });
    }
    applied.push(migration.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`chat migrations must be numbered 1, 2, 3…; found ${migration.version}`);
    }
  });
}
