// What the OpenLifter app needs from durable storage, whatever the engine: the flat-file store
// (default, as the spec lays it out) and later PostgreSQL. Every method resolves only once its
// data is durable (fsync'd or committed): the app acknowledges nothing before that.

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

export interface MeetStore {
  /** Create directories, take any lock; must be called before anything else. */
  open(): Promise<void>;
  /** Every current and finished meet, with its whole log (full reload on restart). */
  loadAll(): Promise<LoadedMeet[]>;
  /** A new meet: auth.json and an empty log. Fails if the id exists (current or finished). */
  createMeet(meetId: string, auth: MeetAuth): Promise<void>;
  /** Append to the meet's log; resolves after fsync. Concurrent calls share fsyncs. */
  appendUpdates(meetId: string, updates: readonly StoredUpdate[]): Promise<void>;
  /** Replace sessions.json atomically (temp file, fsync, rename). */
  saveSessions(meetId: string, sessions: readonly StoredSession[]): Promise<void>;
  /** Store opl.csv and email.txt, then move the meet to the finished meets. */
  publishMeet(meetId: string, oplCsv: string, returnEmail: string): Promise<void>;
  /** Undefined when writable, else what is wrong (for /ready). */
  checkWritable(): Promise<string | undefined>;
  /** Finish pending writes and release resources. */
  close(): Promise<void>;
}
