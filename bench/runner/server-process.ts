// A server under test as the runner sees it: started fresh for each run on a free port, pinned
// to CPU 0, with the probe preloaded; measured through the probe; stopped with SIGTERM (Hearth
// drains) and SIGKILL if it lingers.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasExited, stopChild } from '../lib/children.ts';
import { IpcPeer } from '../lib/ipc.ts';
import { freePort, waitForPort } from '../lib/net.ts';
import { spawnNode } from '../lib/spawn-node.ts';
import type { ProbeCommands, ProbeStats } from '../servers/probe-commands.ts';
import { PROBE_ARGS, type TargetSpec } from '../servers/targets.ts';

export const SERVER_CPU = 0;
const START_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  readonly target: TargetSpec;
  readonly port: number;
  readonly pid: number;
  url(room?: string): string;
  /** Start a measurement window. */
  reset(): Promise<void>;
  /** Read the window; with `gc`, memory is read after a forced full GC. */
  stats(gc: boolean): Promise<ProbeStats>;
  /** Write a heap snapshot into `dir`; resolves with its path. */
  heapSnapshot(dir: string): Promise<string>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  readonly openFiles: number;
  /** Write a V8 CPU profile of this server here when it exits. */
  readonly cpuProfileDir?: string | undefined;
  /** Told when a first start failed and is retried. */
  readonly onRetry?: (error: Error) => void;
  /** Added to the target's own environment. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** Pause before the one retry: other engineers edit src/ while benches run (a file may be mid-save). */
const RETRY_AFTER_MS = 3_000;

/** Starts the server; a start failure (not a measurement) is retried once. */
export async function startServer(
  target: TargetSpec,
  options: StartServerOptions,
): Promise<ServerProcess> {
  try {
    return await launch(target, options);
  } catch (error) {
    options.onRetry?.(error as Error);
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    return launch(target, options);
  }
}

async function launch(target: TargetSpec, options: StartServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const launch = target.launch(port, dataDir);
  const profileArgs =
    options.cpuProfileDir === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir];
  const node = spawnNode({
    label: target.name,
    cpu: SERVER_CPU,
    nodeArgs: [...PROBE_ARGS, ...profileArgs, ...launch.nodeArgs],
    env: { ...launch.env, ...options.env },
    openFiles: options.openFiles,
  });
  const probe = new IpcPeer<ProbeCommands>(node.child, `${target.name} probe`);
  const stop = async (): Promise<void> => {
    await stopChild(node.child, 12_000);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, () => !hasExited(node.child), START_TIMEOUT_MS);
  } catch (error) {
    await stop();
    throw new Error(`${target.name} did not start: ${(error as Error).message}\n${node.tail()}`, {
      cause: error,
    });
  }
  return {
    target,
    port,
    pid: node.child.pid ?? 0,
    url: (room) => target.url(port, room),
    reset: async () => {
      await probe.request('reset', {}, PROBE_TIMEOUT_MS);
    },
    stats: (gc) => probe.request('stats', { gc }, PROBE_TIMEOUT_MS),
    heapSnapshot: async (dir) => (await probe.request('heapSnapshot', { dir }, 120_000)).path,
    stop,
  };
}
