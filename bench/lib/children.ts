// Every child process the bench starts, and the promise that none outlives the runner: stopped
// one by one (SIGTERM, then SIGKILL after a grace period), and all killed on exit, on an
// uncaught error and on SIGINT/SIGTERM.

import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (lets Hearth drain and `--cpu-prof` write its profile), SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function killAll(): void {
  for (const child of live) if (!hasExited(child)) child.kill('SIGKILL');
}

/** Installs the handlers that kill every tracked child when the runner ends for any reason. */
export function installCleanup(): void {
  // 'exit' also runs after an uncaught exception, so errors are covered too.
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}: stopping ${live.size} child process(es)`);
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
