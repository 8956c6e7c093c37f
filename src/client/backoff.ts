// Reconnect delays for the client SDK: exponential backoff with full jitter. Pure arithmetic, no
// timers and no attempt counter (each socket keeps its own), so the schedule is unit-tested alone.
// Full jitter spreads clients that lost the same server over the whole window, not its edges.

export interface BackoffOptions {
  /**
   * Ceiling of the first retry's delay, in milliseconds.
   * @default 500
   */
  readonly initialDelayMs: number;
  /**
   * Upper bound of every ceiling, in milliseconds.
   * @default 30000
   */
  readonly maxDelayMs: number;
  /**
   * Growth of the ceiling from one attempt to the next.
   * @default 2
   */
  readonly multiplier: number;
}

export const DEFAULT_BACKOFF_OPTIONS: Readonly<BackoffOptions> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
});

export class Backoff {
  readonly options: Readonly<BackoffOptions>;

  constructor(options: Partial<BackoffOptions> = {}) {
    // `??` rather than a spread: an explicit `undefined` must mean "default", not NaN delays.
    const initialDelayMs = options.initialDelayMs ?? DEFAULT_BACKOFF_OPTIONS.initialDelayMs;
    const maxDelayMs = options.maxDelayMs ?? DEFAULT_BACKOFF_OPTIONS.maxDelayMs;
    const multiplier = options.multiplier ?? DEFAULT_BACKOFF_OPTIONS.multiplier;
    if (!Number.isFinite(initialDelayMs) || initialDelayMs < 0) {
      throw new RangeError(
        `backoff initialDelayMs must be a finite number >= 0: ${initialDelayMs}`,
      );
    }
    if (!Number.isFinite(maxDelayMs) || maxDelayMs < initialDelayMs) {
      throw new RangeError(
        `backoff maxDelayMs must be finite and >= initialDelayMs: ${maxDelayMs}`,
      );
    }
    if (!Number.isFinite(multiplier) || multiplier < 1) {
      throw new RangeError(`backoff multiplier must be a finite number >= 1: ${multiplier}`);
    }
    this.options = Object.freeze({ initialDelayMs, maxDelayMs, multiplier });
  }

  /** The longest delay retry number `attempt` (0-based) may wait: min(max, initial × multiplier^attempt). */
  ceilingFor(attempt: number): number {
    if (!Number.isInteger(attempt) || attempt < 0) {
      throw new RangeError(`backoff attempt must be an integer >= 0: ${attempt}`);
    }
    const { initialDelayMs, maxDelayMs, multiplier } = this.options;
    // 0 × Infinity is NaN: a zero initial delay stays zero however many attempts overflow the power.
    if (initialDelayMs === 0) return 0;
    return Math.min(maxDelayMs, initialDelayMs * multiplier ** attempt);
  }

  /** Full jitter: a uniformly random delay in [0, ceilingFor(attempt)). */
  delayFor(attempt: number, random: () => number = Math.random): number {
    return random() * this.ceilingFor(attempt);
  }

  /**
   * A delay for a retry the server asked to postpone (overloaded, restarting): never sooner than
   * `floorMs`, and spread over at least another `floorMs` so a drained fleet does not all return
   * in one wave at the floor.
   */
  delayWithFloor(attempt: number, floorMs: number, random: () => number = Math.random): number {
    if (!Number.isFinite(floorMs) || floorMs < 0) {
      throw new RangeError(`backoff floorMs must be a finite number >= 0: ${floorMs}`);
    }
    return floorMs + random() * Math.max(floorMs, this.ceilingFor(attempt));
  }
}
