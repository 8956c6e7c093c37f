// A real `hearth` process for tests: `node src/cli/main.ts …` with its output collected, the
// port read from its start-up banner, and SIGKILL in teardown if it is still running.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { withTimeout } from './ws-client.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The environment of a child: ours without HEARTH_* settings or the test runner's markers. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('HEARTH_') && name !== 'NODE_TEST_CONTEXT') env[name] = value;
  }
  return { ...env, ...extra };
}

/** `node src/cli/main.ts …` with its output collected; disposing kills it if still running. */
export class HearthProcess implements AsyncDisposable {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolveExit, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code, signal) => {
        resolveExit({ code, signal });
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForExit(timeoutMs = 10_000): Promise<Exit> {
    return withTimeout(this.exited, timeoutMs, 'the hearth process did not exit');
  }

  /** Resolves with the first match of `pattern` in stderr; fails if the process exits first. */
  async waitForStderr(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
    const search = new Promise<RegExpExecArray>((resolveMatch, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.stderr);
        if (match === null) return;
        this.child.stderr?.off('data', check);
        resolveMatch(match);
      };
      this.child.stderr?.on('data', check);
      check();
      this.exited.then(() => {
        reject(new Error(`hearth exited before printing ${String(pattern)}:\n${this.stderr}`));
      }, reject);
    });
    return withTimeout(search, timeoutMs, `no ${String(pattern)} on stderr`);
  }

  /** Waits for the start-up banner and returns the port Hearth listens on. */
  async listeningPort(timeoutMs = 10_000): Promise<number> {
    const match = await this.waitForStderr(/is serving on http:\/\/[^\s]+:(\d+)/, timeoutMs);
    return Number(match[1]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await withTimeout(this.exited, 5000, 'the killed hearth process did not exit').catch(
      () => undefined,
    );
  }
}
