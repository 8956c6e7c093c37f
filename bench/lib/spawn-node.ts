// Starts a Node child for the bench: pinned to one CPU when the machine allows, with its
// open-file limit raised to what the scenario needs, an IPC channel, and the tail of its output
// kept for error messages (its pipes are always drained so it can never block on them).

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { track } from './children.ts';
import { canPin, openFileLimit, raiseAutogroupPriority, REPO_ROOT } from './platform.ts';

export interface SpawnNodeOptions {
  readonly label: string;
  /** CPU to pin to; undefined (or no taskset) leaves it to the scheduler. */
  readonly cpu: number | undefined;
  readonly nodeArgs: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** File descriptors the child will need (connections + a margin). */
  readonly openFiles: number;
}

export interface NodeChild {
  readonly label: string;
  readonly child: ChildProcess;
  /** The last lines the child wrote to stdout/stderr. */
  tail(): string;
}

const TAIL_LINES = 40;

export function spawnNode(options: SpawnNodeOptions): NodeChild {
  let command = process.execPath;
  // BENCH_EXTRA_NODE_FLAGS="--trace-gc" adds flags NODE_OPTIONS refuses, for diagnosis.
  const extra = (process.env.BENCH_EXTRA_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
  let args = [...extra, ...options.nodeArgs];
  if (options.cpu !== undefined && canPin()) {
    args = ['-c', String(options.cpu), command, ...args];
    command = 'taskset';
  }
  const limit = openFileLimit();
  if (limit.soft < options.openFiles) {
    // Raise the soft limit in a shell that then execs the real command (same pid, same IPC fd).
    const wanted = Math.min(limit.hard, options.openFiles);
    args = ['-c', `ulimit -n ${wanted} && exec "$@"`, 'sh', command, ...args];
    command = '/bin/sh';
  }
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own session, hence its own autogroup whose priority can be raised. Children still
    // end with the runner: killed by its cleanup, or on losing the IPC channel if it dies.
    detached: true,
  });
  track(child);
  if (child.pid !== undefined) raiseAutogroupPriority(child.pid);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(line);
    if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // BENCH_CHILD_LOG_DIR=/tmp/x keeps every child's whole output, for diagnosis.
  const logDir = process.env.BENCH_CHILD_LOG_DIR;
  if (logDir !== undefined && logDir !== '') {
    const file = createWriteStream(join(logDir, `${options.label}-${child.pid ?? 0}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  return { label: options.label, child, tail: () => lines.join('\n') };
}
