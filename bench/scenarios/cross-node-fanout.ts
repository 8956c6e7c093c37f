// Scale-out: what crossing nodes adds to fan-out latency. Two Hearth nodes (A and B, separate
// processes) share one Redis (cluster.redis_url, a key prefix of the run's own). In one room the
// publisher is on A and the subscribers on B, so every message goes A → Redis → B → subscribers;
// in another room, the baseline, publisher and subscribers are all on A. Both rooms get the same
// paced open-loop load as fanout-paced, one after the other in the same run (the order alternates
// between repetitions), with latency from each message's scheduled send to its arrival, on the
// generator's one clock.

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { sampleValue, scrapeMetrics } from '../lib/prometheus-text.ts';
import {
  channelSubscribers,
  commandTime,
  connectRedis,
  deleteKeys,
  localRedisPid,
  redisCpuUs,
  redisProblem,
} from '../lib/redis-service.ts';
import type { FanoutResult } from '../load/commands.ts';
import type { ServerProcess } from '../runner/server-process.ts';
import type { ProbeStats } from '../servers/probe-commands.ts';
import {
  count,
  cpuPercent,
  cpuUs,
  type Metrics,
  type Scenario,
  type ScenarioContext,
} from './scenario.ts';

/** Where the subscribers are: on the publisher's node A (baseline) or on node B. */
type Placement = 'single' | 'cross';

const ROOMS: Record<Placement, string> = { single: 'same-node', cross: 'cross-node' };
const HANDSHAKE_TIMEOUT_MS = 10_000;
const SUBSCRIBED_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 5_000;
const US_PER_MS = 1000;

const redisUrl = (): string | undefined => process.env.REDIS_URL;

interface PhaseOutcome {
  readonly fanout: FanoutResult;
  readonly nodeA: ProbeStats;
  readonly nodeB: ProbeStats;
  readonly redisCpuUs: number;
  /** PUBLISH commands Redis executed during the phase, and the time it spent in them (µs). */
  readonly publishCalls: number;
  readonly publishUs: number;
  readonly wallMs: number;
  /** Node B's hearth_bus_lag_seconds over the phase: sum (s) and count. */
  readonly lagSumS: number;
  readonly lagCount: number;
  /** Publishes node A could not hand to Redis during the phase. */
  readonly unsent: number;
}

/** The bus counters of both nodes, read from their /metrics (outside the CPU window). */
async function busCounters(a: ServerProcess, b: ServerProcess): Promise<number[]> {
  const [textA, textB] = await Promise.all([scrapeMetrics(a.port), scrapeMetrics(b.port)]);
  const read = (text: string, name: string): number => sampleValue(text, name) ?? 0;
  return [
    read(textB, 'hearth_bus_lag_seconds_sum'),
    read(textB, 'hearth_bus_lag_seconds_count'),
    read(textA, 'hearth_bus_unsent_total'),
  ];
}

async function waitForChannel(redis: Redis, channel: string, nodes: number): Promise<void> {
  const deadline = Date.now() + SUBSCRIBED_TIMEOUT_MS;
  while ((await channelSubscribers(redis, channel)) < nodes) {
    if (Date.now() > deadline) throw new Error(`${channel}: fewer than ${nodes} nodes subscribed`);
    await sleep(50);
  }
}

/** Opens both rooms: each a publisher on A and the subscribers on A (single) or B (cross). */
async function openRooms(context: ScenarioContext, nodeB: ServerProcess): Promise<void> {
  const { server: nodeA, generator, sizes, sourceAddresses } = context;
  const common = {
    protocol: nodeA.target.protocol,
    inFlight: 100,
    sourceAddresses,
    timeoutMs: HANDSHAKE_TIMEOUT_MS,
  };
  for (const placement of ['single', 'cross'] as const) {
    const room = ROOMS[placement];
    const subscriberNode = placement === 'single' ? nodeA : nodeB;
    const subscribers = await generator.connect({
      ...common,
      group: `${placement}-subscribers`,
      url: subscriberNode.url(room),
      count: sizes.subscribers,
    });
    const publisher = await generator.connect({
      ...common,
      group: `${placement}-publisher`,
      url: nodeA.url(room),
      count: 1,
    });
    if (subscribers.opened !== sizes.subscribers || publisher.opened !== 1) {
      throw new Error(`room ${room} incomplete: ${subscribers.firstErrors.join('; ')}`);
    }
  }
}

async function runPhase(
  context: ScenarioContext,
  nodeB: ServerProcess,
  redis: Redis,
  placement: Placement,
  messages: number,
): Promise<PhaseOutcome> {
  const { server: nodeA, generator, sizes } = context;
  const [lagSumBefore = 0, lagCountBefore = 0, unsentBefore = 0] = await busCounters(nodeA, nodeB);
  await Promise.all([nodeA.reset(), nodeB.reset()]);
  const redisBefore = await redisCpuUs(redis);
  const publishBefore = await commandTime(redis, 'publish');
  const started = performance.now();
  const fanout = await generator.fanout({
    publisherGroup: `${placement}-publisher`,
    // The subscribers only: the publisher's own copy is always delivered on A, never via Redis.
    receiverGroups: [`${placement}-subscribers`],
    messages,
    burstSize: 1,
    intervalMs: 1000 / sizes.paced.messagesPerSecond,
    precise: true,
    recordLatency: true,
    idleTimeoutMs: IDLE_TIMEOUT_MS,
  });
  const [statsA, statsB] = await Promise.all([nodeA.stats(false), nodeB.stats(false)]);
  const wallMs = performance.now() - started;
  const redisAfter = await redisCpuUs(redis);
  const publishAfter = await commandTime(redis, 'publish');
  const [lagSum = 0, lagCount = 0, unsent = 0] = await busCounters(nodeA, nodeB);
  return {
    fanout,
    nodeA: statsA,
    nodeB: statsB,
    redisCpuUs: redisAfter - redisBefore,
    publishCalls: publishAfter.calls - publishBefore.calls,
    publishUs: publishAfter.usec - publishBefore.usec,
    wallMs,
    lagSumS: lagSum - lagSumBefore,
    lagCount: lagCount - lagCountBefore,
    unsent: unsent - unsentBefore,
  };
}

function latencyMs(outcome: PhaseOutcome, key: 'p50Us' | 'p99Us' | 'p999Us'): number {
  const latency = outcome.fanout.latency;
  if (latency === undefined) throw new Error('no latency recorded');
  return latency[key] / US_PER_MS;
}

const redisPercent = (cpuUs: number, wallMs: number): number =>
  wallMs > 0 ? (cpuUs / 1000 / wallMs) * 100 : 0;

/** Redis's CPU use while the nodes are connected and subscribed but nothing is sent. */
async function redisIdlePercent(redis: Redis, seconds: number): Promise<number> {
  const before = await redisCpuUs(redis);
  const started = performance.now();
  await sleep(seconds * 1000);
  return redisPercent((await redisCpuUs(redis)) - before, performance.now() - started);
}

function phaseMetrics(outcome: PhaseOutcome, placement: Placement): Metrics {
  const { fanout } = outcome;
  const bothNodesUs = cpuUs(outcome.nodeA) + cpuUs(outcome.nodeB);
  return {
    [`${placement}P50Ms`]: latencyMs(outcome, 'p50Us'),
    [`${placement}P99Ms`]: latencyMs(outcome, 'p99Us'),
    [`${placement}P999Ms`]: latencyMs(outcome, 'p999Us'),
    [`${placement}DeliveriesPerSec`]:
      fanout.durationMs > 0 ? fanout.received / (fanout.durationMs / 1000) : 0,
    [`${placement}CpuUsPerDelivery`]: fanout.received > 0 ? bothNodesUs / fanout.received : 0,
    [`${placement}NodeACpuPercent`]: cpuPercent(outcome.nodeA),
    [`${placement}NodeBCpuPercent`]: cpuPercent(outcome.nodeB),
    [`${placement}RedisCpuPercent`]: redisPercent(outcome.redisCpuUs, outcome.wallMs),
    [`${placement}RedisPublishUs`]:
      outcome.publishCalls > 0 ? outcome.publishUs / outcome.publishCalls : 0,
  };
}

export const crossNodeFanout: Scenario = {
  name: 'cross-node-fanout',
  targets: ['hearth'],
  nodes: 2,
  describe: ({ subscribers, paced }) =>
    `Hearth only, two nodes sharing Redis (\`cluster.redis_url\`). Room "cross-node": 1 publisher ` +
    `on node A, ${count(subscribers)} subscribers on node B (every message goes A → Redis → B). ` +
    `Baseline room "same-node": the same load with publisher and ${count(subscribers)} ` +
    `subscribers all on node A. ${paced.messagesPerSecond} msg/s of 100 bytes to each room in ` +
    `turn, ${paced.warmupSeconds} s warm-up and ${paced.measureSeconds} s measured each (order ` +
    'alternating between repetitions); latency from the scheduled send to each subscriber.',
  connections: (sizes) => 2 * (sizes.subscribers + 1),
  unavailable: () => redisProblem(redisUrl()),
  async acquire() {
    const url = redisUrl() ?? '';
    const prefix = `hearth-bench-${randomBytes(4).toString('hex')}`;
    const redis = await connectRedis(url);
    const pid = await localRedisPid(redis, url).finally(() => {
      redis.disconnect();
    });
    return {
      serverEnv: { HEARTH_CLUSTER__REDIS_URL: url, HEARTH_CLUSTER__PREFIX: prefix },
      pids: pid === undefined ? [] : [pid],
      // Presence heartbeats and the like: nothing of the run stays in a shared Redis.
      async release() {
        const cleaner = await connectRedis(url);
        await deleteKeys(cleaner, prefix).finally(() => {
          cleaner.disconnect();
        });
      },
    };
  },
  async run(context) {
    const { peers, serverEnv, sizes, rep, log } = context;
    const [nodeB] = peers;
    const prefix = serverEnv.HEARTH_CLUSTER__PREFIX;
    const url = serverEnv.HEARTH_CLUSTER__REDIS_URL;
    if (nodeB === undefined || prefix === undefined || url === undefined) {
      throw new Error('cross-node-fanout needs two nodes sharing Redis');
    }
    const redis = await connectRedis(url);
    try {
      await openRooms(context, nodeB);
      // Node B must be subscribed to the cross-node room before anything is sent to it.
      await waitForChannel(redis, `${prefix}:echo:${ROOMS.cross}`, 2);
      await waitForChannel(redis, `${prefix}:echo:${ROOMS.single}`, 1);
      const { messagesPerSecond: rate, warmupSeconds, measureSeconds } = sizes.paced;
      // Redis's background (its timers, the nodes' heartbeats, any other user of that Redis),
      // which its CPU use during the phases includes.
      const redisIdleCpuPercent = await redisIdlePercent(redis, warmupSeconds);
      const order: Placement[] = rep % 2 === 1 ? ['single', 'cross'] : ['cross', 'single'];
      log(`warm-up: ${warmupSeconds} s at ${rate} msg/s in each room (${order.join(', ')})`);
      for (const placement of order) {
        await runPhase(context, nodeB, redis, placement, Math.round(rate * warmupSeconds));
      }
      const outcomes = new Map<Placement, PhaseOutcome>();
      for (const placement of order) {
        log(`measuring ${placement}: ${measureSeconds} s at ${rate} msg/s × ${sizes.subscribers}`);
        outcomes.set(
          placement,
          await runPhase(context, nodeB, redis, placement, Math.round(rate * measureSeconds)),
        );
      }
      const single = outcomes.get('single');
      const cross = outcomes.get('cross');
      if (single === undefined || cross === undefined) throw new Error('a phase did not run');
      const added = (key: 'p50Us' | 'p99Us' | 'p999Us'): number =>
        latencyMs(cross, key) - latencyMs(single, key);
      const ratio = (key: 'p50Us' | 'p99Us' | 'p999Us'): number =>
        latencyMs(cross, key) / Math.max(1e-3, latencyMs(single, key));
      const missing = (outcome: PhaseOutcome): number =>
        outcome.fanout.expected - outcome.fanout.received;
      return {
        addedP50Ms: added('p50Us'),
        addedP99Ms: added('p99Us'),
        addedP999Ms: added('p999Us'),
        ratioP50: ratio('p50Us'),
        ratioP99: ratio('p99Us'),
        ...phaseMetrics(cross, 'cross'),
        ...phaseMetrics(single, 'single'),
        redisIdleCpuPercent,
        missingDeliveries: missing(cross) + missing(single),
        busLagMeanMs: cross.lagCount > 0 ? (cross.lagSumS / cross.lagCount) * 1000 : 0,
        busMessagesReceived: cross.lagCount,
        busUnsent: cross.unsent + single.unsent,
        maxSendLagMs: Math.max(cross.fanout.maxSendLagMs, single.fanout.maxSendLagMs),
        generatorCpuPercent: cross.fanout.generatorCpuPercent,
      };
    } finally {
      redis.disconnect();
    }
  },
};
