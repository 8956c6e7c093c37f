// Protobuf mode: `graphwiz.core.Message` binary frames. The server answers ClientHello with a
// ServerHello holding the room's world, stamps every identity itself (from_client_id, owner_id,
// presence client_id) so nobody speaks for another client, relays poses and voice as volatile
// frames (poses coalesced per entity for slow receivers) and chat/entity messages reliably.
// A frame it cannot accept is answered with an ERROR text frame, counted, and never relayed.

import { decodeMessage, encodeMessage } from '../../protocol/presence/codec.ts';
import {
  PresenceEventType,
  type ChatMessage,
  type EntityDespawn,
  type EntitySpawn,
  type EntityUpdate,
  type PositionUpdate,
  type PresenceEvent,
  type PresenceMessage,
  type VoiceData,
} from '../../protocol/presence/messages.ts';
import {
  PresenceErrorCode,
  isValidId,
  type ErrorFrame,
} from '../../protocol/presence/text-frames.ts';
import { HEARTH_VERSION } from '../../version.ts';
import { announceUpdate } from './announcements.ts';
import { MAX_DISPLAY_NAME_LENGTH } from './presence-auth.ts';
import { deliverReliable, receiveAck, redeliver, sendAck } from './reliable-delivery.ts';
import { publishProfile } from './world-replication.ts';
import type { ClientSession, PresenceConnection, PresenceRuntime } from './runtime.ts';
import { protobufTopic } from './runtime.ts';
import type { Member, ProfileUpdate, Refusal } from './world-state.ts';

type RoomMember = Member<ClientSession>;

/** Longest chat message, in UTF-16 units. */
export const MAX_CHAT_LENGTH = 4000;
/** Most components in one EntitySpawn or EntityUpdate. */
export const MAX_COMPONENTS = 256;
/** Longest template id, avatar URL, component name. */
const MAX_SHORT_TEXT = 128;
const MAX_URL_LENGTH = 2048;

export function openProtobuf(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  resumed: boolean,
): void {
  runtime.pubsub.subscribe(connection, protobufTopic(member.roomId));
  runtime.live.add(member.session);
  const state = runtime.world.snapshot(member.roomId, member.clientId);
  connection.send(
    encodeMessage({
      payload: 'serverHello',
      timestamp: runtime.now(),
      serverHello: {
        serverVersion: `hearth/${HEARTH_VERSION}`,
        assignedClientId: member.clientId,
        roomId: member.roomId,
        initialState: state,
      },
    }),
  );
  if (resumed) redeliver(runtime, member.session);
}

export function handleProtobufFrame(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  data: Buffer,
  isBinary: boolean,
): void {
  if (!isBinary) {
    runtime.counters.decodeErrors++;
    sendError(connection, PresenceErrorCode.DecodeError, 'protobuf mode takes binary frames');
    return;
  }
  const decoded = decodeMessage(data);
  if (!decoded.ok) {
    runtime.counters.decodeErrors++;
    sendError(connection, PresenceErrorCode.DecodeError, `not a Message: ${decoded.error}`);
    return;
  }
  const message = decoded.message;
  if (message.payload === undefined) {
    refuse(runtime, connection, message.messageId, 'invalid_message', 'the message has no payload');
    return;
  }
  const problem = dispatch(runtime, connection, member, message);
  if (problem !== undefined) {
    refuse(runtime, connection, message.messageId, problem.code, problem.message);
  }
}

interface Problem {
  readonly code: PresenceErrorCode;
  readonly message: string;
}

function dispatch(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  message: PresenceMessage,
): Problem | undefined {
  switch (message.payload) {
    case 'ack':
      receiveAck(runtime, member.session, message.ack.messageId);
      return undefined;
    case 'positionUpdate':
      return relayPose(runtime, connection, member, message.positionUpdate);
    case 'voiceData':
      relayVoice(runtime, connection, member, message.voiceData);
      return undefined;
    case 'chatMessage':
    case 'entitySpawn':
    case 'entityUpdate':
    case 'entityDespawn':
      return acceptReliable(runtime, connection, member, message);
    case 'presenceEvent':
      return updatePresence(runtime, connection, member, message.presenceEvent);
    case 'clientHello':
      return invalid('ClientHello was already received on this connection');
    case 'serverHello':
      return invalid('ServerHello is sent by the server only');
  }
}

function relayPose(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  pose: PositionUpdate,
): Problem | undefined {
  if (pose.entityId !== '' && !isValidId(pose.entityId)) return invalid('bad entity_id');
  const target = runtime.world.applyPose(
    member,
    pose.entityId,
    pose.position,
    pose.rotation,
    runtime.now(),
  );
  if (!target.ok) return refusal(target.refusal, pose.entityId);
  const bytes = encodeMessage({
    payload: 'positionUpdate',
    timestamp: runtime.now(),
    positionUpdate: { ...pose, entityId: target.entityId },
  });
  // Volatile with the entity as key: a receiver that is not keeping up gets only the newest
  // pose of each entity once it drains, never a queue of stale ones.
  runtime.pubsub.publish(protobufTopic(member.roomId), bytes, {
    except: connection,
    binary: true,
    volatile: true,
    key: `pose:${target.entityId}`,
    app: 'presence',
  });
  runtime.counters.relayed.protobuf++;
  return undefined;
}

function relayVoice(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  voice: VoiceData,
): void {
  const bytes = encodeMessage({
    payload: 'voiceData',
    timestamp: runtime.now(),
    voiceData: { ...voice, fromClientId: member.clientId },
  });
  // Volatile without a key: audio chunks cannot be merged, a late one is worthless, so a slow
  // receiver loses them rather than queueing them.
  runtime.pubsub.publish(protobufTopic(member.roomId), bytes, {
    except: connection,
    binary: true,
    volatile: true,
    app: 'presence',
  });
  runtime.counters.relayed.protobuf++;
}

type ReliableMessage = Extract<
  PresenceMessage,
  { payload: 'chatMessage' | 'entitySpawn' | 'entityUpdate' | 'entityDespawn' }
>;

function acceptReliable(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  message: ReliableMessage,
): Problem | undefined {
  const { recent } = member.session;
  const id = message.messageId;
  if (id !== '' && recent?.has(id) === true) {
    // A resend whose Ack was lost: acknowledge again, relay once.
    runtime.counters.duplicatesIgnored++;
    sendAck(runtime, connection, id);
    return undefined;
  }
  const problem = applyReliable(runtime, member, message);
  if (problem !== undefined) return problem;
  runtime.counters.relayed.protobuf++;
  if (id !== '') {
    recent?.add(id);
    sendAck(runtime, connection, id);
  }
  return undefined;
}

function applyReliable(
  runtime: PresenceRuntime,
  member: RoomMember,
  message: ReliableMessage,
): Problem | undefined {
  const now = runtime.now();
  const { world } = runtime;
  const room = member.roomId;
  switch (message.payload) {
    case 'chatMessage': {
      const chat: ChatMessage = message.chatMessage;
      if (chat.message.length > MAX_CHAT_LENGTH) {
        return invalid(`chat messages are at most ${MAX_CHAT_LENGTH} characters`);
      }
      deliverReliable(runtime, room, member.clientId, {
        payload: 'chatMessage',
        chatMessage: { ...chat, fromClientId: member.clientId, timestamp: now },
      });
      return undefined;
    }
    case 'entitySpawn': {
      const spawn: EntitySpawn = message.entitySpawn;
      const bad = checkEntityId(spawn.entityId) ?? checkComponents(spawn.components);
      if (bad !== undefined) return bad;
      if (spawn.templateId.length > MAX_SHORT_TEXT) return invalid('template_id is too long');
      const refused = world.spawn(member, spawn.entityId, spawn.templateId, spawn.components, now);
      if (refused !== undefined) return refusal(refused, spawn.entityId);
      deliverReliable(runtime, room, member.clientId, {
        payload: 'entitySpawn',
        entitySpawn: { ...spawn, ownerId: member.clientId },
      });
      return undefined;
    }
    case 'entityUpdate': {
      const update: EntityUpdate = message.entityUpdate;
      const bad = checkEntityId(update.entityId) ?? checkComponents(update.components);
      if (bad !== undefined) return bad;
      const refused = world.updateEntity(member, update.entityId, update.components, now);
      if (refused !== undefined) return refusal(refused, update.entityId);
      deliverReliable(runtime, room, member.clientId, {
        payload: 'entityUpdate',
        entityUpdate: update,
      });
      return undefined;
    }
    case 'entityDespawn': {
      const despawn: EntityDespawn = message.entityDespawn;
      const bad = checkEntityId(despawn.entityId);
      if (bad !== undefined) return bad;
      const refused = world.despawn(member, despawn.entityId, now);
      if (refused !== undefined) return refusal(refused, despawn.entityId);
      deliverReliable(runtime, room, member.clientId, {
        payload: 'entityDespawn',
        entityDespawn: despawn,
      });
      return undefined;
    }
  }
}

/** Tells a room that entities whose owner is gone for good no longer exist. */
export function despawnEntities(
  runtime: PresenceRuntime,
  roomId: string,
  entityIds: readonly string[],
): void {
  for (const entityId of entityIds) {
    deliverReliable(runtime, roomId, undefined, {
      payload: 'entityDespawn',
      entityDespawn: { entityId },
    });
  }
}

function updatePresence(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: RoomMember,
  event: PresenceEvent,
): Problem | undefined {
  if (event.eventType !== PresenceEventType.Update) {
    return invalid('clients send PresenceEvent UPDATE only; the server announces joins and leaves');
  }
  const data = event.data;
  if (data === null) return invalid('PresenceEvent UPDATE needs data');
  if (data.displayName.length > MAX_DISPLAY_NAME_LENGTH) return invalid('display_name is too long');
  if (data.avatarUrl.length > MAX_URL_LENGTH) return invalid('avatar_url is too long');
  const update: {
    -readonly [K in keyof ProfileUpdate]: ProfileUpdate[K];
  } = {};
  if (data.displayName !== '') update.displayName = data.displayName;
  if (data.avatarUrl !== '') update.avatarUrl = data.avatarUrl;
  if (data.avatarConfig !== null) update.avatarConfig = data.avatarConfig;
  if (data.position !== null) update.position = data.position;
  if (data.rotation !== null) update.rotation = data.rotation;
  runtime.world.updateProfile(member, update, runtime.now());
  announceUpdate(runtime, member, connection);
  publishProfile(runtime, member);
  runtime.counters.relayed.protobuf++;
  return undefined;
}

function checkEntityId(entityId: string): Problem | undefined {
  return isValidId(entityId)
    ? undefined
    : invalid('entity_id must be 1-128 letters, digits, ".", "_", ":" or "-"');
}

function checkComponents(components: Readonly<Record<string, unknown>>): Problem | undefined {
  const names = Object.keys(components);
  if (names.length > MAX_COMPONENTS) return invalid(`at most ${MAX_COMPONENTS} components`);
  if (names.some((name) => name.length > MAX_SHORT_TEXT))
    return invalid('component name is too long');
  return undefined;
}

function invalid(message: string): Problem {
  return { code: PresenceErrorCode.InvalidMessage, message };
}

function refusal(refused: Refusal, entityId: string): Problem {
  switch (refused) {
    case 'forbidden':
      return {
        code: PresenceErrorCode.Forbidden,
        message: `entity ${entityId} belongs to another client`,
      };
    case 'unknown_entity':
      return {
        code: PresenceErrorCode.UnknownEntity,
        message: `no entity ${entityId} in this room`,
      };
    case 'entity_limit':
      return invalid('the room has reached its entity limit');
  }
}

function refuse(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  messageId: string,
  code: PresenceErrorCode,
  message: string,
): void {
  runtime.counters.refuse(code);
  sendError(connection, code, message, messageId);
}

/** An ERROR text frame: the connection stays open, the frame was not relayed. */
export function sendError(
  connection: PresenceConnection,
  code: PresenceErrorCode,
  message: string,
  messageId = '',
  retryAfterMs?: number,
): void {
  const frame: ErrorFrame = {
    type: 'ERROR',
    code,
    message,
    ...(messageId === '' ? {} : { message_id: messageId.slice(0, MAX_SHORT_TEXT) }),
    ...(retryAfterMs === undefined ? {} : { retry_after_ms: retryAfterMs }),
  };
  connection.send(JSON.stringify(frame));
}
