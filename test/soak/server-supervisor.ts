// The chaos soak's server: a real `hearth serve` child on a fixed port with its own data dir,
// restarted on demand either gracefully (SIGTERM: drain, then exit 0) or with `kill -9`. Keeps
// the restart history (the soak's checks need to know when a process ended) and reads the
// child's resident memory from /proc.

import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { HearthProcess } from '../support/child-server.ts';

export type RestartKind = 'graceful' | 'kill';

export interface Restart {
  readonly kind: RestartKind;
  /** performance.now() when the stop began (SIGTERM or SIGKILL sent). */
  readonly stoppedAt: number;
  /** performance.now() when the next process printed its banner. */
  readonly startedAt: number;
  readonly exit: { code: number | null; signal: string | null };
}

/** A port free right now on loopback (the server keeps it across restarts). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

export class ServerSupervisor {
  readonly port: number;
  readonly dataDir: string;
  readonly restarts: Restart[] = [];
  /** Problems seen: a graceful stop that did not exit 0, a start that failed. */
  readonly problems: string[] = [];
  readonly #env: Record<string, string>;
  #process: HearthProcess | undefined;
  #startedAt = 0;

  constructor(options: { port: number; dataDir: string; env: Record<string, string> }) {
    this.port = options.port;
    this.dataDir = options.dataDir;
    this.#env = options.env;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#process?.child.pid;
  }

  /** performance.now() when the current process printed its banner. */
  get startedAt(): number {
    return this.#startedAt;
  }

  get running(): boolean {
    return this.#process?.running === true;
  }

  async start(): Promise<void> {
    // A port just released by a killed process can take a moment to be free again.
    for (let attempt = 1; ; attempt++) {
      const child = new HearthProcess(
        ['serve', '--port', String(this.port), '--data-dir', this.dataDir],
        this.#env,
      );
      try {
        await child.listeningPort(60_000);
        this.#process = child;
        this.#startedAt = performance.now();
        return;
      } catch (error) {
        await child[Symbol.asyncDispose]();
        if (attempt >= 5) {
          throw new Error(`hearth serve did not start: ${String(error)}\n${child.stderr}`, {
            cause: error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  /** Stops the running process the given way and starts a new one on the same port. */
  async restart(kind: RestartKind): Promise<Restart> {
    const stoppedAt = performance.now();
    const exit = await this.stop(kind);
    await this.start();
    const restart: Restart = { kind, stoppedAt, startedAt: this.#startedAt, exit };
    this.restarts.push(restart);
    return restart;
  }

  /** Stops the process: SIGTERM (must drain and exit 0) or SIGKILL. */
  async stop(kind: RestartKind): Promise<{ code: number | null; signal: string | null }> {
    const child = this.#process;
    if (child === undefined) return { code: null, signal: null };
    this.#process = undefined;
    child.child.kill(kind === 'kill' ? 'SIGKILL' : 'SIGTERM');
    const exit = await child.waitForExit(60_000).catch(async (error: unknown) => {
      this.problems.push(`${kind} stop: ${String(error)}`);
      await child[Symbol.asyncDispose]();
      return { code: null, signal: 'SIGKILL' as NodeJS.Signals };
    });
    if (kind === 'graceful' && exit.code !== 0) {
      this.problems.push(
        `graceful stop exited with code ${String(exit.code)} / ${String(exit.signal)}: ` +
          child.stderr.slice(-2000),
      );
    }
    return { code: exit.code, signal: exit.signal };
  }

  /** Resident set size of the running process, in bytes (Linux /proc). */
  async rssBytes(): Promise<number | undefined> {
    const pid = this.pid;
    if (pid === undefined) return undefined;
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
      return match === null ? undefined : Number(match[1]) * 1024;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL now, synchronously (for process 'exit' handlers). */
  killNow(): void {
    if (this.#process?.running === true) this.#process.child.kill('SIGKILL');
  }

  /** The end of what the current process wrote on stderr (for a report). */
  stderrTail(chars = 2000): string {
    return this.#process?.stderr.slice(-chars) ?? '';
  }
}
