// What the OpenLifter app needs from durable storage, whatever the engine: the flat-file store
// (default, as the spec lays it out) and PostgreSQL (several nodes; see SharedMeetStore). Every
// method resolves only once its data is durable (fsync'd or committed): the app acknowledges
// nothing before that. The error codes are part of the contract too, so the app can react to
// them without knowing the engine.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';

export interface Endpoint {
  readonly locationName: string;
  /** Higher wins conflicts. */
  readonly priority: number;
}

/** auth.json: everything needed to let people into a meet. Never part of log recovery. */
export interface MeetAuth {
  /** scrypt PHC string. */
  readonly passwordHash: string;
  readonly endpoints: readonly Endpoint[];
  /** ISO 8601. */
  readonly createdAt: string;
}

/** sessions.json entries: only the token's SHA-256 is ever stored. */
export interface StoredSession {
  /** Stable id of the session (random, not derived from the token); logs name it. */
  readonly sessionId: string;
  readonly tokenHash: string;
  /** undefined for a display-only session. */
  readonly locationName: string | undefined;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One line of updates.json.log: the relayed update plus who sent it, for idempotent re-sends. */
export interface StoredUpdate extends RelayedUpdate {
  /** Session that sent it and its local sequence number (absent for recovered entries). */
  readonly sessionId?: string | undefined;
  readonly localSeqNum?: number | undefined;
}

export interface LoadedMeet {
  readonly meetId: string;
  readonly finished: boolean;
  readonly auth: MeetAuth;
  readonly sessions: readonly StoredSession[];
  /** Gap-free, in server sequence order, starting at 1; a torn last line already dropped. */
  readonly updates: readonly StoredUpdate[];
}

export const MeetStoreErrorCode = {
  /** Not exactly nine ASCII digits (which also keeps an id from naming a path or key). */
  InvalidMeetId: 'invalid_meet_id',
  MeetExists: 'meet_exists',
  MeetNotFound: 'meet_not_found',
  /** Finished, or being published: its log takes no more updates. */
  MeetFinished: 'meet_finished',
  /**
   * An update, auth or session record that could not be read back after writing it, or updates
   * that do not continue the meet's log.
   */
  InvalidData: 'invalid_data',
  /** Stored data that cannot be loaded; an operator has to look at it. */
  Corrupt: 'corrupt',
  /** Not opened, closed, loadAll after an append, or the meet's log failed earlier. */
  Unavailable: 'unavailable',
} as const;
export type MeetStoreErrorCode = (typeof MeetStoreErrorCode)[keyof typeof MeetStoreErrorCode];

/**
 * The failures a caller can act on, whatever the engine. Anything else a store rejects with (an
 * I/O error, an engine's own error type) is an operational failure: log it and report it, but
 * it says nothing about the request.
 */
export class MeetStoreError extends Error {
  override readonly name = 'MeetStoreError';
  readonly code: MeetStoreErrorCode;

  constructor(code: MeetStoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Lifecycle: open, then loadAll once, then any mix of the others, then close. Every method that
 * takes a meet id rejects with invalid_meet_id for a malformed one; every method but
 * checkWritable and close rejects with unavailable after close, and all but open before open.
 */
export interface MeetStore {
  /** Create directories, take any lock; must be called before anything else. */
  open(): Promise<void>;
  /**
   * Every current and finished meet, with its whole log (full reload on restart). Runs once at
   * start-up, before any append: it repairs what a crash left (a torn log tail, say), which
   * must not race a write; called after an append, it rejects with unavailable.
   * Throws: unavailable; corrupt for stored data it cannot load (the flat-file engine reports a
   * bad log line as LogCorruptionError instead, naming the line).
   */
  loadAll(): Promise<LoadedMeet[]>;
  /**
   * A new meet: auth.json and an empty log. Fails if the id exists (current or finished).
   * Throws: invalid_meet_id, unavailable, invalid_data (auth), meet_exists.
   */
  createMeet(meetId: string, auth: MeetAuth): Promise<void>;
  /**
   * Append to the meet's log; resolves once durable. The serverSeqNums must continue the log:
   * head + 1, head + 2, … (1 first for a new meet), else the call rejects with invalid_data and
   * writes nothing. Calls for one meet reach the log in call order, so a caller may issue the
   * next batch before the previous one resolves. Concurrent calls may share a flush.
   * Throws: invalid_meet_id, unavailable, meet_not_found, meet_finished (also while publishing),
   * invalid_data (sequence, or a record that would not read back). Once a write to a meet's log
   * has failed, its appends keep failing (flat files: LogUnavailableError) until a restart.
   */
  appendUpdates(meetId: string, updates: readonly StoredUpdate[]): Promise<void>;
  /**
   * Store the meet's sessions; finished meets too. The flat-file engine replaces sessions.json
   * atomically (temp file, fsync, rename) with exactly these. A shared engine adds or updates
   * them and drops the meet's expired ones, keeping sessions other nodes issued.
   * Throws: invalid_meet_id, unavailable, invalid_data, meet_not_found.
   */
  saveSessions(meetId: string, sessions: readonly StoredSession[]): Promise<void>;
  /**
   * Store opl.csv and email.txt, then move the meet to the finished meets.
   * Throws: invalid_meet_id, unavailable (also when a write to the meet's log failed earlier),
   * meet_finished, meet_not_found.
   */
  publishMeet(meetId: string, oplCsv: string, returnEmail: string): Promise<void>;
  /** Undefined when writable, else what is wrong (for /ready). Never rejects. */
  checkWritable(): Promise<string | undefined>;
  /** Finish pending writes and release resources; rejects if a log fails to close. */
  close(): Promise<void>;
}

/** A meet's log after some point, as a shared store holds it, with whether it is finished. */
export interface MeetLogTail {
  /** The entries after the point asked for, in order, session fields included. */
  readonly updates: readonly StoredUpdate[];
  /** Published: the log takes no more updates. */
  readonly finished: boolean;
}

/**
 * A store several Hearth nodes share (PostgreSQL). A node's in-memory sequencer may then lag
 * the true log: it catches up with `readLogAfter`, and sequences only inside `appendLocked`,
 * which holds the meet's lock across every node while it reads what the node missed, lets the
 * node judge its batch against the whole log, and commits the new entries.
 */
export interface SharedMeetStore extends MeetStore {
  readonly shared: true;
  /**
   * One meet in full (current or finished), with its unexpired sessions; undefined if no
   * meet has the id. Throws: invalid_meet_id, unavailable, corrupt.
   */
  loadMeet(meetId: string, now: number): Promise<LoadedMeet | undefined>;
  /** The unexpired session with this token hash, and its meet. Throws: unavailable. */
  findSession(
    tokenHash: string,
    now: number,
  ): Promise<{ readonly meetId: string; readonly session: StoredSession } | undefined>;
  /**
   * The log after `afterSeq`, not locked (a catch-up).
   * Throws: invalid_meet_id, unavailable, meet_not_found, corrupt.
   */
  readLogAfter(meetId: string, afterSeq: number): Promise<MeetLogTail>;
  /**
   * Locks the meet for every node, hands `sequence` the log after `knownHead` (what other
   * nodes appended since), and appends the entries `sequence` returns, which must continue the
   * whole log; resolves once committed. Nothing is written if `sequence` throws (its error is
   * rethrown) or the commit fails. `sequence` runs synchronously under the lock.
   * Throws: invalid_meet_id, unavailable, meet_not_found, invalid_data (numbering or a record),
   * corrupt (the log does not continue `knownHead`: this node knows entries the store lost).
   */
  appendLocked(
    meetId: string,
    knownHead: number,
    sequence: (tail: MeetLogTail) => readonly StoredUpdate[],
  ): Promise<void>;
}

export function isSharedMeetStore(store: MeetStore): store is SharedMeetStore {
  return 'shared' in store && store.shared === true;
}
