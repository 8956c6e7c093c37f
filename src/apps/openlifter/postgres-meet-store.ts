// The MeetStore on PostgreSQL, for several Hearth nodes serving the same meets. Each meet's row
// is its lock: `appendLocked` takes it (SELECT … FOR UPDATE), reads the entries the calling
// node has not seen, lets the node sequence its batch against the whole log, inserts the new
// entries and bumps the head, all in one transaction. So sequencing is strictly serial across
// nodes, numbers stay gap-free, and nothing is acknowledged before COMMIT returns.

import type { z } from 'zod';
import type { PostgresDatabase, PostgresQueryable } from '../../core/storage/postgres.ts';
import { sqlState } from '../../core/storage/postgres.ts';
import { migrate } from '../../core/storage/postgres-migrations.ts';
import { assertMeetId } from './flat-file-store.ts';
import { authSchema, sessionsSchema } from './flat-file-layout.ts';
import { serializeStoredUpdate, storedUpdateSchema } from './json-lines.ts';
import { OPENLIFTER_POSTGRES_MIGRATIONS, OPENLIFTER_STORE_NAME } from './postgres-migrations.ts';
import {
  MeetStoreError,
  MeetStoreErrorCode,
  type LoadedMeet,
  type MeetAuth,
  type MeetLogTail,
  type SharedMeetStore,
  type StoredSession,
  type StoredUpdate,
} from './store.ts';

const UNIQUE_VIOLATION = '23505';

type Row = Record<string, unknown>;

export class PostgresMeetStore implements SharedMeetStore {
  readonly shared = true;
  /** The node's shared pool: opened and closed by the server, not by the store. */
  readonly #db: PostgresDatabase;
  #state: 'new' | 'open' | 'closed' = 'new';

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async open(): Promise<void> {
    if (this.#state !== 'new') throw unavailable('the store was opened already');
    await migrate(this.#db, OPENLIFTER_STORE_NAME, OPENLIFTER_POSTGRES_MIGRATIONS);
    this.#state = 'open';
  }

  /** Every meet in full. Nodes of a cluster load meets one by one instead (`loadMeet`). */
  async loadAll(): Promise<LoadedMeet[]> {
    this.#assertOpen();
    const rows = await this.#db.query('SELECT meet_id FROM openlifter_meets ORDER BY meet_id');
    const meets: LoadedMeet[] = [];
    const now = Date.now();
    for (const row of rows) {
      const meet = await this.loadMeet(String(row.meet_id), now);
      if (meet !== undefined) meets.push(meet);
    }
    return meets;
  }

  async loadMeet(meetId: string, now: number): Promise<LoadedMeet | undefined> {
    assertMeetId(meetId);
    this.#assertOpen();
    // One snapshot, so the head and the entries read agree while other nodes append.
    return this.#db.withTransaction(
      async (tx) => {
        const [meet] = await tx.query(
          `SELECT password_hash, endpoints, created_at, last_seq, finished
             FROM openlifter_meets WHERE meet_id = $1`,
          [meetId],
        );
        if (meet === undefined) return undefined;
        const auth = parsed(authSchema, {
          passwordHash: meet.password_hash,
          endpoints: meet.endpoints,
          createdAt: meet.created_at,
        });
        const updates = await readUpdates(tx, meetId, 0, Number(meet.last_seq));
        const sessionRows = await tx.query(
          `SELECT session_id, token_hash, location_name, expires_at
             FROM openlifter_sessions WHERE meet_id = $1 AND expires_at > $2
            ORDER BY expires_at`,
          [meetId, now],
        );
        return {
          meetId,
          finished: meet.finished === true,
          auth,
          sessions: sessionRows.map(toSession),
          updates,
        };
      },
      { isolation: 'repeatable read' },
    );
  }

  async findSession(
    tokenHash: string,
    now: number,
  ): Promise<{ meetId: string; session: StoredSession } | undefined> {
    this.#assertOpen();
    const [row] = await this.#db.query(
      `SELECT meet_id, session_id, token_hash, location_name, expires_at
         FROM openlifter_sessions WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash, now],
    );
    return row === undefined ? undefined : { meetId: String(row.meet_id), session: toSession(row) };
  }

  async readLogAfter(meetId: string, afterSeq: number): Promise<MeetLogTail> {
    assertMeetId(meetId);
    this.#assertOpen();
    return this.#db.withTransaction(
      async (tx) => {
        const head = await meetHead(tx, meetId, false);
        if (head.lastSeq < afterSeq) throw lostEntries(meetId, head.lastSeq, afterSeq);
        const updates = await readUpdates(tx, meetId, afterSeq, head.lastSeq);
        return { updates, finished: head.finished };
      },
      { isolation: 'repeatable read' },
    );
  }

  async createMeet(meetId: string, auth: MeetAuth): Promise<void> {
    assertMeetId(meetId);
    this.#assertOpen();
    const { passwordHash, endpoints, createdAt } = checked(authSchema, auth, 'auth');
    try {
      await this.#db.execute(
        `INSERT INTO openlifter_meets (meet_id, password_hash, endpoints, created_at)
         VALUES ($1, $2, $3::jsonb, $4)`,
        [meetId, passwordHash, JSON.stringify(endpoints), createdAt],
      );
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) {
        throw new MeetStoreError(MeetStoreErrorCode.MeetExists, `meet ${meetId} exists`);
      }
      throw error;
    }
  }

  /** Entries with the numbers they were given (recovery): they must continue the log. */
  async appendUpdates(meetId: string, updates: readonly StoredUpdate[]): Promise<void> {
    assertMeetId(meetId);
    this.#assertOpen();
    const lines = updates.map((update) => checked(storedUpdateSchema, update, 'update'));
    const first = lines[0];
    if (first === undefined) return;
    await this.#db.withTransaction(async (tx) => {
      const head = await meetHead(tx, meetId, true);
      if (head.finished) throw finished(meetId);
      await insertUpdates(tx, meetId, head.lastSeq, lines);
    });
  }

  async appendLocked(
    meetId: string,
    knownHead: number,
    sequence: (tail: MeetLogTail) => readonly StoredUpdate[],
  ): Promise<void> {
    assertMeetId(meetId);
    this.#assertOpen();
    await this.#db.withTransaction(async (tx) => {
      // READ COMMITTED: once the row lock is ours, each statement sees every commit before it.
      const head = await meetHead(tx, meetId, true);
      if (head.lastSeq < knownHead) throw lostEntries(meetId, head.lastSeq, knownHead);
      const missed =
        head.lastSeq === knownHead ? [] : await readUpdates(tx, meetId, knownHead, head.lastSeq);
      const appended = sequence({ updates: missed, finished: head.finished });
      if (appended.length === 0) return;
      if (head.finished) throw finished(meetId);
      const lines = appended.map((update) => checked(storedUpdateSchema, update, 'update'));
      await insertUpdates(tx, meetId, head.lastSeq, lines);
    });
  }

  async saveSessions(meetId: string, sessions: readonly StoredSession[]): Promise<void> {
    assertMeetId(meetId);
    this.#assertOpen();
    const records = checked(
      sessionsSchema,
      sessions.map(({ sessionId, tokenHash, locationName, expiresAt }) =>
        locationName === undefined
          ? { sessionId, tokenHash, expiresAt }
          : { sessionId, tokenHash, locationName, expiresAt },
      ),
      'sessions',
    );
    await this.#db.withTransaction(async (tx) => {
      await meetHead(tx, meetId, false);
      if (records.length > 0) {
        // Empty strings stand for "no location" (a display-only session; names are never empty).
        await tx.execute(
          `INSERT INTO openlifter_sessions (token_hash, meet_id, session_id, location_name, expires_at)
           SELECT s.token_hash, $1, s.session_id, NULLIF(s.location_name, ''), s.expires_at::bigint
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
               AS s(token_hash, session_id, location_name, expires_at)
           ON CONFLICT (token_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
             WHERE openlifter_sessions.meet_id = EXCLUDED.meet_id`,
          [
            meetId,
            records.map((record) => record.tokenHash),
            records.map((record) => record.sessionId),
            records.map((record) => record.locationName ?? ''),
            records.map((record) => String(record.expiresAt)),
          ],
        );
      }
      await tx.execute('DELETE FROM openlifter_sessions WHERE meet_id = $1 AND expires_at <= $2', [
        meetId,
        Date.now(),
      ]);
    });
  }

  async publishMeet(meetId: string, oplCsv: string, returnEmail: string): Promise<void> {
    assertMeetId(meetId);
    this.#assertOpen();
    await this.#db.withTransaction(async (tx) => {
      // Under the meet's lock: a batch sequenced on another node commits before, or sees it.
      const head = await meetHead(tx, meetId, true);
      if (head.finished) throw finished(meetId);
      await tx.execute(
        `UPDATE openlifter_meets SET finished = true, opl_csv = $2, return_email = $3
          WHERE meet_id = $1`,
        [meetId, oplCsv, returnEmail],
      );
    });
  }

  async checkWritable(): Promise<string | undefined> {
    if (this.#state !== 'open') return 'openlifter store is not open';
    return this.#db.health();
  }

  close(): Promise<void> {
    this.#state = 'closed';
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#state !== 'open') throw unavailable(`the store is ${this.#state}`);
  }
}

interface MeetHead {
  readonly lastSeq: number;
  readonly finished: boolean;
}

/** The meet's head and state, its row locked until the transaction ends if `lock`. */
async function meetHead(tx: PostgresQueryable, meetId: string, lock: boolean): Promise<MeetHead> {
  const [row] = await tx.query(
    `SELECT last_seq, finished FROM openlifter_meets WHERE meet_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [meetId],
  );
  if (row === undefined) {
    throw new MeetStoreError(MeetStoreErrorCode.MeetNotFound, `no meet ${meetId}`);
  }
  return { lastSeq: Number(row.last_seq), finished: row.finished === true };
}

/** Entries afterSeq + 1 … lastSeq, checked to be exactly those. */
async function readUpdates(
  tx: PostgresQueryable,
  meetId: string,
  afterSeq: number,
  lastSeq: number,
): Promise<StoredUpdate[]> {
  const rows = await tx.query(
    'SELECT seq, entry FROM openlifter_updates WHERE meet_id = $1 AND seq > $2 ORDER BY seq',
    [meetId, afterSeq],
  );
  const updates = rows.map((row, index): StoredUpdate => {
    const expected = afterSeq + index + 1;
    const update = parseEntry(meetId, row.entry);
    if (Number(row.seq) !== expected || update.serverSeqNum !== expected) {
      throw corrupt(`meet ${meetId}: log entry ${String(row.seq)} where ${expected} belongs`);
    }
    return update;
  });
  if (afterSeq + updates.length !== lastSeq) {
    throw corrupt(`meet ${meetId}: the log ends at ${afterSeq + updates.length}, not ${lastSeq}`);
  }
  return updates;
}

/** Inserts entries that must continue the log after `lastSeq`, and moves the head. */
async function insertUpdates(
  tx: PostgresQueryable,
  meetId: string,
  lastSeq: number,
  updates: readonly StoredUpdate[],
): Promise<void> {
  updates.forEach((update, index) => {
    const expected = lastSeq + index + 1;
    if (update.serverSeqNum !== expected) {
      throw new MeetStoreError(
        MeetStoreErrorCode.InvalidData,
        `meet ${meetId}: serverSeqNum ${update.serverSeqNum} where ${expected} was expected`,
      );
    }
  });
  // Empty strings stand for "none": session ids are UUIDs and never empty.
  await tx.execute(
    `INSERT INTO openlifter_updates (meet_id, seq, session_id, local_seq, entry)
     SELECT $1, u.seq::bigint, NULLIF(u.session_id, ''), NULLIF(u.local_seq, '')::bigint, u.entry
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
         AS u(seq, session_id, local_seq, entry)`,
    [
      meetId,
      updates.map((update) => String(update.serverSeqNum)),
      updates.map((update) => update.sessionId ?? ''),
      updates.map((update) =>
        update.localSeqNum === undefined || update.sessionId === undefined
          ? ''
          : String(update.localSeqNum),
      ),
      updates.map(serializeStoredUpdate),
    ],
  );
  await tx.execute('UPDATE openlifter_meets SET last_seq = $2 WHERE meet_id = $1', [
    meetId,
    lastSeq + updates.length,
  ]);
}

function parseEntry(meetId: string, entry: unknown): StoredUpdate {
  let value: unknown;
  try {
    value = JSON.parse(String(entry));
  } catch (error) {
    throw corrupt(`meet ${meetId}: a log entry is not JSON`, error);
  }
  const result = storedUpdateSchema.safeParse(value);
  if (!result.success) throw corrupt(`meet ${meetId}: a log entry is not an update`);
  return result.data;
}

function toSession(row: Row): StoredSession {
  return {
    sessionId: String(row.session_id),
    tokenHash: String(row.token_hash),
    locationName: typeof row.location_name === 'string' ? row.location_name : undefined,
    expiresAt: Number(row.expires_at),
  };
}

/** A caller's record, checked before writing: invalid_data names the first problem. */
function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
  throw new MeetStoreError(MeetStoreErrorCode.InvalidData, `invalid ${what} (${where})`);
}

/** A stored record read back: corrupt if it does not fit. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw corrupt('a stored meet record does not fit its schema');
  return result.data;
}

function lostEntries(meetId: string, lastSeq: number, knownHead: number): MeetStoreError {
  return corrupt(
    `meet ${meetId}: the store's log ends at ${lastSeq} but this node knows ${knownHead} entries`,
  );
}

function finished(meetId: string): MeetStoreError {
  return new MeetStoreError(MeetStoreErrorCode.MeetFinished, `meet ${meetId} is finished`);
}

function corrupt(message: string, cause?: unknown): MeetStoreError {
  return new MeetStoreError(MeetStoreErrorCode.Corrupt, message, { cause });
}

function unavailable(message: string): MeetStoreError {
  return new MeetStoreError(MeetStoreErrorCode.Unavailable, message);
}
