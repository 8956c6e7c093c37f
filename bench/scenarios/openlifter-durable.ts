// App scenario: durable OpenLifter updates. One meet, joined by 8 writer connections as its 8
// locations; every UPDATE_INIT carries one update and is acked only after its log line is
// fsynced. Two phases on the same server: paced (a fixed total rate, open loop; ack latency from
// the scheduled send) and throughput (one batch in flight per writer, as fast as acks come back).
// Run twice: with group commit (Hearth's default) and with one write+fsync per batch.

import { SERVER_HOST } from '../lib/net.ts';
import type { OpenLifterPhaseResult } from '../load/commands.ts';
import type { Sizes } from '../runner/options.ts';
import { count, cpuPercent, cpuUs, type Metrics, type Scenario } from './scenario.ts';

/** Setup is not measured: each create/join costs a scrypt hash; lift the per-IP attempt limit. */
const OPENLIFTER_ENV = { HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000' };
const IDLE_TIMEOUT_MS = 10_000;

const ms = (us: number): number => us / 1000;

function describe(sizes: Sizes, commit: string): string {
  const { writers, ratePerSec, pacedSeconds, throughputUpdates, warmupUpdates } = sizes.openlifter;
  return (
    `Hearth only, ${commit}. One meet, ${writers} writer connections (CREATE_MEET, then JOIN_MEET ` +
    `as ${writers} locations), UPDATE_INIT batches of 1 update on disjoint keys. Paced: ` +
    `${count(ratePerSec)} updates/s for ${pacedSeconds} s (after ${count(warmupUpdates)} warm-up ` +
    `updates), ack latency from the scheduled send to UPDATE_ACK. Throughput: ` +
    `${count(throughputUpdates)} updates with one batch in flight per writer (${writers} in all).`
  );
}

function lost(result: OpenLifterPhaseResult): number {
  return result.sent - result.acked;
}

function openlifterScenario(name: string, commit: string, groupCommit: boolean): Scenario {
  return {
    name,
    targets: ['hearth'],
    serverEnv: {
      ...OPENLIFTER_ENV,
      HEARTH_APPS__OPENLIFTER__GROUP_COMMIT: groupCommit ? 'true' : 'false',
    },
    describe: (sizes) => describe(sizes, commit),
    connections: (sizes) => sizes.openlifter.writers + 1,
    async run(context) {
      const { server, generator, sizes, sourceAddresses, log } = context;
      const { writers, ratePerSec, pacedSeconds, throughputUpdates, warmupUpdates } =
        sizes.openlifter;
      const setup = await generator.openlifterSetup({
        url: `ws://${SERVER_HOST}:${server.port}/openlifter/ws`,
        writers,
        sourceAddresses,
        timeoutMs: 30_000,
      });
      log(`meet ${setup.meetId}: ${writers} writers joined in ${setup.setupMs.toFixed(0)} ms`);
      const phase = { idleTimeoutMs: IDLE_TIMEOUT_MS, ratePerSec };
      await generator.openlifterPhase({ ...phase, mode: 'paced', updates: warmupUpdates });

      await server.reset();
      log(`paced: ${ratePerSec} updates/s for ${pacedSeconds} s`);
      const paced = await generator.openlifterPhase({
        ...phase,
        mode: 'paced',
        updates: Math.round(ratePerSec * pacedSeconds),
      });
      const pacedStats = await server.stats(false);

      await server.reset();
      log(`throughput: ${throughputUpdates} updates, ${writers} in flight`);
      const closed = await generator.openlifterPhase({
        ...phase,
        mode: 'closed',
        updates: throughputUpdates,
      });
      const closedStats = await server.stats(false);
      await generator.close('openlifter');
      if (paced.acked === 0 || closed.acked === 0) {
        throw new Error(`no update acked (rejected ${paced.rejected + closed.rejected})`);
      }
      const metrics: Metrics = {
        durableUpdatesPerSec: closed.acked / (closed.durationMs / 1000),
        throughputAckP50Ms: ms(closed.latency?.p50Us ?? 0),
        throughputAckP99Ms: ms(closed.latency?.p99Us ?? 0),
        throughputCpuUsPerUpdate: cpuUs(closedStats) / closed.acked,
        pacedAcksPerSec: paced.acked / (paced.durationMs / 1000),
        pacedAckP50Ms: ms(paced.latency?.p50Us ?? 0),
        pacedAckP99Ms: ms(paced.latency?.p99Us ?? 0),
        pacedAckP999Ms: ms(paced.latency?.p999Us ?? 0),
        pacedServerCpuPercent: cpuPercent(pacedStats),
        pacedCpuUsPerUpdate: cpuUs(pacedStats) / paced.acked,
        generatorCpuPercent: closed.generatorCpuPercent,
        maxSendLagMs: paced.maxSendLagMs,
        unackedUpdates: lost(paced) + lost(closed),
        rateLimited: paced.rateLimited + closed.rateLimited,
      };
      return metrics;
    },
  };
}

export const openlifterDurable = openlifterScenario(
  'openlifter-durable',
  'group commit (default)',
  true,
);

export const openlifterDurableNoGroupCommit = openlifterScenario(
  'openlifter-durable-no-group-commit',
  'HEARTH_APPS__OPENLIFTER__GROUP_COMMIT=false (one write+fsync per batch)',
  false,
);
