// The generator's own CPU use over a phase. When it is near 100% the generator, not the server,
// set the pace, and the measured rate is a lower bound for the server.

import { performance } from 'node:perf_hooks';

export function startCpuMeter(): () => number {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const elapsedMs = performance.now() - wall;
    return elapsedMs > 0 ? ((used.user + used.system) / 1000 / elapsedMs) * 100 : 0;
  };
}
