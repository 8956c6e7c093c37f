// Loopback plumbing: a free port for each server, waiting until it accepts connections, and
// the blocks of 127.0.0.0/8 source addresses clients connect from (so ephemeral ports and
// TIME_WAIT entries are spread over many addresses and never carry over from the previous run).

import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const SERVER_HOST = '127.0.0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, SERVER_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: SERVER_HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/** Resolves once `port` accepts TCP connections; rejects when `stillAlive` says no or on timeout. */
export async function waitForPort(
  port: number,
  stillAlive: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!stillAlive()) throw new Error('server exited before listening');
    if (await tryConnect(port)) return;
    await sleep(50);
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

/** Eight source addresses for run number `run`: 127.0.B.2–127.0.B.9, B cycling through 1–250. */
export function sourceAddressBlock(run: number, count = 8): string[] {
  const block = 1 + (run % 250);
  return Array.from({ length: count }, (_, index) => `127.0.${block}.${index + 2}`);
}
