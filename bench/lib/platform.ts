// What this machine offers the bench, read once: the repository root, CPU pinning (taskset and
// at least two CPUs) and the open-file limits. The runner adapts to what is missing and says so.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let pinnable: boolean | undefined;

/** True when children can be pinned to CPUs 0 and 1. */
export function canPin(): boolean {
  if (pinnable === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      pinnable = availableParallelism() >= 2;
    } catch {
      pinnable = false;
    }
  }
  return pinnable;
}

/** Moves this process to one CPU (the runner shares the load generator's, not the server's). */
export function pinSelf(cpu: number): boolean {
  if (!canPin()) return false;
  try {
    execFileSync('taskset', ['-pc', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface OpenFileLimit {
  readonly soft: number;
  readonly hard: number;
}

/** RLIMIT_NOFILE of this process (children inherit it unless the spawn raises it). */
export function openFileLimit(): OpenFileLimit {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('Max open files'));
    const [soft = '', hard = ''] = line?.slice('Max open files'.length).trim().split(/\s+/) ?? [];
    const parse = (text: string): number =>
      text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
    if (line !== undefined) return { soft: parse(soft), hard: parse(hard) };
  } catch {
    // Not Linux: assume the common default and let spawned shells try to raise it.
  }
  return { soft: 1024, hard: 1024 };
}

/** The nice value the bench asks for: other work on a shared machine disturbs it less. */
export const BENCH_NICE = -10;

/**
 * Raises this process's priority (children inherit it). Needs privileges; returns the nice value
 * in effect either way.
 */
export function raisePriority(): number {
  try {
    setPriority(process.pid, BENCH_NICE);
  } catch {
    // Not permitted: run at normal priority and report it.
  }
  return getPriority(process.pid);
}

/**
 * With autogroup scheduling (Linux desktops and VMs), nice only ranks processes inside one
 * session; between sessions CPU is shared per session. A child started in its own session
 * (detached) gets its own autogroup, whose nice is set here. Returns false if not possible.
 */
export function raiseAutogroupPriority(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(BENCH_NICE));
    autogroupsRaised = true;
    return true;
  } catch {
    return false;
  }
}

let autogroupsRaised = false;

/** True once a child's autogroup priority was raised (for the machine description). */
export function childAutogroupsRaised(): boolean {
  return autogroupsRaised;
}
