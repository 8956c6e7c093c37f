// Writes a client's snapshot to its store, for all three app clients. Changes are coalesced: a
// background save follows `delayMs` after a change, or the next tick for an urgent one; saves
// never overlap; `saveNow` waits until everything changed so far is durable.

import { attempt } from './attempt.ts';
import type { SnapshotStore } from './snapshot-store.ts';

export interface SnapshotSaverOptions<T> {
  readonly persistence: Pick<SnapshotStore<T>, 'save'>;
  /** The snapshot as of now; undefined when there is nothing to keep yet. */
  readonly take: () => T | undefined;
  /** Delay before a background save of a change that is not urgent, so a burst costs one write. */
  readonly delayMs: number;
  /** A background save failed (a `saveNow` caller gets the rejection instead). */
  readonly onError: (error: unknown) => void;
}

export class SnapshotSaver<T> {
  readonly #options: SnapshotSaverOptions<T>;
  /** Counts changes; `#saved` is the count the last successful save included. */
  #changes = 0;
  #saved = 0;
  #running: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The timer runs for an urgent change (0 ms). */
  #timerUrgent = false;
  /** Some change not yet being saved is urgent. */
  #urgentPending = false;
  #stopped = false;

  constructor(options: SnapshotSaverOptions<T>) {
    this.#options = options;
  }

  /** True while some change is not yet durable. */
  get dirty(): boolean {
    return this.#saved < this.#changes;
  }

  /** Records a change; `urgent` ones are saved on the next tick, the others after `delayMs`. */
  markChanged(urgent = false): void {
    this.#changes++;
    if (urgent) this.#urgentPending = true;
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

  /** No more background saves (a last `saveNow` is the caller's choice). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#stopped || this.#running !== undefined || !this.dirty) return;
    const urgent = this.#urgentPending;
    if (this.#timer !== undefined) {
      if (this.#timerUrgent || !urgent) return;
      clearTimeout(this.#timer); // an urgent change does not wait for a lazy timer
    }
    this.#timerUrgent = urgent;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        if (this.#running === undefined && this.dirty) this.#start().catch(this.#options.onError);
      },
      urgent ? 0 : this.#options.delayMs,
    );
  }

  #start(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const version = this.#changes;
    this.#urgentPending = false;
    // A store that throws instead of rejecting is still a failed save, not a crash.
    const write = attempt(() => {
      const snapshot = this.#options.take();
      return snapshot === undefined ? undefined : this.#options.persistence.save(snapshot);
    });
    const running = write.then(
      () => {
        this.#saved = Math.max(this.#saved, version);
        this.#running = undefined;
        this.#schedule(); // changes made while this save ran
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
