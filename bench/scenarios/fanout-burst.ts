// Scenario 1a: fan-out under bursts. The publisher sends messages back-to-back in bursts far
// faster than any server can fan them out; deliveries/s is how fast the whole backlog reaches
// every member (from the first scheduled send to the last delivery).

import { count, cpuPercent, cpuUs, type Scenario } from './scenario.ts';
import { openFanoutRoom, ROOM_GROUPS } from './fanout-room.ts';

export const fanoutBurst: Scenario = {
  name: 'fanout-burst',
  describe: ({ subscribers, burst }) =>
    `1 publisher + ${count(subscribers)} subscribers in one room; ${count(burst.messages)} messages of 100 bytes ` +
    `in bursts of ${burst.burstSize} every ${burst.intervalMs} ms (after ${burst.warmupMessages} ` +
    'for warm-up); deliveries/s from the first scheduled send to the last delivery.',
  connections: (sizes) => sizes.subscribers + 1,
  async run(context) {
    const { server, generator, sizes, log } = context;
    const receivers = await openFanoutRoom(context);
    const { messages, burstSize, intervalMs, warmupMessages } = sizes.burst;
    const phase = {
      ...ROOM_GROUPS,
      burstSize,
      intervalMs,
      precise: false,
      recordLatency: false,
      idleTimeoutMs: 5_000,
    };
    log(`warm-up: ${warmupMessages} messages × ${receivers} receivers`);
    await generator.fanout({ ...phase, messages: warmupMessages });
    await server.reset();
    log(`measuring: ${messages} messages in bursts of ${burstSize} every ${intervalMs} ms`);
    const result = await generator.fanout({ ...phase, messages });
    const stats = await server.stats(true);
    return {
      deliveriesPerSec: result.durationMs > 0 ? result.received / (result.durationMs / 1000) : 0,
      cpuUsPerDelivery: result.received > 0 ? cpuUs(stats) / result.received : 0,
      serverCpuPercent: cpuPercent(stats),
      generatorCpuPercent: result.generatorCpuPercent,
      eldP99Ms: stats.eventLoopDelay.p99Ms,
      lostDeliveries: result.expected - result.received,
      closedDuring: result.closedDuring,
      receivers,
    };
  },
};
