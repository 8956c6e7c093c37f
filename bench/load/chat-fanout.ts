// The chat fan-out driver (docs/protocols/chat.md): first-run admin, users created and logged in
// over HTTP, one open room (every user a member), and member WebSockets authenticated with
// `Authorization: Bearer`. Senders then send `NewMessage` frames; the server answers each sender
// with `MessageDelivered` once the message is committed and sends `NewMessage` to every member
// connection, the sender's included. The content carries a sequence number and the scheduled
// send time (payload.ts), so every delivery is timed on this process's clock; the sequence number
// is also the `client_message_id`, so each ack is matched to its message without parsing content.

import { build } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import type {
  ChatFanoutPhaseRequest,
  ChatFanoutPhaseResult,
  ChatFanoutSetupRequest,
  ChatFanoutSetupResult,
} from './commands.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { summarize } from './fanout.ts';
import { clockUs, encodePayload, readScheduledUs, readSeq } from './payload.ts';
import { runSchedule } from './schedule.ts';
import { untilSettled } from './until-settled.ts';

const PASSWORD = 'bench-chat-password-2026';
/** HTTP requests open at once during setup (the server hashes two passwords at a time). */
const SETUP_IN_FLIGHT = 4;
/** WebSocket handshakes (and syncs) in progress at once during setup. */
const CONNECT_IN_FLIGHT = 20;
const NEW_MESSAGE_PREFIX = Buffer.from('{"type":"NewMessage"');
const CONTENT_KEY = Buffer.from('"content":"');
const CLIENT_ID_PREFIX = '00000000-0000-4000-8000-';

/** A UUID-shaped `client_message_id` that carries the message's sequence number. */
export function clientMessageId(seq: number): string {
  return CLIENT_ID_PREFIX + String(seq).padStart(12, '0');
}

/** The sequence number of a `clientMessageId`, or -1 for any other id. */
export function seqOfClientMessageId(id: string): number {
  if (!id.startsWith(CLIENT_ID_PREFIX) || id.length !== CLIENT_ID_PREFIX.length + 12) return -1;
  const seq = Number(id.slice(CLIENT_ID_PREFIX.length));
  return Number.isInteger(seq) ? seq : -1;
}

/** Handlers of the running phase; replaced per phase. */
interface PhaseHooks {
  onDelivery(frame: Buffer): void;
  onAck(member: Member, seq: number): void;
  onRefusal(kind: string, member: Member, seq: number): void;
}

const idleHooks: PhaseHooks = {
  onDelivery: () => undefined,
  onAck: () => undefined,
  onRefusal: () => undefined,
};

interface ServerFrame {
  readonly type: string;
  readonly data?: {
    readonly client_message_id?: string;
    readonly error?: string;
    readonly code?: string;
    readonly has_more?: boolean;
  };
}

class Member {
  readonly ws: WebSocket;
  /** Resolves at the first `SyncComplete` without `has_more`: the connection is live. */
  readonly synced: Promise<void>;
  hooks: PhaseHooks = idleHooks;
  isClosed = false;
  private settle: (error?: Error) => void = () => undefined;

  constructor(url: string, token: string, localAddress: string, timeoutMs: number) {
    this.synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(new Error(`not synced within ${timeoutMs} ms`));
      }, timeoutMs);
      this.settle = (error) => {
        clearTimeout(timer);
        this.settle = () => undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
    });
    this.ws = new WebSocket(url, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      localAddress,
      headers: { authorization: `Bearer ${token}` },
    });
    this.ws.on('message', (data: RawData) => {
      this.receive(data as Buffer);
    });
    this.ws.on('error', (error) => {
      this.settle(error);
    });
    this.ws.on('close', (code) => {
      this.isClosed = true;
      this.settle(new Error(`closed before sync: ${code}`));
      this.hooks.onRefusal(`close ${code}`, this, -1);
    });
  }

  send(seq: number, roomId: string, content: string): void {
    this.ws.send(
      JSON.stringify({
        type: 'NewMessage',
        data: { room_id: roomId, content, client_message_id: clientMessageId(seq) },
      }),
    );
  }

  private receive(frame: Buffer): void {
    // Deliveries are by far the most frequent frame: recognised without parsing.
    if (
      frame.compare(
        NEW_MESSAGE_PREFIX,
        0,
        NEW_MESSAGE_PREFIX.length,
        0,
        NEW_MESSAGE_PREFIX.length,
      ) === 0
    ) {
      this.hooks.onDelivery(frame);
      return;
    }
    const message = JSON.parse(frame.toString('utf8')) as ServerFrame;
    const seq = seqOfClientMessageId(message.data?.client_message_id ?? '');
    switch (message.type) {
      case 'MessageDelivered':
        this.hooks.onAck(this, seq);
        break;
      case 'MessageError':
        this.hooks.onRefusal(`MessageError ${message.data?.error ?? '?'}`, this, seq);
        break;
      case 'Error':
        this.hooks.onRefusal(`Error ${message.data?.code ?? '?'}`, this, -1);
        break;
      case 'SyncComplete':
        if (message.data?.has_more !== true) this.settle();
        break;
      case 'AuthError':
      case 'Disconnect':
        this.settle(new Error(`${message.type}: ${JSON.stringify(message.data)}`));
        break;
      default:
        break;
    }
  }
}

let state: { roomId: string; members: Member[]; senders: Member[] } | undefined;

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Runs `work(i)` for i in [0, count) with at most `inFlight` running at once. */
async function bounded(
  count: number,
  inFlight: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

export async function chatFanoutSetup(
  request: ChatFanoutSetupRequest,
  progress: (text: string) => void,
): Promise<ChatFanoutSetupResult> {
  const started = performance.now();
  const api = `${request.baseUrl}/chat/api`;
  const email = (index: number): string => `bench${index}@example.com`;
  // User 0 is the first-run admin; setup answers with its session token.
  const admin = await post(`${api}/setup`, {
    email: email(0),
    name: 'Bench 0',
    password: PASSWORD,
  });
  const tokens: string[] = [String(admin.session_token)];
  const adminToken = tokens[0];
  // Every create and login costs a scrypt hash on the server (~0.3 s of its CPU here).
  await bounded(request.users - 1, SETUP_IN_FLIGHT, async (index) => {
    const n = index + 1;
    await post(
      `${api}/users`,
      { email: email(n), name: `Bench ${n}`, password: PASSWORD },
      adminToken,
    );
    const login = await post(`${api}/auth/login`, { email: email(n), password: PASSWORD });
    tokens[n] = String(login.session_token);
  });
  progress(`chat fan-out: ${request.users} users logged in`);
  const created = await post(`${api}/rooms`, { kind: 'open', name: 'fan-out' }, adminToken);
  const roomId = (created.room as { id: string }).id;
  const wsUrl = `${request.baseUrl.replace(/^http/, 'ws')}/chat/ws`;
  const total = request.users * request.connectionsPerUser;
  const members: Member[] = [];
  await bounded(total, CONNECT_IN_FLIGHT, async (index) => {
    // Connection c belongs to user c mod users: the first `users` connections are one per user.
    const address = request.sourceAddresses[index % request.sourceAddresses.length] ?? '127.0.0.1';
    const token = tokens[index % request.users] ?? '';
    const member = new Member(wsUrl, token, address, request.timeoutMs);
    members[index] = member;
    await member.synced;
  });
  state = { roomId, members, senders: members.slice(0, request.users) };
  return { roomId, connections: members.length, setupMs: performance.now() - started };
}

export function chatFanoutClose(): number {
  const closed = state?.members.length ?? 0;
  for (const member of state?.members ?? []) member.ws.terminate();
  state = undefined;
  return closed;
}

/** Sequence numbers never repeat across phases, so a straggler from warm-up is never counted. */
let nextSeq = 1;

export async function chatFanoutPhase(
  request: ChatFanoutPhaseRequest,
  progress: (text: string) => void,
): Promise<ChatFanoutPhaseResult> {
  if (state === undefined) throw new Error('chatFanoutPhase before chatFanoutSetup');
  const { roomId, members } = state;
  const senders = state.senders.slice(0, request.senders);
  if (senders.length < request.senders) {
    throw new Error(`${request.senders} senders asked for, ${senders.length} users`);
  }
  const firstSeq = nextSeq;
  nextSeq += request.messages;
  const endSeq = firstSeq + request.messages;
  /** Latency origin of each message (performance.now()), by seq − firstSeq. */
  const origins = new Float64Array(request.messages);
  const acked = new Uint8Array(request.messages);
  const expectedDeliveries = request.messages * members.length;
  const ackHistogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000 });
  const deliveryHistogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
  });
  const refusals: Record<string, number> = {};
  let sent = 0;
  let ackCount = 0;
  let refusedCount = 0;
  let deliveries = 0;
  let malformed = 0;
  let firstSend = 0;
  let lastAck = 0;
  let lastDelivery = 0;
  let finished: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const settle = (): void => {
    if (ackCount + refusedCount >= request.messages && deliveries >= expectedDeliveries) finished();
  };

  const send = (sender: Member, origin: number): void => {
    if (sent === 0) firstSend = origin;
    const seq = firstSeq + sent++;
    origins[seq - firstSeq] = origin;
    sender.send(seq, roomId, encodePayload(seq, clockUs(origin)));
  };
  const sendNextFrom = (sender: Member): void => {
    if (request.mode === 'closed' && sent < request.messages) send(sender, performance.now());
  };
  const hooks: PhaseHooks = {
    onDelivery(frame) {
      const at = frame.indexOf(CONTENT_KEY);
      const offset = at < 0 ? -1 : at + CONTENT_KEY.length;
      const seq = offset < 0 ? -1 : readSeq(frame, offset);
      if (seq < firstSeq || seq >= endSeq) {
        if (seq < 0) malformed++;
        return;
      }
      deliveryHistogram.recordValue(Math.max(1, clockUs() - readScheduledUs(frame, offset)));
      deliveries++;
      lastDelivery = performance.now();
      settle();
    },
    onAck(member, seq) {
      if (seq < firstSeq || seq >= endSeq || acked[seq - firstSeq] === 1) return;
      acked[seq - firstSeq] = 1;
      const now = performance.now();
      ackHistogram.recordValue(Math.max(1, Math.round((now - origins[seq - firstSeq]!) * 1000)));
      ackCount++;
      lastAck = now;
      sendNextFrom(member);
      settle();
    },
    onRefusal(kind, member, seq) {
      refusals[kind] = (refusals[kind] ?? 0) + 1;
      if (seq >= firstSeq && seq < endSeq) {
        refusedCount++;
        sendNextFrom(member);
        settle();
      }
    },
  };
  for (const member of members) member.hooks = hooks;
  const ticker = setInterval(() => {
    progress(
      `chat fan-out ${request.mode}: ${ackCount}/${request.messages} acked, ` +
        `${deliveries}/${expectedDeliveries} delivered`,
    );
  }, 1_000);
  const cpuMeter = startCpuMeter();
  let maxSendLagMs = 0;
  try {
    if (request.mode === 'paced') {
      maxSendLagMs = await runSchedule({
        ticks: request.messages,
        intervalMs: 1000 / request.ratePerSec,
        spinMs: 0,
        onTick: (tick, scheduledAt) => {
          send(senders[tick % senders.length]!, scheduledAt);
        },
      });
    } else {
      for (let slot = 0; slot < request.inFlight; slot++) {
        for (const sender of senders) sendNextFrom(sender);
      }
    }
    await untilSettled(
      allArrived,
      () => ackCount + refusedCount + deliveries,
      request.idleTimeoutMs,
    );
    return {
      sent,
      acked: ackCount,
      expectedDeliveries,
      deliveries,
      refusals,
      ackDurationMs: Math.max(0, lastAck - firstSend),
      deliveryDurationMs: Math.max(0, lastDelivery - firstSend),
      maxSendLagMs,
      ackLatency: ackHistogram.totalCount > 0 ? summarize(ackHistogram) : undefined,
      deliveryLatency: deliveryHistogram.totalCount > 0 ? summarize(deliveryHistogram) : undefined,
      malformed,
      generatorCpuPercent: cpuMeter(),
    };
  } finally {
    clearInterval(ticker);
    for (const member of members) member.hooks = idleHooks;
    ackHistogram.destroy();
    deliveryHistogram.destroy();
  }
}
