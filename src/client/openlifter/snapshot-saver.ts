// Writes an engine's snapshot to its MeetPersistence: changes are coalesced into one save after a
// short delay, saves never overlap, and `saveNow` lets the engine wait until everything changed
// so far is durable (pending edits are saved before they are ever sent).

import type { MeetPersistence, PersistedMeet } from './persistence.ts';

export interface SnapshotSaverOptions {
  readonly persistence: MeetPersistence;
  /** The snapshot as of now; undefined when there is nothing to keep yet. */
  readonly take: () => PersistedMeet | undefined;
  /** Delay before a background save, so a burst of changes costs one write. */
  readonly delayMs: number;
  /** A background save failed (a `saveNow` caller gets the rejection instead). */
  readonly onError: (error: unknown) => void;
}

export class SnapshotSaver {
  readonly #options: SnapshotSaverOptions;
  /** Counts changes; `#saved` is the count the last successful save included. */
  #changes = 0;
  #saved = 0;
  #running: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SnapshotSaverOptions) {
    this.#options = options;
  }

  /** True while some change is not yet durable. */
  get dirty(): boolean {
    return this.#saved < this.#changes;
  }

  /** Records a change; a background save follows after `delayMs`. */
  markChanged(): void {
    this.#changes++;
    this.#schedule();
  }

  /** Resolves once every change recorded before the call is durable; rejects if a save fails. */
  async saveNow(): Promise<void> {
    const target = this.#changes;
    while (this.#saved < target) {
      const running = this.#running;
      if (running === undefined) {
        await this.#start();
      } else {
        // Someone else's save: it may predate our changes, so loop and check again. Its
        // failure is reported to its own caller; ours, if any, comes from our own attempt.
        await running.catch(() => undefined);
      }
    }
  }

  /** Stops the background timer (a final `saveNow` is the caller's choice). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#running !== undefined || !this.dirty) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#running === undefined && this.dirty) this.#start().catch(this.#options.onError);
    }, this.#options.delayMs);
  }

  #start(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const version = this.#changes;
    let write: Promise<void>;
    try {
      const snapshot = this.#options.take();
      write = snapshot === undefined ? Promise.resolve() : this.#options.persistence.save(snapshot);
    } catch (error) {
      // A store that throws instead of rejecting is still a failed save, not a crash.
      write = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const running = write.then(
      () => {
        this.#saved = Math.max(this.#saved, version);
        this.#running = undefined;
        this.#schedule();
      },
      (error: unknown) => {
        this.#running = undefined;
        throw error;
      },
    );
    this.#running = running;
    return running;
  }
}
