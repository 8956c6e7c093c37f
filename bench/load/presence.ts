// The presence app driver (docs/protocols/presence.md): anonymous clients (allowed by default on
// a loopback-only server without keys) in `rooms` rooms, each sending poses on an open-loop
// schedule; the server relays each pose to the sender's room except the sender. Relay mode sends
// GraphWiz-framed binary poses, relayed byte for byte; protobuf mode sends `PositionUpdate`s
// after a `ClientHello`. Latency runs from a pose's scheduled send to its arrival, on one clock.

import { build } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import { decodeMessage, encodeMessage } from '../../src/protocol/presence/codec.ts';
import { PROTOBUF_SUBPROTOCOL } from '../../src/protocol/presence/messages.ts';
import type {
  PresencePhaseRequest,
  PresencePhaseResult,
  PresenceSetupRequest,
  PresenceSetupResult,
} from './commands.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { summarize } from './fanout.ts';
import { clockUs } from './payload.ts';
import {
  encodeProtobufPose,
  encodeRelayPose,
  protobufPoseSeq,
  relayPoseScheduledUs,
  relayPoseSeq,
} from './pose-frame.ts';
import { runSchedule } from './schedule.ts';
import { untilSettled } from './until-settled.ts';

type Mode = PresenceSetupRequest['mode'];

/** Handlers of the running phase; replaced per phase. */
interface PhaseHooks {
  onPose(frame: Buffer): void;
  onErrorFrame(): void;
}

const idleHooks: PhaseHooks = { onPose: () => undefined, onErrorFrame: () => undefined };
const ERROR_PREFIX = Buffer.from('{"type":"ERROR"');

class Client {
  readonly ws: WebSocket;
  readonly entityId: string;
  /** Resolves on SERVER_HELLO (relay) or ServerHello (protobuf). */
  readonly ready: Promise<void>;
  hooks: PhaseHooks = idleHooks;
  isReady = false;
  isClosed = false;
  private settle: (error?: Error) => void = () => undefined;

  constructor(url: string, mode: Mode, entityId: string, localAddress: string, timeoutMs: number) {
    this.entityId = entityId;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(new Error(`no hello within ${timeoutMs} ms`));
      }, timeoutMs);
      this.settle = (error) => {
        clearTimeout(timer);
        this.settle = () => undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
    });
    this.ws = new WebSocket(url, mode === 'protobuf' ? PROTOBUF_SUBPROTOCOL : [], {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      localAddress,
      handshakeTimeout: timeoutMs,
    });
    this.ws.on('open', () => {
      if (mode === 'protobuf') {
        this.ws.send(
          encodeMessage({ payload: 'clientHello', clientHello: { clientId: entityId } }),
        );
      }
    });
    this.ws.on('message', (data: RawData, isBinary) => {
      const frame = data as Buffer;
      if (this.isReady) {
        if (isBinary) this.hooks.onPose(frame);
        else if (frame.subarray(0, ERROR_PREFIX.length).equals(ERROR_PREFIX)) {
          this.hooks.onErrorFrame();
        }
      } else if (mode === 'relay' ? !isBinary && isHello(frame) : isServerHello(frame)) {
        this.isReady = true;
        this.settle();
      }
    });
    this.ws.on('error', (error) => {
      this.settle(error);
    });
    this.ws.on('close', (code) => {
      this.isClosed = true;
      this.settle(new Error(`closed before the hello: ${code}`));
    });
  }
}

function isHello(frame: Buffer): boolean {
  return (JSON.parse(frame.toString('utf8')) as { type?: string }).type === 'SERVER_HELLO';
}

function isServerHello(frame: Buffer): boolean {
  const decoded = decodeMessage(frame);
  return decoded.ok && decoded.message.payload === 'serverHello';
}

let setup: { mode: Mode; clientsPerRoom: number; clients: Client[] } | undefined;

export async function presenceSetup(
  request: PresenceSetupRequest,
  progress: (text: string) => void,
): Promise<PresenceSetupResult> {
  const started = performance.now();
  const total = request.rooms * request.clientsPerRoom;
  const clients: Client[] = [];
  let next = 0;
  const ticker = setInterval(() => {
    progress(`presence: ${clients.length}/${total} clients in their rooms`);
  }, 1_000);
  const worker = async (): Promise<void> => {
    while (next < total) {
      // Client c is in room c mod rooms, so every room fills up evenly as clients join.
      const index = next++;
      const room = `bench-${index % request.rooms}`;
      const entityId = `c${index}`;
      const query = request.mode === 'protobuf' ? '' : `?client_id=${entityId}`;
      const address = request.sourceAddresses[index % request.sourceAddresses.length];
      const client = new Client(
        `${request.url}/${room}${query}`,
        request.mode,
        entityId,
        address ?? '127.0.0.1',
        request.timeoutMs,
      );
      await client.ready;
      clients[index] = client;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(request.inFlight, total) }, worker));
  } catch (error) {
    for (const client of clients) client.ws.terminate();
    throw error;
  } finally {
    clearInterval(ticker);
  }
  setup = { mode: request.mode, clientsPerRoom: request.clientsPerRoom, clients };
  return { clients: clients.length, setupMs: performance.now() - started };
}

export function presenceClose(): number {
  const closed = setup?.clients.length ?? 0;
  for (const client of setup?.clients ?? []) client.ws.terminate();
  setup = undefined;
  return closed;
}

/** Sequence numbers never repeat across phases, so a straggler from warm-up is never counted. */
let nextSeq = 1;

export async function presencePhase(
  request: PresencePhaseRequest,
  progress: (text: string) => void,
): Promise<PresencePhaseResult> {
  if (setup === undefined) throw new Error('presencePhase before presenceSetup');
  const { mode, clients, clientsPerRoom } = setup;
  const poses = clients.length * request.framesPerClient;
  const firstSeq = nextSeq;
  nextSeq += poses;
  const endSeq = firstSeq + poses;
  const expected = poses * (clientsPerRoom - 1);
  /** Protobuf mode: the scheduled instant (µs) of each pose, by seq − firstSeq. */
  const scheduledUs = mode === 'protobuf' ? new Float64Array(poses) : undefined;
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });
  const lagHistogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });
  let received = 0;
  let malformed = 0;
  let errorFrames = 0;
  let lastArrival = 0;
  let finished: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const readSeq = mode === 'protobuf' ? protobufPoseSeq : relayPoseSeq;
  const hooks: PhaseHooks = {
    onPose(frame) {
      const seq = readSeq(frame);
      if (seq < firstSeq || seq >= endSeq) {
        if (seq < 0) malformed++;
        return;
      }
      const origin =
        scheduledUs === undefined ? relayPoseScheduledUs(frame) : scheduledUs[seq - firstSeq]!;
      histogram.recordValue(Math.max(1, clockUs() - origin));
      received++;
      lastArrival = performance.now();
      if (received === expected) finished();
    },
    onErrorFrame() {
      errorFrames++;
    },
  };
  for (const client of clients) client.hooks = hooks;
  const openBefore = clients.filter((client) => !client.isClosed).length;
  const ticker = setInterval(() => {
    progress(`presence ${mode}: ${received}/${expected} poses delivered`);
  }, 1_000);
  let sent = 0;
  let firstSend = 0;
  const cpuMeter = startCpuMeter();
  try {
    const maxSendLagMs = await runSchedule({
      ticks: poses,
      intervalMs: 1000 / (clients.length * request.hz),
      spinMs: 0,
      onTick: (tick, scheduledAt) => {
        if (sent === 0) firstSend = scheduledAt;
        lagHistogram.recordValue(Math.max(1, Math.round((performance.now() - scheduledAt) * 1000)));
        const client = clients[tick % clients.length]!;
        const seq = firstSeq + sent++;
        const us = clockUs(scheduledAt);
        if (client.isClosed) return;
        if (scheduledUs === undefined) client.ws.send(encodeRelayPose(seq, us, client.entityId));
        else {
          scheduledUs[seq - firstSeq] = us;
          client.ws.send(encodeProtobufPose(seq));
        }
      },
    });
    await untilSettled(allArrived, () => received, request.idleTimeoutMs);
    return {
      sent,
      expected,
      received,
      durationMs: Math.max(0, lastArrival - firstSend),
      maxSendLagMs,
      sendLag: summarize(lagHistogram),
      latency: histogram.totalCount > 0 ? summarize(histogram) : undefined,
      errorFrames,
      closedDuring: openBefore - clients.filter((client) => !client.isClosed).length,
      malformed,
      generatorCpuPercent: cpuMeter(),
    };
  } finally {
    clearInterval(ticker);
    for (const client of clients) client.hooks = idleHooks;
    histogram.destroy();
    lagHistogram.destroy();
  }
}
