// Scenario 1b: fan-out at a steady pace (50 msg/s to N + 1 members). Measures server CPU per
// delivered message and the latency from each message's scheduled send time to its arrival.

import { count, cpuPercent, cpuUs, MIB, type Scenario } from './scenario.ts';
import { openFanoutRoom, ROOM_GROUPS } from './fanout-room.ts';

const US_PER_MS = 1000;

export const fanoutPaced: Scenario = {
  name: 'fanout-paced',
  describe: ({ subscribers, paced }) =>
    `1 publisher + ${count(subscribers)} subscribers in one room; ${paced.messagesPerSecond} msg/s of ` +
    `100 bytes, ${paced.warmupSeconds} s warm-up, ${paced.measureSeconds} s measured; latency ` +
    'from the scheduled send time to each arrival.',
  connections: (sizes) => sizes.subscribers + 1,
  async run(context) {
    const { server, generator, sizes, log } = context;
    const receivers = await openFanoutRoom(context);
    const { messagesPerSecond: rate, warmupSeconds, measureSeconds } = sizes.paced;
    const phase = {
      ...ROOM_GROUPS,
      burstSize: 1,
      intervalMs: 1000 / rate,
      precise: true,
      recordLatency: true,
      idleTimeoutMs: 5_000,
    };
    log(`warm-up: ${warmupSeconds} s at ${rate} msg/s`);
    await generator.fanout({ ...phase, messages: Math.round(rate * warmupSeconds) });
    await server.reset();
    log(`measuring: ${measureSeconds} s at ${rate} msg/s × ${receivers} receivers`);
    const result = await generator.fanout({
      ...phase,
      messages: Math.round(rate * measureSeconds),
    });
    const stats = await server.stats(true);
    const latency = result.latency;
    if (latency === undefined) throw new Error('no latency recorded');
    return {
      cpuUsPerDelivery: result.received > 0 ? cpuUs(stats) / result.received : 0,
      serverCpuPercent: cpuPercent(stats),
      generatorCpuPercent: result.generatorCpuPercent,
      latencyP50Ms: latency.p50Us / US_PER_MS,
      latencyP99Ms: latency.p99Us / US_PER_MS,
      latencyP999Ms: latency.p999Us / US_PER_MS,
      latencyMaxMs: latency.maxUs / US_PER_MS,
      eldP99Ms: stats.eventLoopDelay.p99Ms,
      rssMiB: stats.memory.rss / MIB,
      lostDeliveries: result.expected - result.received,
      maxSendLagMs: result.maxSendLagMs,
      receivers,
    };
  },
};
