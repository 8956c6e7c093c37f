// The results file (bench/results/<mode>.json): small enough to commit — per-run headline
// numbers, their summary and the target outcomes, no histograms or raw samples.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sizes } from '../runner/options.ts';
import type { RunRecord, Summary } from './aggregate.ts';
import type { MachineInfo } from './machine.ts';
import type { Revision } from './revision.ts';
import type { TargetOutcome } from './targets.ts';

export interface BenchResults {
  readonly schema: 1;
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly revision: Revision;
  readonly sizes: Sizes;
  readonly scenarios: readonly string[];
  readonly targets: readonly string[];
  readonly runs: readonly RunRecord[];
  readonly summary: Summary;
  readonly outcomes: readonly TargetOutcome[];
}

/** Four significant digits are more than the run-to-run noise; the file stays small. */
function rounded(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(4))
    : value;
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, rounded, 1)}\n`);
}

export async function readResults(path: string): Promise<BenchResults> {
  return JSON.parse(await readFile(path, 'utf8')) as BenchResults;
}
