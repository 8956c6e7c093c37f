// Scenario 2: memory per idle connection. RSS and heap after a forced full GC with N open,
// idle connections, minus the same server's baseline with none (taken after a small warm-up,
// so lazily loaded code does not count as connection memory).

import { setTimeout as sleep } from 'node:timers/promises';
import { count, MIB, type Scenario } from './scenario.ts';

const WARMUP_CONNECTIONS = 50;
const KIB = 1024;

export const idleConnections: Scenario = {
  name: 'idle-connections',
  describe: ({ idle }) =>
    `${count(idle.connections)} idle connections (no room); RSS and heap after forced GC minus the ` +
    `same server's baseline with none (after ${WARMUP_CONNECTIONS} warm-up connections).`,
  connections: (sizes) => sizes.idle.connections,
  async run(context) {
    const { server, generator, sizes, sourceAddresses, log } = context;
    const common = {
      url: server.url(),
      protocol: server.target.protocol,
      inFlight: sizes.idle.inFlight,
      sourceAddresses,
      timeoutMs: 15_000,
    };
    await generator.connect({ ...common, group: 'warm-up', count: WARMUP_CONNECTIONS });
    await generator.close('warm-up');
    await sleep(500);
    const baseline = await server.stats(true);
    log(
      `baseline RSS ${(baseline.memory.rss / MIB).toFixed(1)} MiB; opening ${sizes.idle.connections}`,
    );
    const opened = await generator.connect({
      ...common,
      group: 'idle',
      count: sizes.idle.connections,
    });
    if (opened.opened === 0)
      throw new Error(`no connection opened: ${opened.firstErrors.join('; ')}`);
    // Let handshakes' temporary garbage and buffers settle before the measurement GC.
    await sleep(2_000);
    const loaded = await server.stats(true);
    const perConnection = (after: number, before: number): number =>
      (after - before) / opened.opened / KIB;
    return {
      rssPerConnectionKiB: perConnection(loaded.memory.rss, baseline.memory.rss),
      heapPerConnectionKiB: perConnection(loaded.memory.heapUsed, baseline.memory.heapUsed),
      externalPerConnectionKiB: perConnection(
        loaded.memory.external + loaded.memory.arrayBuffers,
        baseline.memory.external + baseline.memory.arrayBuffers,
      ),
      baselineRssMiB: baseline.memory.rss / MIB,
      loadedRssMiB: loaded.memory.rss / MIB,
      connections: opened.opened,
      failedConnections: opened.failed,
    };
  },
};
