// An append-only file of text lines with group commit: appends issued while a write+fsync is in
// flight are written together by the next single write+fsync, so N concurrent writers share one
// fsync, and an append resolves only once its bytes are durable.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The part of a FileHandle the log uses; tests inject one to gate or fail writes and syncs. */
export interface LogFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export type OpenLogFile = (path: string, create: boolean) => Promise<LogFile>;

export interface GroupCommitLogOptions {
  /**
   * Batch appends that arrive while a write+fsync is in flight. `false` gives one write+fsync
   * per append (for benchmarks comparing the two); order and durability are the same.
   * @default true
   */
  readonly groupCommit?: boolean;
  /**
   * Create the file if it does not exist. The meet store passes `false` so that appending to a
   * meet whose directory has moved away fails instead of creating a stray file.
   * @default true
   */
  readonly create?: boolean;
  /** Called after each fsync with its duration and the lines it made durable (for a histogram). */
  readonly onFsync?: ((durationMs: number, batchLines: number) => void) | undefined;
  /** How the file is opened. @default append-only (O_APPEND) via node:fs/promises */
  readonly openFile?: OpenLogFile;
}

export const GROUP_COMMIT_LOG_DEFAULTS = {
  groupCommit: true,
  create: true,
} as const satisfies Partial<GroupCommitLogOptions>;

/** Why an append was refused: the log is closed, or a write/fsync failed earlier. */
export class LogUnavailableError extends Error {
  override readonly name = 'LogUnavailableError';
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.path = path;
  }
}

interface PendingAppend {
  readonly text: string;
  readonly lines: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const openAppendOnly: OpenLogFile = (path, create) =>
  // 'a' without O_CREAT when asked: a missing file is then ENOENT instead of a new empty log.
  open(path, constants.O_WRONLY | constants.O_APPEND | (create ? constants.O_CREAT : 0), 0o600);

export class GroupCommitLog {
  readonly path: string;
  readonly #file: LogFile;
  readonly #groupCommit: boolean;
  readonly #onFsync: ((durationMs: number, batchLines: number) => void) | undefined;
  #pending: PendingAppend[] = [];
  #flushing: Promise<void> | undefined;
  #failure: Error | undefined;
  #closing: Promise<void> | undefined;
  #batchesWritten = 0;
  #linesWritten = 0;
  #bytesWritten = 0;

  private constructor(path: string, file: LogFile, options: GroupCommitLogOptions) {
    this.path = path;
    this.#file = file;
    this.#groupCommit = options.groupCommit ?? GROUP_COMMIT_LOG_DEFAULTS.groupCommit;
    this.#onFsync = options.onFsync;
  }

  static async open(path: string, options: GroupCommitLogOptions = {}): Promise<GroupCommitLog> {
    const openFile = options.openFile ?? openAppendOnly;
    const file = await openFile(path, options.create ?? GROUP_COMMIT_LOG_DEFAULTS.create);
    return new GroupCommitLog(path, file, options);
  }

  /** Write+fsync batches done (equals fsyncs). */
  get batchesWritten(): number {
    return this.#batchesWritten;
  }

  /** Lines made durable. */
  get linesWritten(): number {
    return this.#linesWritten;
  }

  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  /** The write/fsync error that put the log in its failed state, if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Appends `lines` (each without a newline; one is added) after every earlier append. Resolves
   * once they are written and fsync'd; rejects if that fails, and from then on every append
   * rejects, because what reached the disk is unknown.
   */
  append(lines: readonly string[]): Promise<void> {
    if (this.#failure !== undefined) {
      return Promise.reject(
        new LogUnavailableError(this.path, 'an earlier write failed', { cause: this.#failure }),
      );
    }
    if (this.#closing !== undefined) {
      return Promise.reject(new LogUnavailableError(this.path, 'the log is closed'));
    }
    // A newline inside a line would split one entry into two (or a torn one) on reload.
    if (lines.some((line) => line.includes('\n'))) {
      return Promise.reject(new TypeError('a log line must not contain a newline'));
    }
    if (lines.length === 0) return Promise.resolve();
    const text = `${lines.join('\n')}\n`;
    const promise = new Promise<void>((resolve, reject) => {
      this.#pending.push({ text, lines: lines.length, resolve, reject });
    });
    this.#flushing ??= this.#flush();
    return promise;
  }

  /** Waits for pending and in-flight appends, then closes the file. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#flushing;
      await this.#file.close();
    })();
    return this.#closing;
  }

  async #flush(): Promise<void> {
    // Let appends issued in the same tick as the first one join its batch.
    await Promise.resolve();
    while (this.#pending.length > 0) {
      const batch = this.#groupCommit ? this.#pending.splice(0) : this.#pending.splice(0, 1);
      try {
        await this.#writeAndSync(batch);
      } catch (error) {
        this.#failure = error instanceof Error ? error : new Error(String(error));
        const failed = new LogUnavailableError(this.path, 'write or fsync failed', {
          cause: this.#failure,
        });
        // Appends queued behind the failed batch can no longer be placed after it safely.
        for (const append of [...batch, ...this.#pending.splice(0)]) append.reject(failed);
        break;
      }
      for (const append of batch) append.resolve();
    }
    this.#flushing = undefined;
  }

  async #writeAndSync(batch: readonly PendingAppend[]): Promise<void> {
    const bytes = Buffer.from(batch.map((append) => append.text).join(''), 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.#file.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new Error('write made no progress');
      offset += bytesWritten;
    }
    const started = performance.now();
    await this.#file.datasync();
    const durationMs = performance.now() - started;
    const lines = batch.reduce((sum, append) => sum + append.lines, 0);
    this.#batchesWritten += 1;
    this.#linesWritten += lines;
    this.#bytesWritten += bytes.length;
    if (this.#onFsync !== undefined) {
      try {
        this.#onFsync(durationMs, lines);
      } catch (error) {
        // A metrics hook must neither fail durable appends nor crash the server: say so loudly.
        process.emitWarning(`group commit onFsync hook threw: ${String(error)}`);
      }
    }
  }
}
