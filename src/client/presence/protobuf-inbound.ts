// What a protobuf-mode client does with each frame from the server: ServerHello (the world),
// presence events, poses and voice (volatile), chat and entity messages (reliable: acknowledged
// on every arrival, processed once per message id), Acks of its own messages, and the ERROR
// text frames the server answers refused frames with.

import type {
  PlayerSnapshot,
  PresenceEvent,
  PresenceMessage,
} from '../../protocol/presence/messages.ts';
import { PresenceEventType } from '../../protocol/presence/messages.ts';
import {
  AckEvent,
  ChatEvent,
  EntityEvent,
  PeerEvent,
  PoseEvent,
  PresenceClientError,
  VoiceEvent,
  type PeerEventType,
} from './presence-events.ts';
import type { ProtobufDriver } from './protobuf-driver.ts';
import { parseServerTextFrame } from './server-text-frames.ts';

type Reliable = Extract<
  PresenceMessage,
  { payload: 'chatMessage' | 'entitySpawn' | 'entityUpdate' | 'entityDespawn' }
>;

/** Text in protobuf mode is the server's ERROR frame, nothing else. */
export function handleText(driver: ProtobufDriver, text: string): void {
  const frame = parseServerTextFrame(text);
  if (frame?.type !== 'ERROR') {
    badFrame(driver, 'a text frame that is not an ERROR frame');
    return;
  }
  const messageId = frame.message_id;
  // A refused message is never acknowledged: stop resending it.
  if (messageId !== undefined) driver.settle(messageId);
  driver.host.emitError(
    new PresenceClientError(frame.code, frame.message, {
      messageId,
      retryAfterMs: frame.retry_after_ms,
    }),
  );
}

export function handleBinary(driver: ProtobufDriver, bytes: Uint8Array): void {
  const decoded = driver.codec.decode(bytes);
  if (!decoded.ok) {
    badFrame(driver, `not a Message: ${decoded.error}`);
    return;
  }
  const message = decoded.message;
  if (message.payload === undefined) {
    badFrame(driver, 'a Message without payload');
    return;
  }
  // Nothing but ServerHello makes sense before it: the server sends it first.
  if (!driver.ready && message.payload !== 'serverHello') {
    badFrame(driver, `${message.payload} before ServerHello`);
    return;
  }
  const { host } = driver;
  switch (message.payload) {
    case 'serverHello': {
      const hello = message.serverHello;
      if (driver.ready || hello.assignedClientId === '') {
        badFrame(driver, 'an unexpected ServerHello');
        return;
      }
      host.world.reset(hello.initialState);
      driver.helloReceived(hello.assignedClientId, hello.serverVersion);
      return;
    }
    case 'presenceEvent':
      presence(driver, message.presenceEvent);
      return;
    case 'positionUpdate': {
      const { entityId, position, rotation, sequenceNumber } = message.positionUpdate;
      const subject = host.world.applyPose(entityId, position, rotation);
      host.emit(
        new PoseEvent({
          entityId,
          position,
          rotation,
          sequenceNumber,
          timestamp: message.timestamp,
          subject,
        }),
      );
      return;
    }
    case 'voiceData': {
      const voice = message.voiceData;
      host.emit(
        new VoiceEvent({
          fromClientId: voice.fromClientId,
          audio: voice.audioData,
          sequenceNumber: voice.sequenceNumber,
          codec: voice.codec,
        }),
      );
      return;
    }
    case 'ack':
      if (driver.settle(message.ack.messageId)) {
        host.emit(new AckEvent(message.ack.messageId));
      }
      return;
    case 'chatMessage':
    case 'entitySpawn':
    case 'entityUpdate':
    case 'entityDespawn':
      reliable(driver, message);
      return;
    case 'clientHello':
      badFrame(driver, 'ClientHello from the server');
      return;
  }
}

function reliable(driver: ProtobufDriver, message: Reliable): void {
  const id = message.messageId;
  if (id !== '') {
    // Every arrival is acknowledged: a resend means the previous Ack was lost or late.
    driver.host.socket.sendNow(
      driver.codec.encode({ payload: 'ack', timestamp: Date.now(), ack: { messageId: id } }),
    );
    if (!driver.seen.add(id)) return;
  }
  const { world } = driver.host;
  let event: Event;
  switch (message.payload) {
    case 'chatMessage': {
      const chat = message.chatMessage;
      event = new ChatEvent({
        messageId: id,
        fromClientId: chat.fromClientId,
        text: chat.message,
        chatType: chat.type,
        timestamp: chat.timestamp,
      });
      break;
    }
    case 'entitySpawn':
      event = new EntityEvent({
        action: 'spawn',
        entityId: message.entitySpawn.entityId,
        messageId: id,
        entity: world.spawn(message.entitySpawn),
      });
      break;
    case 'entityUpdate':
      event = new EntityEvent({
        action: 'update',
        entityId: message.entityUpdate.entityId,
        messageId: id,
        entity: world.update(message.entityUpdate),
        changedComponents: message.entityUpdate.components,
      });
      break;
    case 'entityDespawn':
      event = new EntityEvent({
        action: 'despawn',
        entityId: message.entityDespawn.entityId,
        messageId: id,
        entity: world.despawn(message.entityDespawn),
      });
      break;
  }
  driver.host.emit(event);
}

function presence(driver: ProtobufDriver, event: PresenceEvent): void {
  const { world } = driver.host;
  let type: PeerEventType;
  let player: PlayerSnapshot | undefined;
  switch (event.eventType) {
    case PresenceEventType.Join:
      type = 'peerJoined';
      player = world.upsertPlayer(event.clientId, event.data);
      break;
    case PresenceEventType.Leave:
      type = 'peerLeft';
      player = world.removePlayer(event.clientId, event.data?.hostClientId);
      break;
    case PresenceEventType.Update:
      type = 'peerUpdated';
      player = world.upsertPlayer(event.clientId, event.data);
      break;
    default:
      badFrame(driver, `unknown presence event type ${String(event.eventType)}`);
      return;
  }
  driver.host.emit(
    new PeerEvent(type, {
      clientId: event.clientId,
      userId: '',
      displayName: event.data?.displayName ?? player?.displayName ?? '',
      data: event.data,
      player,
    }),
  );
}

function badFrame(driver: ProtobufDriver, message: string): void {
  driver.host.emitError(new PresenceClientError('bad-server-frame', message));
}
