// The presence protocol's protobuf messages as TypeScript types (camelCase, as protobufjs
// presents them) and its enums, defined once here for the server, the client SDK and pages.
// The field lists mirror src/protocol/presence.proto; codec tests round-trip every message with
// every field set, so a name that drifts from the schema fails there, not on the wire.

export const PROTOBUF_SUBPROTOCOL = 'graphwiz.protobuf.v1';

export const MessageType = {
  Unknown: 0,
  ClientHello: 1,
  ServerHello: 2,
  PositionUpdate: 10,
  VoiceData: 11,
  EntitySpawn: 20,
  EntityUpdate: 21,
  EntityDespawn: 22,
  ChatMessage: 30,
  PresenceJoin: 40,
  PresenceLeave: 41,
  PresenceUpdate: 42,
  Ack: 60,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export const VoiceCodec = { Opus: 0, Pcmu: 1, Pcma: 2 } as const;
export type VoiceCodec = (typeof VoiceCodec)[keyof typeof VoiceCodec];

export const ChatMessageType = { Normal: 0, Whisper: 1, Shout: 2 } as const;
export type ChatMessageType = (typeof ChatMessageType)[keyof typeof ChatMessageType];

export const PresenceEventType = { Join: 0, Leave: 1, Update: 2 } as const;
export type PresenceEventType = (typeof PresenceEventType)[keyof typeof PresenceEventType];

export interface Vector3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface Quaternion {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly w: number;
}

export interface ClientHello {
  readonly clientId: string;
  readonly displayName: string;
  readonly authToken: string;
  readonly requestedRoom: string;
}

export interface AvatarConfig {
  readonly bodyType: string;
  readonly primaryColor: string;
  readonly secondaryColor: string;
  readonly height: number;
  readonly customModelUrl: string;
}

export interface EntitySnapshot {
  readonly id: string;
  readonly templateId: string;
  readonly position: Vector3 | null;
  readonly rotation: Quaternion | null;
  readonly components: Readonly<Record<string, string>>;
  readonly ownerId: string;
  readonly updatedComponents: Readonly<Record<string, Uint8Array>>;
}

export interface PlayerSnapshot {
  readonly clientId: string;
  readonly displayName: string;
  readonly avatarUrl: string;
  readonly position: Vector3 | null;
  readonly rotation: Quaternion | null;
  readonly avatarConfig: AvatarConfig | null;
}

export interface WorldState {
  readonly entities: readonly EntitySnapshot[];
  readonly players: readonly PlayerSnapshot[];
  readonly lastUpdate: number;
}

export interface ServerHello {
  readonly serverVersion: string;
  readonly assignedClientId: string;
  readonly roomId: string;
  readonly initialState: WorldState | null;
}

export interface PositionUpdate {
  readonly entityId: string;
  readonly position: Vector3 | null;
  readonly rotation: Quaternion | null;
  readonly sequenceNumber: number;
}

export interface VoiceData {
  readonly fromClientId: string;
  readonly audioData: Uint8Array;
  readonly sequenceNumber: number;
  readonly codec: VoiceCodec;
}

export interface EntitySpawn {
  readonly entityId: string;
  readonly templateId: string;
  readonly ownerId: string;
  readonly components: Readonly<Record<string, string>>;
}

export interface EntityUpdate {
  readonly entityId: string;
  readonly components: Readonly<Record<string, Uint8Array>>;
}

export interface EntityDespawn {
  readonly entityId: string;
}

export interface ChatMessage {
  readonly fromClientId: string;
  readonly message: string;
  readonly timestamp: number;
  readonly type: ChatMessageType;
}

export interface PresenceData {
  readonly displayName: string;
  readonly avatarUrl: string;
  readonly position: Vector3 | null;
  readonly rotation: Quaternion | null;
  readonly avatarConfig: AvatarConfig | null;
  readonly hostClientId: string;
}

export interface PresenceEvent {
  readonly clientId: string;
  readonly eventType: PresenceEventType;
  readonly data: PresenceData | null;
}

export interface Ack {
  readonly messageId: string;
}

/** The `payload` oneof's cases and the message each one carries. */
export interface PayloadTypes {
  readonly clientHello: ClientHello;
  readonly serverHello: ServerHello;
  readonly positionUpdate: PositionUpdate;
  readonly voiceData: VoiceData;
  readonly entitySpawn: EntitySpawn;
  readonly entityUpdate: EntityUpdate;
  readonly entityDespawn: EntityDespawn;
  readonly chatMessage: ChatMessage;
  readonly presenceEvent: PresenceEvent;
  readonly ack: Ack;
}

/** The oneof as a tagged union: `payload` names the one field that is set. */
export type Payload = {
  [C in keyof PayloadTypes]: { readonly payload: C } & Readonly<Record<C, PayloadTypes[C]>>;
}[keyof PayloadTypes];

export type PayloadCase = keyof PayloadTypes;

export interface Envelope {
  readonly messageId: string;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  readonly type: MessageType;
}

/** A decoded `graphwiz.core.Message` with its payload set. */
export type PresenceMessage = Envelope & Payload;

/** A decoded message whose payload is absent (or a case this version does not know). */
export type EmptyMessage = Envelope & { readonly payload?: undefined };

/** The MessageType that goes with each payload (presence events take theirs from event_type). */
export const PAYLOAD_MESSAGE_TYPE: Readonly<
  Record<Exclude<PayloadCase, 'presenceEvent'>, MessageType>
> = {
  clientHello: MessageType.ClientHello,
  serverHello: MessageType.ServerHello,
  positionUpdate: MessageType.PositionUpdate,
  voiceData: MessageType.VoiceData,
  entitySpawn: MessageType.EntitySpawn,
  entityUpdate: MessageType.EntityUpdate,
  entityDespawn: MessageType.EntityDespawn,
  chatMessage: MessageType.ChatMessage,
  ack: MessageType.Ack,
};

/** Deeply optional input for encoding: fields left out take their protobuf defaults. */
export type Init<T> = T extends Uint8Array
  ? Uint8Array
  : T extends readonly (infer Item)[]
    ? readonly Init<Item>[]
    : T extends object
      ? { readonly [K in keyof T]?: Init<T[K]> | (null extends T[K] ? null : never) }
      : T;

/** What `encodeMessage` takes: a payload case and its (partial) value, envelope optional. */
export type MessageInit = Partial<Envelope> &
  {
    [C in PayloadCase]: { readonly payload: C } & Readonly<Record<C, Init<PayloadTypes[C]>>>;
  }[PayloadCase];
