// Writes a ChatClient's snapshot to its ChatPersistence. Changes are coalesced: an outbox change
// is saved on the next tick (a message the user sent should survive a reload at once), a mere
// move of the resume point after `delayMs` (a recovery page moves it hundreds of times). Saves
// never overlap; `flush` waits until everything changed so far is durable.

import type { ChatPersistence, PersistedChat } from './persistence.ts';

export interface ChatSnapshotSaverOptions {
  readonly persistence: ChatPersistence;
  readonly take: () => PersistedChat;
  /** Delay before a background save of a resume-point change. */
  readonly delayMs: number;
  /** A background save failed (a `flush` caller gets the rejection instead). */
  readonly onError: (error: unknown) => void;
}

export class ChatSnapshotSaver {
  readonly #options: ChatSnapshotSaverOptions;
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

  constructor(options: ChatSnapshotSaverOptions) {
    this.#options = options;
  }

  get dirty(): boolean {
    return this.#saved < this.#changes;
  }

  /** Records a change; `urgent` ones are saved on the next tick, the others after `delayMs`. */
  markChanged(urgent: boolean): void {
    this.#changes++;
    if (urgent) this.#urgentPending = true;
    this.#schedule();
  }

  /** Resolves once every change recorded before the call is durable; rejects if a save fails. */
  async flush(): Promise<void> {
    const target = this.#changes;
    while (this.#saved < target) {
      const running = this.#running;
      if (running === undefined) await this.#start();
      // Someone else's save may predate our changes: wait for it, then check again.
      else await running.catch(() => undefined);
    }
  }

  /** No more background saves (a last `flush` is the caller's choice). */
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
    let write: Promise<void>;
    try {
      write = this.#options.persistence.save(this.#options.take());
    } catch (error) {
      // A store that throws instead of rejecting is still a failed save, not a crash.
      write = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
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
