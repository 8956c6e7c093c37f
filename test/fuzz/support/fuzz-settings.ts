// How much to fuzz and where the totals go. `npm test` runs the short form (a few dozen
// generated cases per property, seconds per file); `npm run fuzz -- --runs N` (or FUZZ_RUNS=N)
// runs N cases per property, and test/fuzz/run.ts adds up what every file reported.

import { appendFileSync } from 'node:fs';

/** Generated cases per property in the short form that CI runs inside `npm test`. */
const SHORT_RUNS = 25;

/** Cases per fast-check property. */
export function fuzzRuns(): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw === '') return SHORT_RUNS;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be >= 1: ${raw}`);
  return runs;
}

/** Pure in-process properties are cheap: they get more cases than the socket ones. */
export function pureRuns(): number {
  return fuzzRuns() * 20;
}

/**
 * fast-check parameters: the seed is printed on failure and FUZZ_SEED replays one. No shrinking:
 * the server under test keeps state between cases, so a shrunk case would not fail the same way;
 * the failing case is reported as generated.
 */
export function fcParameters(numRuns: number): {
  numRuns: number;
  endOnFailure: boolean;
  seed?: number;
} {
  const seed = process.env.FUZZ_SEED;
  const base = { numRuns, endOnFailure: true };
  return seed === undefined || seed === '' ? base : { ...base, seed: Number(seed) };
}

/** What one fuzz test fed the server, for the closing totals. */
export interface FuzzTally {
  readonly target: string;
  /** WebSocket frames, HTTP requests or decoder inputs generated and checked. */
  inputs: number;
  readonly kind: 'frames' | 'requests' | 'decoder inputs';
}

export function tally(target: string, kind: FuzzTally['kind']): FuzzTally {
  return { target, inputs: 0, kind };
}

/** Reports a tally: to FUZZ_TOTALS_FILE (the long-form runner sums them) or to stdout. */
export function report(entry: FuzzTally): void {
  const file = process.env.FUZZ_TOTALS_FILE;
  const line = JSON.stringify(entry);
  if (file !== undefined && file !== '') appendFileSync(file, `${line}\n`);
  else console.log(`fuzz: ${entry.target}: ${entry.inputs} ${entry.kind}`);
}
