// Open-loop sending: tick i is due at start + i × interval whatever happened before, and late
// ticks are sent at once (never skipped, never re-timed), so a slow server cannot slow the
// offered load down and hide its own latency (no coordinated omission).

import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

export interface ScheduleOptions {
  readonly ticks: number;
  readonly intervalMs: number;
  /**
   * Wake this many ms early and spin to the exact instant. Timers fire up to ~1 ms late, which
   * would add noise to sub-millisecond latencies; 0 sends when the timer fires.
   */
  readonly spinMs: number;
  /** Called once per tick with its scheduled performance.now() instant. */
  readonly onTick: (tick: number, scheduledAt: number) => void;
}

/** Runs the schedule; resolves with how late the latest tick was sent, in ms. */
export async function runSchedule(options: ScheduleOptions): Promise<number> {
  const { ticks, intervalMs, spinMs, onTick } = options;
  const start = performance.now() + 2;
  let maxLagMs = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const due = start + tick * intervalMs;
    const wait = due - performance.now() - spinMs;
    if (wait >= 1) await sleep(wait);
    // Without spinning, the last sub-millisecond is waited out in turns that still receive.
    else if (spinMs === 0) while (performance.now() < due) await nextTurn();
    let now = performance.now();
    // Spinning blocks the loop for at most spinMs: receiving waits, but the send is on time.
    while (now < due) now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - due);
    onTick(tick, due);
  }
  return maxLagMs;
}
