// A small semaphore with a bounded waiting line: at most `maxConcurrent` tasks run at once, at
// most `maxQueued` wait, and anything beyond that is refused at once. Used where a flood of
// requests would otherwise turn into unbounded CPU or memory (password hashing, heavy queries).

import { HearthError } from '../../protocol/errors.ts';

export interface ConcurrencyLimiterOptions {
  /** Tasks allowed to run at the same time (a positive integer). */
  readonly maxConcurrent: number;
  /** Tasks allowed to wait for a slot; one more is refused with `unavailable` (0 = no queue). */
  readonly maxQueued: number;
}

interface Waiter {
  readonly grant: () => void;
}

export class ConcurrencyLimiter {
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  #active = 0;
  // FIFO of waiters. The queue is small and bounded, so Array#shift/splice cost nothing here.
  readonly #queue: Waiter[] = [];

  constructor(options: ConcurrencyLimiterOptions) {
    if (!Number.isSafeInteger(options.maxConcurrent) || options.maxConcurrent < 1) {
      throw new RangeError(
        `maxConcurrent must be a positive integer, got ${options.maxConcurrent}`,
      );
    }
    if (!Number.isSafeInteger(options.maxQueued) || options.maxQueued < 0) {
      throw new RangeError(`maxQueued must be a non-negative integer, got ${options.maxQueued}`);
    }
    this.#maxConcurrent = options.maxConcurrent;
    this.#maxQueued = options.maxQueued;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Runs `fn` when a slot is free. Rejects with `HearthError('unavailable')` when the waiting
   * line is full, or with `signal.reason` when `signal` aborts while waiting (a task that has
   * started is not interrupted: `fn` owns its own cancellation).
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    if (this.#active < this.#maxConcurrent) {
      this.#active++;
      return Promise.resolve();
    }
    if (this.#queue.length >= this.#maxQueued) {
      return Promise.reject(new HearthError('unavailable', 'server busy, try again later'));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index !== -1) this.#queue.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(): void {
    const next = this.#queue.shift();
    // Hand the slot straight to the next waiter (active count unchanged), so a task arriving
    // between release and wake-up cannot jump the queue.
    if (next === undefined) this.#active--;
    else next.grant();
  }
}
