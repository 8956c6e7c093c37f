// Preloaded into every server under test (`--import ./bench/servers/probe.ts`): answers the
// runner over IPC with the process's own CPU time, event-loop delay and memory after a forced
// GC. The same probe in Hearth and in every reference keeps their numbers comparable.

import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { serveIpc } from '../lib/ipc.ts';
import type { ProbeCommands, ProbeStats } from './probe-commands.ts';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let windowStart = performance.now();
let cpuStart = process.cpuUsage();
let threadCpuStart = process.threadCpuUsage();

const gc = (globalThis as { gc?: () => void }).gc;
const NS_PER_MS = 1e6;

function stats(forceGc: boolean): ProbeStats {
  const cpu = process.cpuUsage(cpuStart);
  const thread = process.threadCpuUsage(threadCpuStart);
  const wallMs = performance.now() - windowStart;
  const eventLoopDelay = {
    p50Ms: delay.percentile(50) / NS_PER_MS,
    p99Ms: delay.percentile(99) / NS_PER_MS,
    maxMs: delay.max / NS_PER_MS,
  };
  if (forceGc && gc !== undefined) {
    // Twice: the first full GC may only queue finalizers whose memory the second one frees.
    gc();
    gc();
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return {
    wallMs,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    mainThreadCpuUs: thread.user + thread.system,
    eventLoopDelay,
    memory: { rss, heapUsed, heapTotal, external, arrayBuffers },
    gcForced: forceGc && gc !== undefined,
  };
}

const serving = serveIpc<ProbeCommands>({
  reset() {
    delay.reset();
    windowStart = performance.now();
    cpuStart = process.cpuUsage();
    threadCpuStart = process.threadCpuUsage();
    return { ok: true };
  },
  stats: ({ gc: forceGc }) => stats(forceGc),
  heapSnapshot: ({ dir }) => ({
    path: writeHeapSnapshot(join(dir, `${process.pid}-${Date.now()}.heapsnapshot`)),
  }),
});

if (serving) {
  // The channel must not keep a server alive on its own; but losing it means the runner is
  // gone (even killed), and a server under test must never outlive its bench.
  process.channel?.unref();
  process.on('disconnect', () => {
    process.exit(0);
  });
}
