// The chaos soak's fault schedule: which fault the proxy injects into each new TCP connection,
// when, and with how much added latency. Pure and seeded (no I/O, no clock): the same seed deals
// the same sequence of plans. Faults are dealt from shuffled decks that hold every kind, so any
// run that accepts at least one deck's worth of connections injects every kind at least once.

/** What happens to one proxied connection (every kind also gets latency and jitter). */
export type FaultKind =
  /** Only the base latency and jitter. */
  | 'clean'
  /** A slow link: hundreds of milliseconds of latency and jitter on every chunk. */
  | 'slow'
  /** Both sockets destroyed mid-stream (FIN, or RST where unread data remains). */
  | 'drop'
  /** Both sockets reset (RST) mid-stream. */
  | 'reset'
  /** Forwarding stops in one or both directions and nothing is closed: only heartbeats notice. */
  | 'half-open'
  /** For a while, bytes trickle through in tiny pieces (WebSocket frames split many times). */
  | 'drip';

export const FAULT_KINDS: readonly FaultKind[] = [
  'clean',
  'slow',
  'drop',
  'reset',
  'half-open',
  'drip',
];

/** The kinds that break or stall a connection (what "faults injected" counts). */
export const DISRUPTIVE_KINDS: readonly FaultKind[] = [
  'slow',
  'drop',
  'reset',
  'half-open',
  'drip',
];

/** Which way a half-open connection stops forwarding. */
export type HalfOpenDirection = 'both' | 'to-client' | 'to-server';

export interface FaultPlan {
  readonly kind: FaultKind;
  /** Added to every chunk in both directions, in ms. */
  readonly latencyMs: number;
  /** Up to this much more per chunk (order is kept: a chunk never overtakes the one before). */
  readonly jitterMs: number;
  /** After how long (from accept) a drop, reset, half-open or drip starts, in ms. */
  readonly atMs: number;
  /** How long a drip lasts, in ms (0 for other kinds). */
  readonly durationMs: number;
  /** For half-open: the direction(s) that stop; undefined for other kinds. */
  readonly direction: HalfOpenDirection | undefined;
}

/** A deck: how many of each kind one shuffled round deals. */
export const DEFAULT_DECK: Readonly<Record<FaultKind, number>> = {
  clean: 3,
  slow: 1,
  drop: 1,
  reset: 1,
  'half-open': 2,
  drip: 1,
};

export interface FaultScheduleOptions {
  readonly seed: number;
  readonly deck?: Readonly<Record<FaultKind, number>>;
  /** A fault starts uniformly within [min, max] ms after the connection is accepted. */
  readonly atMs?: readonly [number, number];
  /** Base latency of every connection, uniformly within [min, max] ms. */
  readonly latencyMs?: readonly [number, number];
  /** Jitter of every connection, uniformly within [min, max] ms. */
  readonly jitterMs?: readonly [number, number];
  /** Latency and jitter of a 'slow' connection. */
  readonly slowLatencyMs?: readonly [number, number];
  readonly slowJitterMs?: readonly [number, number];
  /** How long a drip lasts, uniformly within [min, max] ms. */
  readonly dripMs?: readonly [number, number];
}

const HALF_OPEN_DIRECTIONS: readonly HalfOpenDirection[] = ['both', 'to-client', 'to-server'];

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultSchedule {
  readonly #random: () => number;
  readonly #deck: readonly FaultKind[];
  readonly #options: Required<Omit<FaultScheduleOptions, 'seed' | 'deck'>>;
  #hand: FaultKind[] = [];
  #directions: HalfOpenDirection[] = [];
  #dealt = 0;

  /** @throws RangeError for a deck without any card or a range with min > max. */
  constructor(options: FaultScheduleOptions) {
    this.#random = seededRandom(options.seed);
    const deck = options.deck ?? DEFAULT_DECK;
    this.#deck = FAULT_KINDS.flatMap((kind) => Array.from({ length: deck[kind] }, () => kind));
    if (this.#deck.length === 0) throw new RangeError('the fault deck is empty');
    this.#options = {
      atMs: options.atMs ?? [300, 10_000],
      latencyMs: options.latencyMs ?? [1, 20],
      jitterMs: options.jitterMs ?? [0, 20],
      slowLatencyMs: options.slowLatencyMs ?? [150, 400],
      slowJitterMs: options.slowJitterMs ?? [50, 250],
      dripMs: options.dripMs ?? [1000, 4000],
    };
    for (const [name, [min, max]] of Object.entries(this.#options)) {
      if (!(min >= 0 && min <= max)) throw new RangeError(`${name}: need 0 <= min <= max`);
    }
  }

  /** Cards in one deck: after this many plans every kind has been dealt at least once. */
  get deckSize(): number {
    return this.#deck.length;
  }

  get dealt(): number {
    return this.#dealt;
  }

  /** The plan for the next accepted connection. */
  next(): FaultPlan {
    if (this.#hand.length === 0) this.#hand = this.#shuffled(this.#deck);
    const kind = this.#hand.pop()!;
    this.#dealt++;
    const o = this.#options;
    const slow = kind === 'slow';
    let direction: HalfOpenDirection | undefined;
    if (kind === 'half-open') {
      if (this.#directions.length === 0) this.#directions = this.#shuffled(HALF_OPEN_DIRECTIONS);
      direction = this.#directions.pop();
    }
    return {
      kind,
      latencyMs: this.#between(slow ? o.slowLatencyMs : o.latencyMs),
      jitterMs: this.#between(slow ? o.slowJitterMs : o.jitterMs),
      atMs: this.#between(o.atMs),
      durationMs: kind === 'drip' ? this.#between(o.dripMs) : 0,
      direction,
    };
  }

  /** A number in [0, 1) from the schedule's stream, for the proxy's per-chunk jitter. */
  random(): number {
    return this.#random();
  }

  #between([min, max]: readonly [number, number]): number {
    return Math.round(min + (max - min) * this.#random());
  }

  #shuffled<T>(cards: readonly T[]): T[] {
    const copy = [...cards];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.#random() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }
}

/**
 * When each chunk of one direction may be released: at least `latency + jitter` after it
 * arrived and never before the chunk ahead of it (a stream must not be reordered), plus
 * `spacingMs` after it while dripping. Pure: the proxy passes the clock and a random draw.
 */
export function releaseTime(
  arrivedAt: number,
  previousReleaseAt: number,
  plan: Pick<FaultPlan, 'latencyMs' | 'jitterMs'>,
  draw: number,
  spacingMs = 0,
): number {
  const earliest = arrivedAt + plan.latencyMs + plan.jitterMs * draw;
  return Math.max(earliest, previousReleaseAt + spacingMs);
}
