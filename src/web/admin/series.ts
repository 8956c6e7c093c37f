// The dashboard's memory: the last minute of /admin/stats snapshots, and the per-app series the
// charts draw from them: levels (connections now) and rates (Δtotal / Δtime between successive
// snapshots). A restarted node (another node id) starts a new history: its totals start over.

import type { AdminStats, AppStats } from '../../protocol/admin/stats.ts';
import type { Point } from './chart-geometry.ts';

/** One value of an app's snapshot. */
export type Metric = (app: AppStats) => number;

export class StatsHistory {
  private readonly snapshots: AdminStats[] = [];
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get latest(): AdminStats | undefined {
    return this.snapshots.at(-1);
  }

  get all(): readonly AdminStats[] {
    return this.snapshots;
  }

  push(snapshot: AdminStats): void {
    const latest = this.latest;
    if (latest !== undefined && latest.node.id !== snapshot.node.id) this.snapshots.length = 0;
    this.snapshots.push(snapshot);
    if (this.snapshots.length > this.capacity) this.snapshots.shift();
  }
}

/** The app names of the newest snapshot, in the server's order. */
export function appNames(history: readonly AdminStats[]): string[] {
  return history.at(-1)?.apps.map((app) => app.name) ?? [];
}

/** The value of `metric` in each snapshot, per app. */
export function levelSeries(history: readonly AdminStats[], metric: Metric): Map<string, Point[]> {
  const series = new Map<string, Point[]>();
  for (const snapshot of history) {
    for (const app of snapshot.apps)
      seriesOf(series, app.name).push({ t: snapshot.time_ms, v: metric(app) });
  }
  return series;
}

/**
 * Per second between successive snapshots, per app, stamped at the later one. A pair is skipped
 * when time did not advance or the total went down (counters restart with their node).
 */
export function rateSeries(history: readonly AdminStats[], metric: Metric): Map<string, Point[]> {
  const series = new Map<string, Point[]>();
  for (let index = 1; index < history.length; index++) {
    const before = history[index - 1];
    const after = history[index];
    if (before === undefined || after === undefined) continue;
    const seconds = (after.time_ms - before.time_ms) / 1000;
    if (seconds <= 0 || before.node.id !== after.node.id) continue;
    for (const app of after.apps) {
      const previous = before.apps.find((candidate) => candidate.name === app.name);
      if (previous === undefined) continue;
      const delta = metric(app) - metric(previous);
      if (delta < 0) continue;
      seriesOf(series, app.name).push({ t: after.time_ms, v: delta / seconds });
    }
  }
  return series;
}

function seriesOf(series: Map<string, Point[]>, name: string): Point[] {
  let points = series.get(name);
  if (points === undefined) {
    points = [];
    series.set(name, points);
  }
  return points;
}
