// How much CPU other processes used while a run was measured: all CPUs' busy time from
// /proc/stat minus the bench's own processes (runner, server, generator). Other work on a
// shared machine disturbs latency and CPU numbers, so disturbed runs can be spotted and redone.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Kernel clock ticks per second for /proc times (USER_HZ, 100 on every common Linux). */
const TICKS_PER_SECOND = 100;

function machineBusyTicks(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // irq/softirq time is left out: the loopback traffic of the bench itself is processed
    // there and not charged to its processes, so counting it would blame the bench on others.
    const [, user, nice, system, , , , , steal] = line.trim().split(/\s+/).map(Number);
    return [user, nice, system, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
  } catch {
    return undefined;
  }
}

function processTicks(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces) start at ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function ownTicks(pids: readonly number[]): number {
  const runner = process.cpuUsage();
  const runnerTicks = ((runner.user + runner.system) / 1e6) * TICKS_PER_SECOND;
  return runnerTicks + pids.reduce((sum, pid) => sum + processTicks(pid), 0);
}

/**
 * Starts measuring; the returned function gives the CPU other processes used since, in percent
 * of one CPU (undefined where /proc is missing). Call it while the pids are still alive.
 */
export function startForeignLoadMeter(pids: readonly number[]): () => number | undefined {
  const busyStart = machineBusyTicks();
  const ownStart = ownTicks(pids);
  const wallStart = performance.now();
  return () => {
    const busyEnd = machineBusyTicks();
    if (busyStart === undefined || busyEnd === undefined) return undefined;
    const seconds = (performance.now() - wallStart) / 1000;
    const foreignTicks = busyEnd - busyStart - (ownTicks(pids) - ownStart);
    return seconds > 0 ? Math.max(0, (foreignTicks / TICKS_PER_SECOND / seconds) * 100) : 0;
  };
}
