// Opens many connections with a bounded number of handshakes in flight, spread round-robin over
// several source addresses (ephemeral ports and TIME_WAIT entries are per address).

import { performance } from 'node:perf_hooks';
import { BenchClient } from './bench-client.ts';
import type { ConnectRequest, ConnectResult } from './commands.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { wireAdapter } from './wire.ts';

const MAX_ERRORS_KEPT = 5;

export async function openClients(
  request: ConnectRequest,
  progress: (text: string) => void,
): Promise<{ clients: BenchClient[]; result: ConnectResult }> {
  const adapter = wireAdapter(request.protocol);
  const clients: BenchClient[] = [];
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const cpuMeter = startCpuMeter();
  const ticker = setInterval(() => {
    progress(`${request.group}: ${clients.length}/${request.count} open, ${failed} failed`);
  }, 1_000);

  const worker = async (): Promise<void> => {
    while (next < request.count) {
      const index = next++;
      const address = request.sourceAddresses[index % request.sourceAddresses.length];
      const client = new BenchClient(
        request.url,
        address ?? '127.0.0.1',
        adapter,
        request.timeoutMs,
      );
      const timeout = setTimeout(() => {
        client.fail(`handshake not completed within ${request.timeoutMs} ms`);
      }, request.timeoutMs);
      try {
        await client.ready;
        clients.push(client);
      } catch (error) {
        failed++;
        client.ws.terminate();
        if (errors.length < MAX_ERRORS_KEPT) errors.push((error as Error).message);
      } finally {
        clearTimeout(timeout);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(request.inFlight, request.count) }, worker));
  } finally {
    clearInterval(ticker);
  }
  return {
    clients,
    result: {
      opened: clients.length,
      failed,
      elapsedMs: performance.now() - started,
      firstErrors: errors,
      generatorCpuPercent: cpuMeter(),
    },
  };
}
