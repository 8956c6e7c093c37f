// Repetitions → median and min–max per scenario, server and metric. Failed runs are left out
// (and listed in the results file), so one bad run cannot poison a median.

export interface RunRecord {
  readonly scenario: string;
  readonly target: string;
  readonly rep: number;
  readonly seconds: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** Runs repeated because other processes disturbed them (1 when the first one counted). */
  readonly attempts?: number;
  readonly error?: string;
}

export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** scenario → target → metric → statistics */
export type Summary = Record<string, Record<string, Record<string, Stat>>>;

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export function aggregate(runs: readonly RunRecord[]): Summary {
  const values = new Map<string, number[]>();
  for (const run of runs) {
    if (run.error !== undefined) continue;
    for (const [key, value] of Object.entries(run.metrics)) {
      const id = JSON.stringify([run.scenario, run.target, key]);
      values.set(id, [...(values.get(id) ?? []), value]);
    }
  }
  const summary: Summary = {};
  for (const [id, list] of values) {
    const [scenario, target, key] = JSON.parse(id) as [string, string, string];
    const sorted = [...list].sort((a, b) => a - b);
    const byTarget = (summary[scenario] ??= {});
    (byTarget[target] ??= {})[key] = {
      median: median(sorted),
      min: sorted[0] ?? Number.NaN,
      max: sorted.at(-1) ?? Number.NaN,
      n: sorted.length,
    };
  }
  return summary;
}

export function statOf(
  summary: Summary,
  scenario: string,
  target: string,
  key: string,
): Stat | undefined {
  return summary[scenario]?.[target]?.[key];
}
