// Scenario 3: connection rate. N connections with a fixed number of handshakes in flight;
// a connection counts once the server's protocol handshake completed (for Socket.IO: "40{…}").
// A warm-up round first: a fresh process is still compiling and collecting its start-up garbage,
// which would otherwise be charged to the first connections (more so for larger servers).

import { setTimeout as sleep } from 'node:timers/promises';
import { count, cpuPercent, cpuUs, type Scenario } from './scenario.ts';

const WARMUP_CONNECTIONS = 1_000;

export const connectRate: Scenario = {
  name: 'connect-rate',
  describe: ({ connect }) =>
    `${count(connect.connections)} connections, ${connect.inFlight} handshakes in flight, after ` +
    `${count(WARMUP_CONNECTIONS)} warm-up connections; a connection counts once the server ` +
    'completed its handshake (Socket.IO: "40{…}").',
  connections: (sizes) => sizes.connect.connections,
  async run(context) {
    const { server, generator, sizes, sourceAddresses, log } = context;
    const { connections, inFlight } = sizes.connect;
    const common = {
      url: server.url(),
      protocol: server.target.protocol,
      inFlight,
      sourceAddresses,
      timeoutMs: 15_000,
    };
    log(`warm-up: ${WARMUP_CONNECTIONS} connections opened and closed`);
    await generator.connect({ ...common, group: 'warm-up', count: WARMUP_CONNECTIONS });
    await generator.close('warm-up');
    await sleep(1_000);
    await server.reset();
    log(`opening ${connections} connections, ${inFlight} in flight`);
    const result = await generator.connect({ ...common, group: 'connect', count: connections });
    const stats = await server.stats(false);
    if (result.opened === 0)
      throw new Error(`no connection opened: ${result.firstErrors.join('; ')}`);
    return {
      connectionsPerSec: result.opened / (result.elapsedMs / 1000),
      cpuUsPerConnection: cpuUs(stats) / result.opened,
      serverCpuPercent: cpuPercent(stats),
      generatorCpuPercent: result.generatorCpuPercent,
      failedConnections: result.failed,
    };
  },
};
