// The presence client SDK (specs/presence.md): one client in one XR room over a
// ReconnectingSocket, in relay mode (opaque frames) or protobuf mode (a world, throttled poses,
// reliable chat and entities with acks). It keeps its client id across reconnects. Runs in
// browsers and Node 24; the protobuf codec is imported separately (./protobuf.ts).

import {
  ChatMessageType,
  VoiceCodec,
  type Quaternion,
  type Vector3,
} from '../../protocol/presence/messages.ts';
import { TERMINAL_CLOSE_CODES } from '../../protocol/close-codes.ts';
import { ReconnectingSocket, type OutgoingData } from '../reconnecting-socket.ts';
import type { SocketErrorKind, SocketState } from '../reconnecting-socket-events.ts';
import { TypedEventTarget } from '../typed-event-target.ts';
import {
  resolvePresenceOptions,
  resolveToken,
  roomUrl,
  type PresenceClientOptions,
} from './client-options.ts';
import type { PresenceMode } from './codecs.ts';
import type { DriverHost, ModeDriver } from './mode-driver.ts';
import {
  HelloEvent,
  PresenceClientError,
  PresenceCloseEvent,
  PresenceErrorEvent,
  StateChangeEvent,
  type PresenceClientEventMap,
  type PresenceClientState,
} from './presence-events.ts';
import { ProtobufDriver, type PresenceProfile } from './protobuf-driver.ts';
import { RelayDriver } from './relay-driver.ts';
import { PresenceWorld, type PresenceWorldView } from './world-model.ts';

/** What `spawnEntity` takes. */
export interface EntitySpawnInit {
  /** 1–128 letters, digits, `-`, `_`, `.`, `:`; an id this client spawned is replaced. */
  readonly entityId: string;
  readonly templateId?: string;
  readonly components?: Readonly<Record<string, string>>;
}

/**
 * A client in one room. It connects at once and reconnects by itself (backoff, server restarts,
 * network changes), asking for the client id it was given, so peers and the server's reconnect
 * grace period keep recognising it. Listen for `hello`, peer, `message` (relay) or `pose`, `chat`,
 * `entity` (protobuf) events; `world` is the room as this client knows it.
 *
 * Protobuf mode keeps every reliable message until the server acknowledges it and writes the
 * unacknowledged ones again after each reconnect (the server ignores copies by `message_id`);
 * incoming reliable messages are acknowledged automatically and delivered once.
 */
export class PresenceClient extends TypedEventTarget<PresenceClientEventMap> {
  readonly roomId: string;
  readonly mode: PresenceMode;
  readonly #socket: ReconnectingSocket;
  readonly #driver: ModeDriver;
  readonly #protobuf: ProtobufDriver | undefined;
  readonly #world = new PresenceWorld();
  #state: PresenceClientState = 'connecting';
  #clientId: string | undefined;
  #joinedBefore = false;
  /** The token resolved for the current attempt, for a ClientHello. */
  #attemptToken: string | undefined;

  /** @throws RangeError for impossible options (see PresenceClientOptions). */
  constructor(options: PresenceClientOptions) {
    super();
    const { settings, codec, baseUrl } = resolvePresenceOptions(options);
    this.roomId = options.roomId;
    this.mode = codec.mode;
    this.#clientId = options.clientId;
    // The socket calls back (URL, events) only after the constructor has returned, so the
    // drivers it reaches through `this.#driver` exist by then.
    this.#socket = new ReconnectingSocket({
      ...options.socket,
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      url: async () => {
        const token = await resolveToken(options.token);
        this.#attemptToken = token;
        return roomUrl(baseUrl, options.roomId, this.#driver.query(token));
      },
      ...(codec.mode === 'protobuf' ? { protocols: codec.subprotocol } : {}),
      // Protobuf mode writes with sendNow only (ClientHello must come first; its outbox is its
      // queue), so nothing may be flushed at open; relay mode uses the socket's offline queue.
      autoFlush: codec.mode === 'relay',
    });
    const clientIdOf = (): string | undefined => this.#clientId;
    const host: DriverHost = {
      socket: this.#socket,
      roomId: options.roomId,
      settings,
      world: this.#world,
      displayName: options.displayName,
      userId: options.userId,
      get clientId() {
        return clientIdOf();
      },
      emit: (event) => {
        this.dispatchEvent(event);
      },
      emitError: (error) => {
        this.#emitError(error);
      },
      joined: (clientId, serverVersion) => {
        this.#joined(clientId, serverVersion);
      },
    };
    if (codec.mode === 'relay') {
      this.#protobuf = undefined;
      this.#driver = new RelayDriver(host, codec);
    } else {
      this.#protobuf = new ProtobufDriver(host, codec);
      this.#driver = this.#protobuf;
    }
    this.#listen(this.#socket);
  }

  get state(): PresenceClientState {
    return this.#state;
  }

  /** The id the server assigned (kept across reconnects); the one asked for before the hello. */
  get clientId(): string | undefined {
    return this.#clientId;
  }

  /** The room as this client knows it. Relay mode: only the peers seen joining since the hello. */
  get world(): PresenceWorldView {
    return this.#world;
  }

  /** Protobuf mode: reliable messages not yet acknowledged by the server. */
  get pendingReliable(): number {
    return this.#protobuf?.outbox.size ?? 0;
  }

  /**
   * Relay mode: an opaque frame for the room's other relay clients, text or binary, relayed as
   * is. Queued while disconnected (bounded by the socket options). false: refused (queue full).
   */
  send(data: OutgoingData): boolean {
    if (this.mode !== 'relay') {
      throw new PresenceClientError('wrong-mode', 'send is for relay mode: use the typed methods');
    }
    this.#assertOpen();
    return this.#socket.send(data);
  }

  /**
   * Protobuf mode: moves this client's avatar (`entityId` '') or an entity it owns. Throttled:
   * at most one pose per entity per `poseIntervalMs` is written, the newest.
   */
  sendPose(entityId: string, position: Vector3, rotation: Quaternion | null = null): void {
    this.#protobufFor('sendPose').sendPose(entityId, position, rotation);
  }

  /** Protobuf mode: a reliable chat message to the room. Returns its message id. */
  sendChat(text: string, chatType: ChatMessageType = ChatMessageType.Normal): string {
    return this.#protobufFor('sendChat').sendChat(text, chatType);
  }

  /** Protobuf mode: spawns (or re-spawns) an entity this client will own. Returns the message id. */
  spawnEntity(init: EntitySpawnInit): string {
    return this.#protobufFor('spawnEntity').sendReliable({
      payload: 'entitySpawn',
      entitySpawn: {
        entityId: init.entityId,
        templateId: init.templateId ?? '',
        components: { ...init.components },
      },
    });
  }

  /** Protobuf mode: sets components of an entity this client owns. Returns the message id. */
  updateEntity(entityId: string, components: Readonly<Record<string, Uint8Array>>): string {
    return this.#protobufFor('updateEntity').sendReliable({
      payload: 'entityUpdate',
      entityUpdate: { entityId, components: { ...components } },
    });
  }

  /** Protobuf mode: removes an entity this client owns. Returns the message id. */
  despawnEntity(entityId: string): string {
    return this.#protobufFor('despawnEntity').sendReliable({
      payload: 'entityDespawn',
      entityDespawn: { entityId },
    });
  }

  /**
   * Protobuf mode: changes this client's presence data for the room. Remembered and sent again
   * after every reconnect. false: not joined right now (it is sent after the next hello).
   */
  updatePresence(profile: PresenceProfile): boolean {
    return this.#protobufFor('updatePresence').updatePresence(profile);
  }

  /** Protobuf mode: an audio chunk (volatile). false: not joined right now, dropped. */
  sendVoice(
    audio: Uint8Array,
    sequenceNumber: number,
    codec: VoiceCodec = VoiceCodec.Opus,
  ): boolean {
    return this.#protobufFor('sendVoice').sendVoice(audio, sequenceNumber, codec);
  }

  /** Retries now instead of waiting out the backoff; restarts a closed client. */
  reconnect(): void {
    this.#socket.reconnect();
  }

  /** Leaves the room for good (until `reconnect()`); unacknowledged messages stay pending. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#driver.stop();
    this.#socket.close(1000);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #listen(socket: ReconnectingSocket): void {
    socket.addEventListener('open', () => {
      this.dispatchEvent(new Event('open'));
      this.#driver.opened(this.#attemptToken);
    });
    socket.addEventListener('message', (event) => {
      this.#driver.received(event.data);
    });
    socket.addEventListener('close', (event) => {
      this.#driver.lost();
      this.dispatchEvent(new PresenceCloseEvent(event.code, event.reason, event.willReconnect));
      if (TERMINAL_CLOSE_CODES.has(event.code)) {
        this.#emitError(
          new PresenceClientError('auth-refused', event.reason || 'credentials refused', {
            closeCode: event.code,
          }),
        );
      }
    });
    socket.addEventListener('statechange', (event) => {
      this.#setState(clientState(event.state));
    });
    socket.addEventListener('error', (event) => {
      const code = event.kind === 'unsupported-data' ? 'bad-server-frame' : 'transport';
      const message = TRANSPORT_ERRORS[event.kind];
      this.#emitError(new PresenceClientError(code, message, { cause: event.error }));
    });
  }

  #joined(clientId: string, serverVersion: string): void {
    const reconnected = this.#joinedBefore;
    const idChanged = reconnected && clientId !== this.#clientId;
    this.#joinedBefore = true;
    this.#clientId = clientId;
    this.#setState('ready');
    this.dispatchEvent(
      new HelloEvent({ clientId, roomId: this.roomId, reconnected, idChanged, serverVersion }),
    );
  }

  #setState(state: PresenceClientState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new StateChangeEvent(state));
  }

  #emitError(error: PresenceClientError): void {
    this.dispatchEvent(new PresenceErrorEvent(error));
  }

  /** The protobuf driver for a protobuf-mode method; throws in relay mode or once closed. */
  #protobufFor(method: string): ProtobufDriver {
    const driver = this.#protobuf;
    if (driver === undefined) {
      throw new PresenceClientError('wrong-mode', `${method} is for protobuf mode`);
    }
    this.#assertOpen();
    return driver;
  }

  #assertOpen(): void {
    if (this.#state === 'closed') throw new PresenceClientError('closed', 'the client is closed');
  }
}

/** What each transport failure means, for `error` events (the socket's error is the cause). */
const TRANSPORT_ERRORS: Readonly<Record<SocketErrorKind, string>> = {
  socket: 'the WebSocket failed (refused, dropped or the upgrade was denied)',
  url: 'resolving the URL or the token for an attempt failed',
  'connect-timeout': 'the connection did not open in time',
  'heartbeat-timeout': 'the connection went silent',
  'unsupported-data': 'a frame that is neither text nor binary',
};

/** The socket's state as the client's: an open socket is still connecting until the hello. */
function clientState(state: SocketState): PresenceClientState {
  return state === 'open' ? 'connecting' : state;
}
