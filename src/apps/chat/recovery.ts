// Missed-message recovery as pure arithmetic: merging per-room runs into one id-ordered stream,
// and cutting a page by count and bytes while saying exactly which ids it covers, so that
// recovery plus live delivery never skips or repeats a message.

/** What a recovery page needs to know of a message. */
export interface Sequenced {
  readonly id: number;
  readonly roomId: string;
}

/** Per-room lower bounds: a room's messages with `id > floor` are wanted. */
export type Floors = ReadonlyMap<string, number>;

/** Merges ascending runs (one per room) into one ascending list of at most `limit`. */
export function mergeAscending<T extends Sequenced>(
  runs: readonly (readonly T[])[],
  limit: number,
): T[] {
  const merged: T[] = [];
  const positions = runs.map(() => 0);
  while (merged.length < limit) {
    let best = -1;
    let bestId = Number.POSITIVE_INFINITY;
    runs.forEach((run, index) => {
      const candidate = run[positions[index] ?? 0];
      if (candidate !== undefined && candidate.id < bestId) {
        best = index;
        bestId = candidate.id;
      }
    });
    if (best === -1) break;
    const run = runs[best] ?? [];
    const position = positions[best] ?? 0;
    const next = run[position];
    if (next === undefined) break;
    merged.push(next);
    positions[best] = position + 1;
  }
  return merged;
}

/** Every floor raised to at least `cursor`: what is left to recover after it. */
export function raiseFloors(floors: Floors, cursor: number): Map<string, number> {
  const raised = new Map<string, number>();
  for (const [room, floor] of floors) raised.set(room, Math.max(floor, cursor));
  return raised;
}

export interface PageInput<T extends Sequenced> {
  /**
   * From the store: the wanted messages with `id <= head`, ascending, fetched with a limit of
   * `limit + 1` (so that one more than `limit` says more exist up to `head`).
   */
  readonly fetched: readonly T[];
  /** The upper bound the store was asked for. */
  readonly head: number;
  /**
   * Messages with `head < id <= upTo` (published while the store was read), or undefined when
   * they are not known (the live feed no longer reaches back to `head`).
   */
  readonly tail: readonly T[] | undefined;
  /** Everything above this arrives live: recovery never goes past it. */
  readonly upTo: number;
  readonly limit: number;
  /** Bytes the page may take; at least one message is always sent so that paging progresses. */
  readonly maxBytes: number;
  readonly sizeOf: (message: T) => number;
}

export interface Page<T> {
  readonly messages: T[];
  /** Every wanted message with `id <= cursor` is delivered (now or before). */
  readonly cursor: number;
  /** Wanted messages with `cursor < id <= upTo` remain. */
  readonly hasMore: boolean;
}

/** One page of recovery and the position it reaches. */
export function cutPage<T extends Sequenced>(input: PageInput<T>): Page<T> {
  const complete = input.fetched.length <= input.limit;
  const candidates = complete
    ? [...input.fetched, ...(input.tail ?? [])]
    : input.fetched.slice(0, input.limit);
  const messages: T[] = [];
  let bytes = 0;
  for (const message of candidates) {
    if (messages.length >= input.limit) break;
    const size = input.sizeOf(message);
    if (messages.length > 0 && bytes + size > input.maxBytes) break;
    messages.push(message);
    bytes += size;
  }
  const last = messages.at(-1);
  if (messages.length < candidates.length || !complete) {
    return { messages, cursor: last?.id ?? 0, hasMore: true };
  }
  // Everything up to `head` was fetched and sent; the tail decides whether `upTo` is reached.
  if (input.tail === undefined)
    return { messages, cursor: input.head, hasMore: input.head < input.upTo };
  return { messages, cursor: input.upTo, hasMore: false };
}
