// App scenario: XR presence poses. `rooms` rooms of `clientsPerRoom` anonymous clients (allowed
// by default on a loopback-only server without keys), spread over the run's source addresses;
// every client sends a 100-byte pose at `hz`, open loop, the clients' schedules evenly staggered,
// and the server relays each pose to the 19 (clientsPerRoom − 1) others of the sender's room.
// Latency runs from a pose's scheduled send to its arrival at each receiver. Relay mode (GraphWiz
// binary frames, relayed byte for byte) and protobuf mode (`PositionUpdate`, decoded, stamped and
// re-encoded by the server) are two scenarios.

import { SERVER_HOST } from '../lib/net.ts';
import type { Sizes } from '../runner/options.ts';
import { count, cpuPercent, cpuUs, type Scenario } from './scenario.ts';

/** Every client of a run connects from one of 8 addresses: lift the per-IP attempt limit. */
const PRESENCE_ENV = { HEARTH_APPS__PRESENCE__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '1000000' };
const IDLE_TIMEOUT_MS = 5_000;
const CONNECT_IN_FLIGHT = 50;
const CONNECT_TIMEOUT_MS = 15_000;

type Mode = 'relay' | 'protobuf';

const FRAMES: Record<Mode, string> = {
  relay:
    'relay mode: GraphWiz binary frames of 100 bytes ([u8 id length][10-digit id][u64 ms][u8 10]' +
    '[JSON pose with the scheduled send time]), relayed byte for byte',
  protobuf:
    'protobuf mode (`graphwiz.protobuf.v1`): `ClientHello`, then `Message{PositionUpdate}` frames ' +
    '(own avatar, sequence number), decoded, stamped and re-encoded by the server as volatile',
};

function describe(sizes: Sizes, mode: Mode): string {
  const { rooms, clientsPerRoom, hz, warmupSeconds, measureSeconds } = sizes.presence;
  const clients = rooms * clientsPerRoom;
  return (
    `Hearth only, ${FRAMES[mode]}. ${rooms} rooms × ${clientsPerRoom} anonymous clients ` +
    `(${count(clients)}), each sending a pose at ${hz} Hz on an open-loop schedule (staggered ` +
    `evenly): ${count(clients * hz)} poses/s in, ${count(clients * hz * (clientsPerRoom - 1))} ` +
    `deliveries/s offered out. ${measureSeconds} s measured after ${warmupSeconds} s of warm-up; ` +
    'latency from the scheduled send to each arrival.'
  );
}

function presenceScenario(name: string, mode: Mode): Scenario {
  return {
    name,
    targets: ['hearth'],
    serverEnv: PRESENCE_ENV,
    describe: (sizes) => describe(sizes, mode),
    connections: ({ presence }) => presence.rooms * presence.clientsPerRoom + 8,
    async run(context) {
      const { server, generator, sizes, sourceAddresses, log } = context;
      const { rooms, clientsPerRoom, hz, warmupSeconds, measureSeconds } = sizes.presence;
      const setup = await generator.presenceSetup({
        url: `ws://${SERVER_HOST}:${server.port}/presence/ws`,
        mode,
        rooms,
        clientsPerRoom,
        inFlight: CONNECT_IN_FLIGHT,
        sourceAddresses,
        timeoutMs: CONNECT_TIMEOUT_MS,
      });
      log(`${setup.clients} clients in ${rooms} rooms in ${setup.setupMs.toFixed(0)} ms`);
      const phase = { hz, idleTimeoutMs: IDLE_TIMEOUT_MS };
      await generator.presencePhase({ ...phase, framesPerClient: warmupSeconds * hz });

      await server.reset();
      log(`measured: ${setup.clients} clients at ${hz} Hz for ${measureSeconds} s`);
      const result = await generator.presencePhase({
        ...phase,
        framesPerClient: measureSeconds * hz,
      });
      const stats = await server.stats(false);
      await generator.close('presence');
      if (result.received === 0) throw new Error('no pose delivered');
      if (result.malformed > 0) log(`${result.malformed} unreadable binary frames`);
      if (result.errorFrames > 0) log(`${result.errorFrames} ERROR frames`);
      return {
        deliveredFramesPerSec: result.received / (result.durationMs / 1000),
        cpuUsPerDelivery: cpuUs(stats) / result.received,
        latencyP50Ms: (result.latency?.p50Us ?? 0) / 1000,
        latencyP99Ms: (result.latency?.p99Us ?? 0) / 1000,
        latencyP999Ms: (result.latency?.p999Us ?? 0) / 1000,
        serverCpuPercent: cpuPercent(stats),
        generatorCpuPercent: result.generatorCpuPercent,
        expectedFrames: result.expected,
        receivedFrames: result.received,
        missingFrames: result.expected - result.received,
        posesSent: result.sent,
        sendLagP99Ms: result.sendLag.p99Us / 1000,
        maxSendLagMs: result.maxSendLagMs,
        errorFrames: result.errorFrames,
        closedDuring: result.closedDuring,
        eldP99Ms: stats.eventLoopDelay.p99Ms,
      };
    },
  };
}

export const presencePoses = presenceScenario('presence-poses', 'relay');
export const presencePosesProtobuf = presenceScenario('presence-poses-protobuf', 'protobuf');
