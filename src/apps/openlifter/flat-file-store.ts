// The default MeetStore: the spec's flat files under DATA_DIR (current-meets/ and finished-meets/,
// one directory per meet), a group-commit log per current meet, and atomic replacement of every
// other file. What a crash leaves behind is repaired by flat-file-recovery.ts, from loadAll.

import { mkdir, open, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import { fsyncDirectory, writeFileAtomic } from './atomic-file.ts';
import {
  MEET_ID,
  MEET_STORE_FILES as F,
  WRITE_PROBE,
  authSchema,
  errnoCode,
  exists,
  sessionsSchema,
} from './flat-file-layout.ts';
import { loadMeets, readLogRepairingTail, type RecoveryWarn } from './flat-file-recovery.ts';
import { GroupCommitLog } from './group-commit-log.ts';
import { serializeStoredUpdate, storedUpdateSchema } from './json-lines.ts';
import { MeetStoreError, MeetStoreErrorCode } from './store.ts';
import type { LoadedMeet, MeetAuth, MeetStore, StoredSession, StoredUpdate } from './store.ts';

/** pino's Logger fits; recovery notices (ignored directories, dropped torn lines) go here. */
export interface MeetStoreLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface FlatFileMeetStoreOptions {
  readonly dataDir: string;
  /** Share fsyncs between concurrent appends to a meet's log. @default true */
  readonly groupCommit?: boolean;
  /** Each log fsync's duration and line count, for a histogram. */
  readonly onFsync?: ((durationMs: number, batchLines: number) => void) | undefined;
  /** @default silent */
  readonly logger?: MeetStoreLogger | undefined;
}

interface MeetLog {
  readonly log: GroupCommitLog;
  /** Next serverSeqNum the log accepts; advanced when an append is issued, in call order. */
  nextSeq: number;
}

/** Throws unless `meetId` is exactly nine ASCII digits, so no id can name a path outside. */
export function assertMeetId(meetId: unknown): asserts meetId is string {
  if (typeof meetId !== 'string' || !MEET_ID.test(meetId)) {
    throw new MeetStoreError(MeetStoreErrorCode.InvalidMeetId, 'a meet id is exactly nine digits');
  }
}

export class FlatFileMeetStore implements MeetStore {
  readonly #currentRoot: string;
  readonly #finishedRoot: string;
  readonly #dataDir: string;
  readonly #groupCommit: boolean;
  readonly #onFsync: ((durationMs: number, batchLines: number) => void) | undefined;
  readonly #logger: MeetStoreLogger | undefined;
  #opened = false;
  #closing: Promise<void> | undefined;
  /** Meets known to be finished (loaded, found, or published): appends are refused. */
  readonly #finished = new Set<string>();
  /** Meets being published: appends are refused from the moment publishing starts. */
  readonly #publishing = new Set<string>();
  /** Next serverSeqNum of meets loaded or created here whose log is not open. */
  readonly #nextSeq = new Map<string, number>();
  /** One lazily opened log per current meet; every append for a meet awaits the same promise. */
  readonly #logs = new Map<string, Promise<MeetLog>>();
  readonly #openLogs = new Map<string, GroupCommitLog>();
  /** Per-meet queue for create/sessions/publish, so they never interleave on one directory. */
  readonly #chains = new Map<string, Promise<void>>();
  #retired = { batches: 0, lines: 0 };
  /** Recovery's notices, tagged with dataDir like the store's own. */
  readonly #recoveryWarn: RecoveryWarn = (details, message) => {
    this.#warn(details, message);
  };

  constructor(options: FlatFileMeetStoreOptions) {
    if (options.dataDir === '') throw new TypeError('dataDir must not be empty');
    this.#dataDir = options.dataDir;
    this.#currentRoot = join(options.dataDir, F.currentMeets);
    this.#finishedRoot = join(options.dataDir, F.finishedMeets);
    this.#groupCommit = options.groupCommit ?? true;
    this.#onFsync = options.onFsync;
    this.#logger = options.logger;
  }

  /** Log write+fsync batches and lines, over every log this store has had open. */
  get stats(): { batchesWritten: number; linesWritten: number } {
    let batchesWritten = this.#retired.batches;
    let linesWritten = this.#retired.lines;
    for (const log of this.#openLogs.values()) {
      batchesWritten += log.batchesWritten;
      linesWritten += log.linesWritten;
    }
    return { batchesWritten, linesWritten };
  }

  async open(): Promise<void> {
    this.#assertUsable(false);
    await mkdir(this.#currentRoot, { recursive: true });
    await mkdir(this.#finishedRoot, { recursive: true });
    this.#opened = true;
  }

  /** See loadMeets for what is repaired. Must run before any append: it rewrites log tails. */
  async loadAll(): Promise<LoadedMeet[]> {
    this.#assertUsable();
    if (this.#logs.size > 0) {
      throw new MeetStoreError(MeetStoreErrorCode.Unavailable, 'loadAll must run before appends');
    }
    const meets = await loadMeets(
      { currentRoot: this.#currentRoot, finishedRoot: this.#finishedRoot },
      this.#recoveryWarn,
    );
    // What appends need later: finished meets refuse them, current ones continue at head + 1.
    for (const meet of meets) {
      if (meet.finished) this.#finished.add(meet.meetId);
      else this.#nextSeq.set(meet.meetId, meet.updates.length + 1);
    }
    return meets;
  }

  /** Fails with meet_exists if the id is taken, current or finished. */
  async createMeet(meetId: string, auth: MeetAuth): Promise<void> {
    assertMeetId(meetId);
    this.#assertUsable();
    const authJson = this.#checked(authSchema, auth, 'auth');
    return this.#serial(meetId, async () => {
      const dir = join(this.#currentRoot, meetId);
      if (await exists(join(this.#finishedRoot, meetId))) throw this.#exists(meetId);
      try {
        await mkdir(dir);
      } catch (error) {
        if (errnoCode(error) === 'EEXIST') throw this.#exists(meetId);
        throw error;
      }
      // The empty log first, auth.json last: auth.json is the commit point, and a directory
      // without it is an interrupted creation that loadAll ignores.
      await (await open(join(dir, F.log), 'wx', 0o600)).close();
      await writeFileAtomic(join(dir, F.auth), `${JSON.stringify(authJson, null, 2)}\n`);
      await fsyncDirectory(this.#currentRoot);
      this.#nextSeq.set(meetId, 1);
    });
  }

  /**
   * Updates must continue the log's sequence (serverSeqNum = head + 1, …) or the call rejects
   * with invalid_data and writes nothing. Calls for one meet reach the file in call order.
   */
  async appendUpdates(meetId: string, updates: readonly StoredUpdate[]): Promise<void> {
    assertMeetId(meetId);
    this.#assertUsable();
    this.#assertAppendable(meetId);
    // Validated before writing: a line that cannot be read back would make the meet unloadable.
    const lines = updates.map((update) =>
      serializeStoredUpdate(this.#checked(storedUpdateSchema, update, 'update')),
    );
    if (lines.length === 0) return;
    // Nothing above awaits, and every call for a meet awaits the same promise here, so calls
    // continue (and reach the log) in the order they were made.
    const meetLog = await this.#logFor(meetId);
    this.#assertAppendable(meetId);
    updates.forEach((update, index) => {
      const expected = meetLog.nextSeq + index;
      if (update.serverSeqNum !== expected) {
        throw new MeetStoreError(
          MeetStoreErrorCode.InvalidData,
          `meet ${meetId}: serverSeqNum ${update.serverSeqNum} where ${expected} was expected`,
        );
      }
    });
    meetLog.nextSeq += updates.length;
    await meetLog.log.append(lines);
  }

  async saveSessions(meetId: string, sessions: readonly StoredSession[]): Promise<void> {
    assertMeetId(meetId);
    this.#assertUsable();
    // Field by field: a caller's richer object (a live token, say) must never reach the disk.
    const records = sessions.map(({ sessionId, tokenHash, locationName, expiresAt }) =>
      locationName === undefined
        ? { sessionId, tokenHash, expiresAt }
        : { sessionId, tokenHash, locationName, expiresAt },
    );
    this.#checked(sessionsSchema, records, 'sessions');
    return this.#serial(meetId, async () => {
      const dir = await this.#locate(meetId);
      await writeFileAtomic(join(dir, F.sessions), `${JSON.stringify(records, null, 2)}\n`);
    });
  }

  /**
   * A crash before the rename leaves a current meet (opl.csv/email.txt possibly present; the
   * client, never acked, publishes again); the rename is atomic, so the meet is never half moved.
   */
  async publishMeet(meetId: string, oplCsv: string, returnEmail: string): Promise<void> {
    assertMeetId(meetId);
    this.#assertUsable();
    return this.#serial(meetId, async () => {
      const dir = join(this.#currentRoot, meetId);
      const target = join(this.#finishedRoot, meetId);
      if (this.#finished.has(meetId) || (await exists(target))) {
        this.#finished.add(meetId);
        throw this.#finishedError(meetId);
      }
      if (!(await exists(dir))) throw this.#notFound(meetId);
      this.#publishing.add(meetId);
      try {
        await writeFileAtomic(join(dir, F.oplCsv), oplCsv);
        await writeFileAtomic(join(dir, F.email), returnEmail);
        // Closing waits for appends in flight; after the rename an open handle would still
        // write into the finished meet's file.
        await this.#retireLog(meetId, true);
        await rename(dir, target);
        this.#finished.add(meetId);
        this.#nextSeq.delete(meetId);
        await fsyncDirectory(this.#finishedRoot);
        await fsyncDirectory(this.#currentRoot);
      } finally {
        this.#publishing.delete(meetId);
      }
    });
  }

  async checkWritable(): Promise<string | undefined> {
    if (this.#closing !== undefined) return 'the meet store is closed';
    if (!this.#opened) return 'the meet store is not open';
    const failed = [...this.#openLogs].filter(([, log]) => log.failure !== undefined);
    if (failed.length > 0) {
      return `log write failed for meet(s) ${failed.map(([meetId]) => meetId).join(', ')}`;
    }
    const probe = join(this.#currentRoot, `${WRITE_PROBE}${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(probe, 'probe', { flag: 'wx' });
      await unlink(probe);
      return undefined;
    } catch (error) {
      return `cannot write to ${this.#currentRoot}: ${errnoCode(error) ?? String(error)}`;
    }
  }

  /** Lets queued operations and in-flight appends finish, then closes every log. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.all(this.#chains.values());
      const results = await Promise.allSettled(
        [...this.#logs.keys()].map((meetId) => this.#retireLog(meetId, false)),
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    })();
    return this.#closing;
  }

  #assertUsable(mustBeOpen = true): void {
    if (this.#closing !== undefined) {
      throw new MeetStoreError(MeetStoreErrorCode.Unavailable, 'the meet store is closed');
    }
    if (mustBeOpen && !this.#opened) {
      throw new MeetStoreError(MeetStoreErrorCode.Unavailable, 'open() the meet store first');
    }
  }

  #assertAppendable(meetId: string): void {
    if (this.#finished.has(meetId) || this.#publishing.has(meetId)) {
      throw this.#finishedError(meetId);
    }
  }

  #checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
    throw new MeetStoreError(MeetStoreErrorCode.InvalidData, `invalid ${what} (${where})`);
  }

  #serial<T>(meetId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(meetId) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#chains.set(meetId, settled);
    void settled.then(() => {
      if (this.#chains.get(meetId) === settled) this.#chains.delete(meetId);
    });
    return run;
  }

  #logFor(meetId: string): Promise<MeetLog> {
    let meetLog = this.#logs.get(meetId);
    if (meetLog === undefined) {
      const opening = this.#openLog(meetId);
      meetLog = opening;
      this.#logs.set(meetId, opening);
      // A failed open (unknown meet, say) is not cached: the next append tries again.
      void opening.catch(() => {
        if (this.#logs.get(meetId) === opening) this.#logs.delete(meetId);
      });
    }
    return meetLog;
  }

  async #openLog(meetId: string): Promise<MeetLog> {
    if (await exists(join(this.#finishedRoot, meetId))) {
      this.#finished.add(meetId);
      throw this.#finishedError(meetId);
    }
    const path = join(this.#currentRoot, meetId, F.log);
    let nextSeq = this.#nextSeq.get(meetId);
    if (nextSeq === undefined) {
      // Neither loaded nor created here: repair a torn tail and learn the head before appending.
      const parsed = await readLogRepairingTail(meetId, path, this.#recoveryWarn);
      if (parsed === undefined) throw this.#notFound(meetId);
      nextSeq = parsed.updates.length + 1;
    }
    try {
      const log = await GroupCommitLog.open(path, {
        create: false,
        groupCommit: this.#groupCommit,
        onFsync: this.#onFsync,
      });
      this.#openLogs.set(meetId, log);
      return { log, nextSeq };
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw this.#notFound(meetId);
      throw error;
    }
  }

  /** Closes a meet's log, keeping its head for a later reopen. */
  async #retireLog(meetId: string, refuseIfFailed: boolean): Promise<void> {
    const opening = this.#logs.get(meetId);
    if (opening === undefined) return;
    let meetLog: MeetLog;
    try {
      meetLog = await opening;
    } catch {
      return; // never opened: nothing to close
    }
    if (refuseIfFailed && meetLog.log.failure !== undefined) {
      throw new MeetStoreError(MeetStoreErrorCode.Unavailable, `meet ${meetId}: log failed`, {
        cause: meetLog.log.failure,
      });
    }
    this.#logs.delete(meetId);
    this.#openLogs.delete(meetId);
    await meetLog.log.close();
    this.#retired = {
      batches: this.#retired.batches + meetLog.log.batchesWritten,
      lines: this.#retired.lines + meetLog.log.linesWritten,
    };
    if (meetLog.log.failure === undefined) this.#nextSeq.set(meetId, meetLog.nextSeq);
  }

  /** The meet's directory; finished wins when it is in both folders, as in loadAll. */
  async #locate(meetId: string): Promise<string> {
    const finished = join(this.#finishedRoot, meetId);
    if (this.#finished.has(meetId) || (await exists(finished))) return finished;
    const current = join(this.#currentRoot, meetId);
    if (await exists(current)) return current;
    throw this.#notFound(meetId);
  }

  #warn(details: Record<string, unknown>, message: string): void {
    this.#logger?.warn({ dataDir: this.#dataDir, ...details }, message);
  }

  #exists(meetId: string): MeetStoreError {
    return new MeetStoreError(MeetStoreErrorCode.MeetExists, `meet ${meetId} already exists`);
  }

  #notFound(meetId: string): MeetStoreError {
    return new MeetStoreError(MeetStoreErrorCode.MeetNotFound, `no meet ${meetId}`);
  }

  #finishedError(meetId: string): MeetStoreError {
    return new MeetStoreError(MeetStoreErrorCode.MeetFinished, `meet ${meetId} is finished`);
  }
}
