// What a PresenceClient tells its listeners: the event classes, the map from event name to class
// for TypedEventTarget, and the client's one error type with its typed code. Standard web APIs
// only (Event, Error), so browsers and Node 24 alike.

import type {
  ChatMessageType,
  EntitySnapshot,
  PlayerSnapshot,
  PresenceData,
  Quaternion,
  Vector3,
  VoiceCodec,
} from '../../protocol/presence/messages.ts';
import type { PresenceErrorCode } from '../../protocol/presence/text-frames.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import type { PoseTarget } from './world-model.ts';

/**
 * 'connecting': opening a socket, or waiting for the server's hello on it. 'ready': joined the
 * room (hello received). 'reconnecting': waiting to retry. 'closed': `close()` was called, or
 * the server refused the credentials (4401/4403); `reconnect()` starts again.
 */
export type PresenceClientState = 'connecting' | 'ready' | 'reconnecting' | 'closed';

export type PresenceClientErrorCode =
  /** The server refused one of this client's frames (see `messageId`); it was not relayed. */
  | PresenceErrorCode
  /** A frame from the server that is not what the protocol says. */
  | 'bad-server-frame'
  /** The transport failed: a socket error, a connect or URL/token failure (see `cause`). */
  | 'transport'
  /** The server closed with 4401/4403: the client stopped; new credentials are needed. */
  | 'auth-refused'
  /** Too many unacknowledged reliable messages, or relay frames queued while offline. */
  | 'outbox-full'
  /** A method of the other mode (`send` in protobuf mode, `sendChat` in relay mode, …). */
  | 'wrong-mode'
  /** The client was closed. */
  | 'closed';

/** The client's errors: thrown by its methods and carried by `error` events. */
export class PresenceClientError extends Error {
  readonly code: PresenceClientErrorCode;
  /** The refused message's id (server refusals of a message that had one). */
  readonly messageId: string | undefined;
  /** With `rate_limited`: when sending may succeed again. */
  readonly retryAfterMs: number | undefined;
  /** With `auth-refused`: the close code. */
  readonly closeCode: number | undefined;

  constructor(
    code: PresenceClientErrorCode,
    message: string,
    options: ErrorOptions & {
      messageId?: string | undefined;
      retryAfterMs?: number | undefined;
      closeCode?: number | undefined;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PresenceClientError';
    this.code = code;
    this.messageId = options.messageId;
    this.retryAfterMs = options.retryAfterMs;
    this.closeCode = options.closeCode;
  }
}

export class PresenceErrorEvent extends Event {
  readonly error: PresenceClientError;
  constructor(error: PresenceClientError) {
    super('error');
    this.error = error;
  }
}

export class StateChangeEvent extends Event {
  readonly state: PresenceClientState;
  constructor(state: PresenceClientState) {
    super('statechange');
    this.state = state;
  }
}

/** The server's hello on a (re)connection: the client is in the room under `clientId`. */
export class HelloEvent extends Event {
  readonly clientId: string;
  readonly roomId: string;
  /** The hello of a reconnection, not the first one. */
  readonly reconnected: boolean;
  /**
   * A reconnection got another id than before (the old one was still held by a connection the
   * server had not yet seen die, or the grace period had ended): pending messages the server
   * kept for the old id are lost, and entities spawned under it are no longer this client's.
   */
  readonly idChanged: boolean;
  /** Protobuf mode: e.g. `hearth/0.1.0`; '' in relay mode. */
  readonly serverVersion: string;
  constructor(init: {
    clientId: string;
    roomId: string;
    reconnected: boolean;
    idChanged: boolean;
    serverVersion: string;
  }) {
    super('hello');
    this.clientId = init.clientId;
    this.roomId = init.roomId;
    this.reconnected = init.reconnected;
    this.idChanged = init.idChanged;
    this.serverVersion = init.serverVersion;
  }
}

export type PeerEventType = 'peerJoined' | 'peerLeft' | 'peerUpdated';

/** Another client joined, left or (protobuf mode) changed its presence data. */
export class PeerEvent extends Event {
  readonly clientId: string;
  /** Relay mode only (protobuf presence events carry no user id): ''. */
  readonly userId: string;
  readonly displayName: string;
  /** Protobuf mode: the presence data as announced (null in relay mode). */
  readonly data: PresenceData | null;
  /** The player as this client now knows it (for a leave: as it was). */
  readonly player: PlayerSnapshot | undefined;
  constructor(
    type: PeerEventType,
    init: {
      clientId: string;
      userId: string;
      displayName: string;
      data: PresenceData | null;
      player: PlayerSnapshot | undefined;
    },
  ) {
    super(type);
    this.clientId = init.clientId;
    this.userId = init.userId;
    this.displayName = init.displayName;
    this.data = init.data;
    this.player = init.player;
  }
}

/** A relay-mode frame from another client of the room, as it was sent (text or binary). */
export class RelayMessageEvent extends Event {
  readonly data: IncomingData;
  constructor(data: IncomingData) {
    super('message');
    this.data = data;
  }
}

/** Another client's avatar or entity moved (volatile: only the newest pose is guaranteed). */
export class PoseEvent extends Event {
  readonly entityId: string;
  readonly position: Vector3 | null;
  readonly rotation: Quaternion | null;
  readonly sequenceNumber: number;
  /** Server time, milliseconds since the epoch. */
  readonly timestamp: number;
  /** Whose pose it is in `world`: a player's avatar, an entity, or an id the room does not track. */
  readonly subject: PoseTarget;
  constructor(init: {
    entityId: string;
    position: Vector3 | null;
    rotation: Quaternion | null;
    sequenceNumber: number;
    timestamp: number;
    subject: PoseTarget;
  }) {
    super('pose');
    this.entityId = init.entityId;
    this.position = init.position;
    this.rotation = init.rotation;
    this.sequenceNumber = init.sequenceNumber;
    this.timestamp = init.timestamp;
    this.subject = init.subject;
  }
}

/** A chat message from another client (delivered once, whatever the server's resends). */
export class ChatEvent extends Event {
  readonly messageId: string;
  readonly fromClientId: string;
  readonly text: string;
  readonly chatType: ChatMessageType;
  /** Server time, milliseconds since the epoch. */
  readonly timestamp: number;
  constructor(init: {
    messageId: string;
    fromClientId: string;
    text: string;
    chatType: ChatMessageType;
    timestamp: number;
  }) {
    super('chat');
    this.messageId = init.messageId;
    this.fromClientId = init.fromClientId;
    this.text = init.text;
    this.chatType = init.chatType;
    this.timestamp = init.timestamp;
  }
}

export type EntityAction = 'spawn' | 'update' | 'despawn';

/** An entity was spawned, updated or despawned by another client (or by the server). */
export class EntityEvent extends Event {
  readonly action: EntityAction;
  readonly entityId: string;
  readonly messageId: string;
  /** The entity after the change (before it, for a despawn); undefined if it was not known. */
  readonly entity: EntitySnapshot | undefined;
  /** With 'update': the components this message changed. */
  readonly changedComponents: Readonly<Record<string, Uint8Array>>;
  constructor(init: {
    action: EntityAction;
    entityId: string;
    messageId: string;
    entity: EntitySnapshot | undefined;
    changedComponents?: Readonly<Record<string, Uint8Array>>;
  }) {
    super('entity');
    this.action = init.action;
    this.entityId = init.entityId;
    this.messageId = init.messageId;
    this.entity = init.entity;
    this.changedComponents = init.changedComponents ?? {};
  }
}

/** Audio from another client (volatile). */
export class VoiceEvent extends Event {
  readonly fromClientId: string;
  readonly audio: Uint8Array;
  readonly sequenceNumber: number;
  readonly codec: VoiceCodec;
  constructor(init: {
    fromClientId: string;
    audio: Uint8Array;
    sequenceNumber: number;
    codec: VoiceCodec;
  }) {
    super('voice');
    this.fromClientId = init.fromClientId;
    this.audio = init.audio;
    this.sequenceNumber = init.sequenceNumber;
    this.codec = init.codec;
  }
}

/** The server acknowledged one of this client's reliable messages: it reached the room. */
export class AckEvent extends Event {
  readonly messageId: string;
  constructor(messageId: string) {
    super('ack');
    this.messageId = messageId;
  }
}

/** One underlying WebSocket ended (the client reconnects unless `willReconnect` is false). */
export class PresenceCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly willReconnect: boolean;
  constructor(code: number, reason: string, willReconnect: boolean) {
    super('close');
    this.code = code;
    this.reason = reason;
    this.willReconnect = willReconnect;
  }
}

export interface PresenceClientEventMap {
  /** A socket opened (the hello follows). */
  open: Event;
  hello: HelloEvent;
  statechange: StateChangeEvent;
  close: PresenceCloseEvent;
  error: PresenceErrorEvent;
  peerJoined: PeerEvent;
  peerLeft: PeerEvent;
  peerUpdated: PeerEvent;
  message: RelayMessageEvent;
  pose: PoseEvent;
  chat: ChatEvent;
  entity: EntityEvent;
  voice: VoiceEvent;
  ack: AckEvent;
}
