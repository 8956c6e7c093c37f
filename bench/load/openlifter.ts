// The OpenLifter app driver (docs/protocols/openlifter.md): one meet, created by one connection
// and joined by `writers` others as its locations, each sending UPDATE_INIT batches of one update
// on disjoint keys (no conflicts). Latency runs from an update's scheduled send to its UPDATE_ACK,
// which the server sends only once the update is fsynced: this measures durable updates.

import { build } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import type {
  OpenLifterPhaseRequest,
  OpenLifterPhaseResult,
  OpenLifterSetupRequest,
  OpenLifterSetupResult,
} from './commands.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { summarize } from './fanout.ts';
import { runSchedule } from './schedule.ts';
import { untilSettled } from './until-settled.ts';

const PASSWORD = 'bench-meet-password-2026';
/** Keys each writer cycles through (the log grows, the state stays small). */
const KEYS_PER_WRITER = 50;

interface ServerMessage {
  readonly msgType: string;
  readonly [field: string]: unknown;
}

interface Ack {
  readonly localSeqNum: number;
  readonly serverSeqNum: number;
}

/** Handlers of the running phase; replaced per phase. */
interface PhaseHooks {
  onAck(writer: Writer, ack: Ack): void;
  onRejected(writer: Writer, count: number): void;
  onRateLimited(writer: Writer): void;
  onRelayed(count: number): void;
}

const idleHooks: PhaseHooks = {
  onAck: () => undefined,
  onRejected: () => undefined,
  onRateLimited: () => undefined,
  onRelayed: () => undefined,
};

class Writer {
  readonly index: number;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  sessionToken = '';
  /** Highest server sequence number this writer has seen (its afterServerSeqNum). */
  lastServerSeq = 0;
  nextLocalSeq = 1;
  hooks: PhaseHooks = idleHooks;
  private waiting: { types: readonly string[]; resolve: (message: ServerMessage) => void }[] = [];
  private failure: Error | undefined;

  constructor(index: number, url: string, localAddress: string) {
    this.index = index;
    this.ws = new WebSocket(url, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      localAddress,
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.ws.on('error', (error) => {
      this.failure = error;
    });
    this.ws.on('close', (code, reason) => {
      this.failure ??= new Error(`writer ${index} closed: ${code} ${reason.toString()}`);
    });
    this.ws.on('message', (data: RawData) => {
      this.receive(JSON.parse((data as Buffer).toString('utf8')) as ServerMessage);
    });
  }

  get location(): string {
    return `Writer ${this.index}`;
  }

  send(message: Record<string, unknown>): void {
    if (this.failure !== undefined) throw this.failure;
    this.ws.send(JSON.stringify(message));
  }

  /** The next message of one of `types` (setup only: one request at a time). */
  next(types: readonly string[], timeoutMs: number): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`writer ${this.index}: no ${types.join('/')} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.push({
        types,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  sendUpdate(key: string, value: number): number {
    const localSeqNum = this.nextLocalSeq++;
    this.send({
      msgType: 'UPDATE_INIT',
      sessionToken: this.sessionToken,
      updates: [
        { updateKey: key, updateValue: value, localSeqNum, afterServerSeqNum: this.lastServerSeq },
      ],
    });
    return localSeqNum;
  }

  private receive(message: ServerMessage): void {
    const waiter = this.waiting.find((entry) => entry.types.includes(message.msgType));
    if (waiter !== undefined) {
      this.waiting = this.waiting.filter((entry) => entry !== waiter);
      waiter.resolve(message);
      return;
    }
    switch (message.msgType) {
      case 'UPDATE_ACK':
        for (const ack of message.updateAcks as Ack[]) {
          this.lastServerSeq = Math.max(this.lastServerSeq, ack.serverSeqNum);
          this.hooks.onAck(this, ack);
        }
        break;
      case 'UPDATE_RELAY': {
        const entries = message.updatesRelayed as { serverSeqNum: number }[];
        for (const entry of entries) {
          this.lastServerSeq = Math.max(this.lastServerSeq, entry.serverSeqNum);
        }
        this.hooks.onRelayed(entries.length);
        break;
      }
      case 'UPDATE_REJECTED':
        this.hooks.onRejected(this, (message.updatesRejected as unknown[]).length);
        break;
      case 'RATE_LIMITED':
        this.hooks.onRateLimited(this);
        break;
      default:
        break;
    }
  }
}

let writers: Writer[] = [];

export async function openlifterSetup(
  request: OpenLifterSetupRequest,
): Promise<OpenLifterSetupResult> {
  const started = performance.now();
  const address = (index: number): string =>
    request.sourceAddresses[index % request.sourceAddresses.length] ?? '127.0.0.1';
  const creator = new Writer(-1, request.url, address(0));
  await creator.opened;
  creator.send({
    msgType: 'CREATE_MEET',
    thisLocationName: 'Writer 0',
    password: PASSWORD,
    endpoints: Array.from({ length: request.writers }, (_, index) => ({
      locationName: `Writer ${index}`,
      priority: index,
    })),
  });
  const created = await creator.next(
    ['MEET_CREATED', 'CREATE_REJECTED', 'RATE_LIMITED', 'MALFORMED_MESSAGE'],
    request.timeoutMs,
  );
  creator.ws.terminate();
  if (created.msgType !== 'MEET_CREATED')
    throw new Error(`CREATE_MEET: ${JSON.stringify(created)}`);
  const meetId = String(created.meetId);
  writers = Array.from(
    { length: request.writers },
    (_, index) => new Writer(index, request.url, address(index + 1)),
  );
  await Promise.all(
    writers.map(async (writer) => {
      await writer.opened;
      writer.send({
        msgType: 'JOIN_MEET',
        meetId,
        password: PASSWORD,
        locationName: writer.location,
      });
      const joined = await writer.next(
        ['MEET_JOINED', 'JOIN_REJECTED', 'RATE_LIMITED', 'MALFORMED_MESSAGE'],
        request.timeoutMs,
      );
      if (joined.msgType !== 'MEET_JOINED') {
        throw new Error(`JOIN_MEET ${writer.location}: ${JSON.stringify(joined)}`);
      }
      writer.sessionToken = String(joined.sessionToken);
      writer.lastServerSeq = Number(joined.lastServerSeq);
    }),
  );
  return { meetId, setupMs: performance.now() - started };
}

export function openlifterClose(): number {
  for (const writer of writers) writer.ws.terminate();
  const closed = writers.length;
  writers = [];
  return closed;
}

/** Update n of a phase: its writer, key and value. */
function keyOf(writer: Writer, n: number): string {
  return `lifting.bench.w${writer.index}.k${Math.floor(n / writers.length) % KEYS_PER_WRITER}`;
}

export async function openlifterPhase(
  request: OpenLifterPhaseRequest,
  progress: (text: string) => void,
): Promise<OpenLifterPhaseResult> {
  if (writers.length === 0) throw new Error('openlifterPhase before openlifterSetup');
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });
  /** Per writer: localSeqNum → the instant (performance.now()) its latency counts from. */
  const origins = writers.map(() => new Map<number, number>());
  let sent = 0;
  let acked = 0;
  let rejected = 0;
  let rateLimited = 0;
  let relayed = 0;
  let firstSend = 0;
  let lastAck = 0;
  let done: () => void = () => undefined;
  const allAcked = new Promise<void>((resolve) => {
    done = resolve;
  });

  const send = (writer: Writer, origin: number): void => {
    if (sent === 0) firstSend = origin;
    const n = sent++;
    const localSeq = writer.sendUpdate(keyOf(writer, n), n);
    origins[writer.index]?.set(localSeq, origin);
  };
  const settle = (): void => {
    if (acked + rejected >= request.updates) done();
  };
  const hooks: PhaseHooks = {
    onAck(writer, ack) {
      const origin = origins[writer.index]?.get(ack.localSeqNum);
      if (origin === undefined) return;
      origins[writer.index]?.delete(ack.localSeqNum);
      const now = performance.now();
      histogram.recordValue(Math.max(1, Math.round((now - origin) * 1000)));
      acked++;
      lastAck = now;
      if (request.mode === 'closed' && sent < request.updates) send(writer, performance.now());
      settle();
    },
    onRejected(writer, count) {
      rejected += count;
      if (request.mode === 'closed' && sent < request.updates) send(writer, performance.now());
      settle();
    },
    onRateLimited() {
      rateLimited++;
    },
    onRelayed(count) {
      relayed += count;
    },
  };
  for (const writer of writers) writer.hooks = hooks;
  const ticker = setInterval(() => {
    progress(`openlifter ${request.mode}: ${acked}/${request.updates} acked`);
  }, 1_000);
  const cpuMeter = startCpuMeter();
  let maxSendLagMs = 0;
  try {
    if (request.mode === 'paced') {
      maxSendLagMs = await runSchedule({
        ticks: request.updates,
        intervalMs: 1000 / request.ratePerSec,
        spinMs: 0,
        onTick: (tick, scheduledAt) => {
          send(writers[tick % writers.length]!, scheduledAt);
        },
      });
    } else {
      for (const writer of writers) if (sent < request.updates) send(writer, performance.now());
    }
    await untilSettled(allAcked, () => acked + rejected, request.idleTimeoutMs);
    return {
      sent,
      acked,
      rejected,
      rateLimited,
      relayed,
      durationMs: Math.max(0, lastAck - firstSend),
      maxSendLagMs,
      latency: histogram.totalCount > 0 ? summarize(histogram) : undefined,
      generatorCpuPercent: cpuMeter(),
    };
  } finally {
    clearInterval(ticker);
    for (const writer of writers) writer.hooks = idleHooks;
    histogram.destroy();
  }
}
