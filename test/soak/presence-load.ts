// The presence soak load and its end check. Real PresenceClients (the SDK, protobuf mode, with
// its reliable outbox) in one room send poses at 10 Hz and reliable chat messages, through the
// fault proxy. What the SDK and the server promise, and what is checked:
//
// - A sender's message is acknowledged at most once (the `ack` event).
// - A receiver hands each message to the app at most once. The server's memory of message ids
//   lives in its process and per client id, so a message re-sent after a restart, or by a sender
//   whose reconnection got a new id, may be relayed again: such duplicates are counted apart,
//   and excused only when a restart or an id change fell between the message's first write and
//   its acknowledgement.
// - A message acknowledged to its sender reaches every other client that was in the room when
//   it was sent, unless (the documented limits of delivery "within the grace period") the
//   server process ended within the delivery horizon, the receiver had not joined this server
//   process yet, the receiver came back under a new id, or it was away longer than the grace.
//   The horizon is the server's retry budget plus the receiver's liveness timeout and a
//   reconnection. Every other loss is a violation; how many messages were checked is reported.
//
// The presence protocol has no ping (docs/protocols/presence.md, "Limits of the SDK"), so a
// half-open connection would strand a client: the load does what an app must, and replaces a
// connection on which nothing arrived for `livenessMs` while the room is busy with poses.

import { PresenceClient } from '../../src/client/presence/index.ts';
import { ProtobufCodec } from '../../src/client/presence/protobuf.ts';
import type { Restart } from './server-supervisor.ts';
import { poll, type Violations } from './soak-support.ts';

const ROOM = 'soak-room';
const POSE_EVERY_MS = 100;

interface Sent {
  readonly sender: string;
  readonly text: string;
  readonly sentAt: number;
  ackedAt: number | undefined;
  acks: number;
}

interface Member {
  readonly name: string;
  readonly client: PresenceClient;
  readonly hellos: { at: number; idChanged: boolean }[];
  /** Connections lost: when, and when the next hello came (undefined: not yet). */
  readonly gaps: { from: number; to: number | undefined }[];
  /** message text → times handed to the app. */
  readonly received: Map<string, number>;
  lastFrameAt: number;
  sentCount: number;
}

export interface PresenceFigures {
  clients: number;
  poses: number;
  sent: number;
  acked: number;
  delivered: number;
  livenessReconnects: number;
  /** Acked messages × receivers for which loss was checked (outside every excused window). */
  checkedDeliveries: number;
  excusedLosses: number;
  excusedDuplicates: number;
}

export interface PresenceLoadOptions {
  readonly url: string;
  readonly clients: number;
  readonly chatEveryMs: number;
  /** The server's reconnect grace (apps.presence.reconnect_grace_ms). */
  readonly graceMs: number;
  /** Delivery horizon after an ack: server retry budget + liveness + a reconnection. */
  readonly horizonMs: number;
  readonly livenessMs: number;
  readonly random: () => number;
}

export class PresenceLoad {
  readonly figures: PresenceFigures;
  reconnects = 0;
  readonly #options: PresenceLoadOptions;
  readonly #members: Member[] = [];
  readonly #sent = new Map<string, Sent>();
  #chatTimer: ReturnType<typeof setTimeout> | undefined;
  #poseTimer: ReturnType<typeof setInterval> | undefined;
  #livenessTimer: ReturnType<typeof setInterval> | undefined;
  #lastChatAt = 0;
  #chatting = false;

  constructor(options: PresenceLoadOptions) {
    this.#options = options;
    this.figures = {
      clients: options.clients,
      poses: 0,
      sent: 0,
      acked: 0,
      delivered: 0,
      livenessReconnects: 0,
      checkedDeliveries: 0,
      excusedLosses: 0,
      excusedDuplicates: 0,
    };
  }

  async setUp(): Promise<void> {
    for (let index = 0; index < this.#options.clients; index++) {
      const name = `soak-p${index}`;
      const client = new PresenceClient({
        url: this.#options.url,
        roomId: ROOM,
        clientId: name,
        userId: name,
        displayName: name,
        codec: new ProtobufCodec(),
        reliableRetryMs: 2000,
        socket: {
          backoff: { initialDelayMs: 100, maxDelayMs: 2000 },
          backOffMinDelayMs: 500,
          connectTimeoutMs: 5000,
        },
      });
      const member: Member = {
        name,
        client,
        hellos: [],
        gaps: [],
        received: new Map(),
        lastFrameAt: performance.now(),
        sentCount: 0,
      };
      this.#listen(member);
      this.#members.push(member);
    }
    const ready = await poll(() => this.#members.every((m) => m.client.state === 'ready'), 30_000);
    if (!ready) throw new Error('presence: not every client joined');
    this.#startPoses();
  }

  /** Starts the chat messages (poses run from set-up to close, so liveness can be judged). */
  start(): void {
    this.#chatting = true;
    this.#chat();
  }

  stop(): void {
    this.#chatting = false;
    clearTimeout(this.#chatTimer);
  }

  /** Every client joined, nothing unacknowledged, and no chat arriving for 3 s. */
  settled(): boolean {
    return (
      this.#members.every((m) => m.client.state === 'ready' && m.client.pendingReliable === 0) &&
      performance.now() - this.#lastChatAt > 3000
    );
  }

  describeUnsettled(): string {
    return this.#members
      .map((m) => `${m.name}: ${m.client.state}, ${m.client.pendingReliable} unacked`)
      .join('; ');
  }

  /** Poses and liveness stop: the server may go idle (before the end's memory sample). */
  quiesce(): void {
    clearInterval(this.#poseTimer);
    clearInterval(this.#livenessTimer);
  }

  check(violations: Violations, restarts: readonly Restart[]): void {
    const { graceMs, horizonMs } = this.#options;
    const stopsWithin = (from: number, to: number): boolean =>
      restarts.some((restart) => restart.stoppedAt >= from && restart.stoppedAt <= to);
    const processStart = (at: number): number =>
      restarts.reduce(
        (start, r) => (r.startedAt <= at && r.startedAt > start ? r.startedAt : start),
        0,
      );
    const senders = new Map(this.#members.map((m) => [m.name, m]));
    for (const sent of this.#sent.values()) {
      if (sent.acks > 1)
        violations.add('presence: acknowledged twice', `${sent.text} ×${sent.acks}`);
      const sender = senders.get(sent.sender)!;
      const end = sent.ackedAt ?? Infinity;
      const senderIdChanged = sender.hellos.some(
        (h) => h.idChanged && h.at >= sent.sentAt && h.at <= end,
      );
      for (const receiver of this.#members) {
        if (receiver === sender) {
          if (receiver.received.has(sent.text)) {
            violations.add('presence: own message echoed', sent.text);
          }
          continue;
        }
        const count = receiver.received.get(sent.text) ?? 0;
        if (count > 1) {
          if (stopsWithin(sent.sentAt, end) || senderIdChanged) this.figures.excusedDuplicates++;
          else
            violations.add('presence: delivered twice', `${receiver.name}: ${sent.text} ×${count}`);
        }
        const ackedAt = sent.ackedAt;
        if (ackedAt === undefined) continue;
        const windowEnd = ackedAt + horizonMs;
        // The process that acknowledged it accepted it; a message written while the server was
        // down is accepted by the next process, which the receiver may join after it.
        const joinedThisProcess = receiver.hellos.some(
          (h) => h.at >= processStart(ackedAt) && h.at < sent.sentAt - 1000,
        );
        const excused =
          stopsWithin(sent.sentAt - 2000, windowEnd) ||
          !joinedThisProcess ||
          receiver.hellos.some(
            (h) => h.idChanged && h.at >= sent.sentAt - graceMs && h.at <= windowEnd,
          ) ||
          receiver.gaps.some(
            (gap) =>
              (gap.to ?? Infinity) - gap.from > graceMs / 2 &&
              gap.from <= windowEnd &&
              (gap.to ?? Infinity) >= sent.sentAt - graceMs,
          );
        if (excused) {
          if (count === 0) this.figures.excusedLosses++;
          continue;
        }
        this.figures.checkedDeliveries++;
        if (count === 0) {
          violations.add(
            'presence: acked message lost',
            `${receiver.name} never got ${sent.text}: ${timeline(sent, receiver, restarts)}`,
          );
        }
      }
    }
  }

  close(): void {
    this.stop();
    this.quiesce();
    for (const member of this.#members) member.client.close();
  }

  #listen(member: Member): void {
    const { client } = member;
    const heard = (): void => {
      member.lastFrameAt = performance.now();
    };
    for (const type of ['pose', 'peerJoined', 'peerLeft', 'peerUpdated', 'entity'] as const) {
      client.addEventListener(type, heard);
    }
    client.addEventListener('hello', (event) => {
      heard();
      const now = performance.now();
      member.hellos.push({ at: now, idChanged: event.idChanged });
      const gap = member.gaps.at(-1);
      if (gap !== undefined && gap.to === undefined) gap.to = now;
      if (event.reconnected) this.reconnects++;
    });
    client.addEventListener('close', () => {
      const gap = member.gaps.at(-1);
      if (gap === undefined || gap.to !== undefined)
        member.gaps.push({ from: performance.now(), to: undefined });
    });
    client.addEventListener('ack', (event) => {
      heard();
      const sent = this.#sent.get(event.messageId);
      if (sent === undefined) return;
      sent.acks++;
      sent.ackedAt ??= performance.now();
      this.figures.acked++;
    });
    client.addEventListener('chat', (event) => {
      heard();
      this.#lastChatAt = performance.now();
      this.figures.delivered++;
      member.received.set(event.text, (member.received.get(event.text) ?? 0) + 1);
    });
  }

  #startPoses(): void {
    let step = 0;
    this.#poseTimer = setInterval(() => {
      step++;
      for (const [index, member] of this.#members.entries()) {
        if (member.client.state !== 'ready') continue;
        const angle = (step + index * 10) / 20;
        member.client.sendPose('', { x: Math.cos(angle), y: 1.6, z: Math.sin(angle) });
        this.figures.poses++;
      }
    }, POSE_EVERY_MS);
    this.#livenessTimer = setInterval(() => {
      const now = performance.now();
      for (const member of this.#members) {
        if (
          member.client.state !== 'ready' ||
          now - member.lastFrameAt < this.#options.livenessMs
        ) {
          continue;
        }
        // What an app does without a protocol ping: replace a connection gone silent.
        this.figures.livenessReconnects++;
        member.lastFrameAt = now;
        member.client.close();
        member.client.reconnect();
      }
    }, 1000);
  }

  #chat(): void {
    if (!this.#chatting) return;
    const { random, chatEveryMs } = this.#options;
    for (const member of this.#members) {
      if (random() < 0.5 || member.client.state === 'closed') continue;
      member.sentCount++;
      const text = `${member.name}#${member.sentCount}`;
      const messageId = member.client.sendChat(text);
      this.#sent.set(messageId, {
        sender: member.name,
        text,
        sentAt: performance.now(),
        ackedAt: undefined,
        acks: 0,
      });
      this.figures.sent++;
    }
    this.#chatTimer = setTimeout(
      () => {
        this.#chat();
      },
      chatEveryMs * 2 * random(),
    );
  }
}

/** Times (s since the soak's clock origin) around a lost message, for the report. */
function timeline(sent: Sent, receiver: Member, restarts: readonly Restart[]): string {
  const s = (ms: number | undefined): string => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
  const near = (at: number): boolean => at > sent.sentAt - 40_000 && at < sent.sentAt + 40_000;
  const hellos = receiver.hellos
    .filter((h) => near(h.at))
    .map((h) => `${s(h.at)}${h.idChanged ? '(new id)' : ''}`);
  const gaps = receiver.gaps.filter((g) => near(g.from)).map((g) => `${s(g.from)}-${s(g.to)}`);
  const stops = restarts.filter((r) => near(r.stoppedAt)).map((r) => `${r.kind}@${s(r.stoppedAt)}`);
  return (
    `sent ${s(sent.sentAt)}, acked ${s(sent.ackedAt)}; receiver hellos [${hellos.join(' ')}], ` +
    `away [${gaps.join(' ')}]; restarts [${stops.join(' ')}]`
  );
}
