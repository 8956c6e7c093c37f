// Protobuf mode on each connection: ClientHello first (client id, name, token, room), nothing
// else until ServerHello; then every unacknowledged reliable message is written again, oldest
// first, and the newest poses leave at the throttle's rate. Incoming reliable messages are
// acknowledged every time and processed once (inbound in protobuf-inbound.ts).

import type {
  AvatarConfig,
  ChatMessageType,
  MessageInit,
  Quaternion,
  Vector3,
  VoiceCodec,
} from '../../protocol/presence/messages.ts';
import { PresenceEventType } from '../../protocol/presence/messages.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import type { DriverHost, ModeDriver } from './mode-driver.ts';
import { PoseThrottle, type PendingPose } from './pose-throttle.ts';
import { PresenceClientError } from './presence-events.ts';
import type { ProtobufCodec } from './protobuf.ts';
import { handleBinary, handleText } from './protobuf-inbound.ts';
import { ReceivedIds } from './received-ids.ts';
import { ReliableOutbox } from './reliable-outbox.ts';

/** The presence fields a client may set (empty ones are left unchanged by the server). */
export interface PresenceProfile {
  readonly displayName?: string;
  readonly avatarUrl?: string;
  readonly avatarConfig?: Partial<AvatarConfig>;
  readonly position?: Vector3;
  readonly rotation?: Quaternion;
}

type ReliableInit = Extract<
  MessageInit,
  { payload: 'chatMessage' | 'entitySpawn' | 'entityUpdate' | 'entityDespawn' }
>;

const UINT32 = 2 ** 32;

export class ProtobufDriver implements ModeDriver {
  readonly host: DriverHost;
  readonly codec: ProtobufCodec;
  readonly outbox: ReliableOutbox;
  /** Server message ids processed lately (duplicates are acknowledged, not processed). */
  readonly seen: ReceivedIds;
  readonly #poses: PoseThrottle;
  /** ServerHello received on the current connection: messages may be written. */
  #ready = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Unique per client instance, so ids never repeat after a page reload resumes an id. */
  readonly #idPrefix = randomTag();
  #lastId = 0;
  #poseSequence = 0;
  /** The presence fields set so far, set again after every hello (a new connection). */
  #profile: PresenceProfile = {};

  constructor(host: DriverHost, codec: ProtobufCodec) {
    this.host = host;
    this.codec = codec;
    const { settings } = host;
    this.outbox = new ReliableOutbox(settings.maxPendingReliable, settings.reliableRetryMs);
    this.seen = new ReceivedIds(settings.dedupeCapacity);
    this.#poses = new PoseThrottle(settings.poseIntervalMs, (poses) => {
      this.#writePoses(poses);
    });
  }

  get ready(): boolean {
    return this.#ready;
  }

  query(): Readonly<Record<string, string | undefined>> {
    // client_id, display_name and the token go in ClientHello: the token stays out of URLs.
    return { user_id: this.host.userId };
  }

  opened(token: string | undefined): void {
    const { host } = this;
    this.host.socket.sendNow(
      this.codec.encode({
        payload: 'clientHello',
        timestamp: Date.now(),
        clientHello: {
          clientId: host.clientId ?? '',
          displayName: host.displayName ?? '',
          authToken: token ?? '',
          requestedRoom: host.roomId,
        },
      }),
    );
  }

  received(data: IncomingData): void {
    if (typeof data === 'string') handleText(this, data);
    else handleBinary(this, new Uint8Array(data));
  }

  /** ServerHello: write what is pending, in order, before anyone hears of the hello. */
  helloReceived(clientId: string, serverVersion: string): void {
    this.#ready = true;
    const now = performance.now();
    for (const entry of this.outbox.takeAll(now)) this.host.socket.sendNow(entry.frame);
    this.#armRetry();
    if (hasFields(this.#profile)) this.#writeProfile(this.#profile);
    this.#poses.resume();
    this.host.joined(clientId, serverVersion);
  }

  /** One of ours was acknowledged or refused: it leaves the outbox. true: it was pending. */
  settle(messageId: string): boolean {
    const removed = this.outbox.remove(messageId);
    if (this.outbox.size === 0) this.#disarmRetry();
    return removed;
  }

  lost(): void {
    this.#ready = false;
    this.#poses.pause();
    this.outbox.markAllUnsent();
    this.#disarmRetry();
  }

  stop(): void {
    this.lost();
    this.#poses.stop();
  }

  /** Queues a reliable message (written now if joined); returns its message id. */
  sendReliable(init: ReliableInit): string {
    this.#lastId++;
    const messageId = `${this.#idPrefix}-${this.#lastId.toString(36)}`;
    const frame = this.codec.encode({ ...init, messageId, timestamp: Date.now() });
    if (!this.outbox.add(messageId, frame)) {
      throw new PresenceClientError(
        'outbox-full',
        `${this.outbox.size} reliable messages await an Ack (maxPendingReliable)`,
      );
    }
    if (this.#ready && this.host.socket.sendNow(frame)) {
      this.outbox.markSent(messageId, performance.now());
      this.#armRetry();
    }
    return messageId;
  }

  sendChat(text: string, chatType: ChatMessageType): string {
    return this.sendReliable({
      payload: 'chatMessage',
      chatMessage: { message: text, type: chatType },
    });
  }

  sendPose(entityId: string, position: Vector3, rotation: Quaternion | null): void {
    this.#poses.push({ entityId, position, rotation });
  }

  sendVoice(audio: Uint8Array, sequenceNumber: number, codec: VoiceCodec): boolean {
    if (!this.#ready) return false;
    const frame = this.codec.encode({
      payload: 'voiceData',
      timestamp: Date.now(),
      voiceData: { audioData: audio, sequenceNumber, codec },
    });
    return this.host.socket.sendNow(frame);
  }

  /** Merges into the profile and sends it now if joined (else after the next hello). */
  updatePresence(profile: PresenceProfile): boolean {
    this.#profile = { ...this.#profile, ...profile };
    return this.#ready && this.#writeProfile(profile);
  }

  #writeProfile(profile: PresenceProfile): boolean {
    return this.host.socket.sendNow(
      this.codec.encode({
        payload: 'presenceEvent',
        timestamp: Date.now(),
        presenceEvent: { eventType: PresenceEventType.Update, data: { ...profile } },
      }),
    );
  }

  #writePoses(poses: readonly PendingPose[]): void {
    for (const pose of poses) {
      this.#poseSequence = (this.#poseSequence + 1) % UINT32;
      this.host.socket.sendNow(
        this.codec.encode({
          payload: 'positionUpdate',
          timestamp: Date.now(),
          positionUpdate: {
            entityId: pose.entityId,
            position: pose.position,
            rotation: pose.rotation,
            sequenceNumber: this.#poseSequence,
          },
        }),
      );
    }
  }

  /** One timer for the oldest written message: when it fires, what is overdue goes again. */
  #armRetry(): void {
    if (this.#retryTimer !== undefined || !this.#ready) return;
    const dueIn = this.outbox.nextDueIn(performance.now());
    if (dueIn === undefined) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#ready) return;
      for (const entry of this.outbox.takeOverdue(performance.now())) {
        this.host.socket.sendNow(entry.frame);
      }
      this.#armRetry();
    }, dueIn);
  }

  #disarmRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}

function hasFields(profile: PresenceProfile): boolean {
  return Object.values(profile).some((value) => value !== undefined);
}

/** 48 random bits in hex (getRandomValues works in insecure browser contexts too). */
function randomTag(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
