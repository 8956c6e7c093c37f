// The presence client SDK's entry point (relay mode, and everything protobuf mode needs except
// its codec). Protobuf apps add `new ProtobufCodec()` from ./protobuf.ts; this entry never
// imports protobufjs, so relay-only apps do not load it (test/client/presence/entry.test.ts).

export { PresenceClient, type EntitySpawnInit } from './presence-client.ts';
export {
  DEFAULT_PRESENCE_CLIENT_OPTIONS,
  type PresenceClientOptions,
  type PresenceSettings,
} from './client-options.ts';
export { RelayCodec, type PresenceCodec, type PresenceMode, type ProtobufCodec } from './codecs.ts';
export {
  AckEvent,
  ChatEvent,
  EntityEvent,
  HelloEvent,
  PeerEvent,
  PoseEvent,
  PresenceClientError,
  PresenceCloseEvent,
  PresenceErrorEvent,
  RelayMessageEvent,
  StateChangeEvent,
  VoiceEvent,
  type EntityAction,
  type PeerEventType,
  type PresenceClientErrorCode,
  type PresenceClientEventMap,
  type PresenceClientState,
} from './presence-events.ts';
export type { PresenceProfile } from './protobuf-driver.ts';
// Relay-mode apps choose their own pose frames; this throttles them as protobuf mode does.
export { PoseThrottle, type PendingPose } from './pose-throttle.ts';
export type { PresenceWorldView } from './world-model.ts';
export {
  ChatMessageType,
  PresenceEventType,
  VoiceCodec,
  type AvatarConfig,
  type EntitySnapshot,
  type PlayerSnapshot,
  type PresenceData,
  type Quaternion,
  type Vector3,
} from '../../protocol/presence/messages.ts';
