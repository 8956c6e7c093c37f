// App scenario: chat messages persisted and fanned out to a room of 100 connections. Setup (not
// measured) over the HTTP API: the first-run admin, users created and logged in, one open room,
// every user's WebSockets synced. Then `NewMessage` over WebSocket from a few senders, in two
// phases on the same server: paced (a fixed total rate, open loop; latency from the scheduled send
// to the sender's MessageDelivered and to each member's NewMessage) and throughput (a bounded
// number of messages in flight per sender, as fast as MessageDelivered comes back).

import { SERVER_HOST } from '../lib/net.ts';
import type { ChatFanoutPhaseResult, LatencySummary } from '../load/commands.ts';
import { count, cpuPercent, cpuUs, type Metrics, type Scenario } from './scenario.ts';

/**
 * Sending as fast as possible is the point: the per-user message limit, the per-IP connection
 * and login limits (all clients share a few addresses) and the per-user connection cap are lifted.
 */
const CHAT_FANOUT_ENV = {
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '100000000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
  HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTIONS_PER_USER: '1000',
};
const IDLE_TIMEOUT_MS = 10_000;
const SETUP_TIMEOUT_MS = 30_000;

const ms = (latency: LatencySummary | undefined, key: keyof LatencySummary): number =>
  (latency?.[key] ?? 0) / 1000;

const refused = (result: ChatFanoutPhaseResult): number =>
  Object.values(result.refusals).reduce((sum, n) => sum + n, 0);

export const chatFanout: Scenario = {
  name: 'chat-fanout',
  targets: ['hearth'],
  serverEnv: CHAT_FANOUT_ENV,
  describe: ({ chatFanout: size }) => {
    const members = size.users * size.connectionsPerUser;
    return (
      `Hearth only. One open room, ${size.users} users × ${size.connectionsPerUser} WebSockets ` +
      `= ${count(members)} member connections (setup over HTTP, not measured); \`NewMessage\` ` +
      `frames of 100 characters from the first connection of ${size.senders} users, each ` +
      `persisted (group commit) and delivered to all ${count(members)} connections, the ` +
      `sender's included. Paced: ${count(size.ratePerSec)} messages/s for ${size.pacedSeconds} s ` +
      `(after ${count(size.warmupMessages)} warm-up messages), latency from the scheduled send. ` +
      `Throughput: ${count(size.throughputMessages)} messages, ${size.inFlight} unanswered per ` +
      `sender (${size.senders * size.inFlight} in all).`
    );
  },
  connections: ({ chatFanout: size }) => size.users * size.connectionsPerUser + 8,
  async run(context) {
    const { server, generator, sizes, sourceAddresses, log } = context;
    const size = sizes.chatFanout;
    const setup = await generator.chatFanoutSetup({
      baseUrl: `http://${SERVER_HOST}:${server.port}`,
      users: size.users,
      connectionsPerUser: size.connectionsPerUser,
      sourceAddresses,
      timeoutMs: SETUP_TIMEOUT_MS,
    });
    log(`room ${setup.roomId}: ${setup.connections} connections in ${setup.setupMs.toFixed(0)} ms`);
    const phase = {
      senders: size.senders,
      ratePerSec: size.ratePerSec,
      inFlight: size.inFlight,
      idleTimeoutMs: IDLE_TIMEOUT_MS,
    };
    await generator.chatFanoutPhase({ ...phase, mode: 'paced', messages: size.warmupMessages });

    await server.reset();
    log(`paced: ${size.ratePerSec} messages/s for ${size.pacedSeconds} s`);
    const paced = await generator.chatFanoutPhase({
      ...phase,
      mode: 'paced',
      messages: Math.round(size.ratePerSec * size.pacedSeconds),
    });
    const pacedStats = await server.stats(false);

    await server.reset();
    log(`throughput: ${size.throughputMessages} messages, ${size.inFlight} in flight per sender`);
    const closed = await generator.chatFanoutPhase({
      ...phase,
      mode: 'closed',
      messages: size.throughputMessages,
    });
    const closedStats = await server.stats(false);
    await generator.close('chat-fanout');
    for (const [name, result] of [
      ['paced', paced],
      ['throughput', closed],
    ] as const) {
      if (refused(result) > 0) log(`${name}: refusals ${JSON.stringify(result.refusals)}`);
      if (result.malformed > 0) log(`${name}: ${result.malformed} unreadable NewMessage frames`);
    }
    if (paced.acked === 0 || closed.acked === 0) {
      throw new Error(`no message persisted: ${JSON.stringify([paced.refusals, closed.refusals])}`);
    }
    const metrics: Metrics = {
      persistedMessagesPerSec: closed.acked / (closed.ackDurationMs / 1000),
      deliveriesPerSec: closed.deliveries / (closed.deliveryDurationMs / 1000),
      throughputAckP50Ms: ms(closed.ackLatency, 'p50Us'),
      throughputAckP99Ms: ms(closed.ackLatency, 'p99Us'),
      throughputDeliveryP99Ms: ms(closed.deliveryLatency, 'p99Us'),
      throughputCpuUsPerMessage: cpuUs(closedStats) / closed.acked,
      throughputCpuUsPerDelivery: cpuUs(closedStats) / Math.max(1, closed.deliveries),
      throughputServerCpuPercent: cpuPercent(closedStats),
      generatorCpuPercent: closed.generatorCpuPercent,
      pacedDeliveryP50Ms: ms(paced.deliveryLatency, 'p50Us'),
      pacedDeliveryP99Ms: ms(paced.deliveryLatency, 'p99Us'),
      pacedDeliveryP999Ms: ms(paced.deliveryLatency, 'p999Us'),
      pacedAckP50Ms: ms(paced.ackLatency, 'p50Us'),
      pacedAckP99Ms: ms(paced.ackLatency, 'p99Us'),
      pacedAckP999Ms: ms(paced.ackLatency, 'p999Us'),
      pacedCpuUsPerMessage: cpuUs(pacedStats) / paced.acked,
      pacedCpuUsPerDelivery: cpuUs(pacedStats) / Math.max(1, paced.deliveries),
      pacedServerCpuPercent: cpuPercent(pacedStats),
      pacedGeneratorCpuPercent: paced.generatorCpuPercent,
      maxSendLagMs: paced.maxSendLagMs,
      missingDeliveries:
        paced.expectedDeliveries - paced.deliveries + closed.expectedDeliveries - closed.deliveries,
      unackedMessages: paced.sent - paced.acked + closed.sent - closed.acked,
      limitsHit: refused(paced) + refused(closed),
    };
    return metrics;
  },
};
