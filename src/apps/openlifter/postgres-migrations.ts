// The OpenLifter schema on PostgreSQL, as the shared migration runner's ordered list (store
// "openlifter"): the flat files' auth.json, sessions.json and updates.json.log as tables. The
// meet row is the lock every node takes to sequence the meet (see postgres-meet-store.ts).

import type { PostgresMigration } from '../../core/storage/postgres-migrations.ts';

export const OPENLIFTER_STORE_NAME = 'openlifter';

export const OPENLIFTER_POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: 'meets, sessions, updates',
    sql: `
      -- One row per meet, current and finished: the id can never be reused. last_seq is the
      -- log's head, bumped in the transaction that appends, under this row's lock.
      CREATE TABLE openlifter_meets (
        meet_id TEXT PRIMARY KEY CHECK (meet_id ~ '^[0-9]{9}$'),
        password_hash TEXT NOT NULL,
        endpoints JSONB NOT NULL,
        created_at TEXT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0,
        finished BOOLEAN NOT NULL DEFAULT false,
        opl_csv TEXT,
        return_email TEXT
      );

      -- Only the SHA-256 of a token is stored.
      CREATE TABLE openlifter_sessions (
        token_hash TEXT PRIMARY KEY,
        meet_id TEXT NOT NULL REFERENCES openlifter_meets(meet_id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        location_name TEXT,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX openlifter_sessions_meet ON openlifter_sessions(meet_id);

      -- Each entry is kept as its updates.json.log line (json-lines.ts): the value exactly as
      -- it arrived (JSONB would reorder object keys) and any lone surrogate escaped, which a
      -- TEXT column of its own could not hold. A (session, localSeqNum) pair is in a meet's
      -- log at most once: the sequencer answers re-sends with their first ack, and the index
      -- makes a duplicate impossible.
      CREATE TABLE openlifter_updates (
        meet_id TEXT NOT NULL REFERENCES openlifter_meets(meet_id) ON DELETE CASCADE,
        seq BIGINT NOT NULL CHECK (seq > 0),
        session_id TEXT,
        local_seq BIGINT,
        entry TEXT NOT NULL,
        PRIMARY KEY (meet_id, seq)
      );
      CREATE UNIQUE INDEX openlifter_updates_sent ON openlifter_updates(meet_id, session_id, local_seq)
        WHERE session_id IS NOT NULL;
    `,
  },
];
