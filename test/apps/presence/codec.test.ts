// The protobuf codec: every message round-trips with every field set (so the TypeScript types
// cannot drift from the schema), the field numbers are GraphWiz's, and bytes that are not a
// Message are reported, never thrown. That the generated code is what presence.proto says is
// test/apps/presence/generated-code.test.ts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, encodeMessage } from '../../../src/protocol/presence/codec.ts';
import {
  ChatMessageType,
  MessageType,
  PresenceEventType,
  VoiceCodec,
  type MessageInit,
  type PresenceMessage,
} from '../../../src/protocol/presence/messages.ts';

const vector = { x: 1.5, y: -2, z: 0.25 };
const quaternion = { x: 0, y: 0.5, z: 0, w: 0.5 };
const avatar = {
  bodyType: 'robot',
  primaryColor: '#ff0000',
  secondaryColor: '#00ff00',
  height: 1.75,
  customModelUrl: 'https://example.com/a.glb',
};

const EVERY_PAYLOAD: MessageInit[] = [
  {
    payload: 'clientHello',
    clientHello: { clientId: 'c1', displayName: 'Ada', authToken: 't', requestedRoom: 'lobby' },
  },
  {
    payload: 'serverHello',
    serverHello: {
      serverVersion: 'hearth/1',
      assignedClientId: 'c1',
      roomId: 'lobby',
      initialState: {
        entities: [
          {
            id: 'e1',
            templateId: 'cube',
            position: vector,
            rotation: quaternion,
            components: { color: 'red' },
            ownerId: 'c2',
            updatedComponents: { color: new Uint8Array([1, 2, 3]) },
          },
        ],
        players: [
          {
            clientId: 'c2',
            displayName: 'Bob',
            avatarUrl: 'https://example.com/b.png',
            position: vector,
            rotation: quaternion,
            avatarConfig: avatar,
          },
        ],
        lastUpdate: 1_700_000_000_123,
      },
    },
  },
  {
    payload: 'positionUpdate',
    positionUpdate: { entityId: 'c1', position: vector, rotation: quaternion, sequenceNumber: 7 },
  },
  {
    payload: 'voiceData',
    voiceData: {
      fromClientId: 'c1',
      audioData: new Uint8Array([9, 8, 7]),
      sequenceNumber: 3,
      codec: VoiceCodec.Pcma,
    },
  },
  {
    payload: 'entitySpawn',
    entitySpawn: { entityId: 'e1', templateId: 'cube', ownerId: 'c1', components: { a: 'b' } },
  },
  {
    payload: 'entityUpdate',
    entityUpdate: { entityId: 'e1', components: { a: new Uint8Array([0, 255]) } },
  },
  { payload: 'entityDespawn', entityDespawn: { entityId: 'e1' } },
  {
    payload: 'chatMessage',
    chatMessage: {
      fromClientId: 'c1',
      message: 'héllo 👋',
      timestamp: 1_700_000_000_999,
      type: ChatMessageType.Shout,
    },
  },
  {
    payload: 'presenceEvent',
    presenceEvent: {
      clientId: 'c1',
      eventType: PresenceEventType.Update,
      data: {
        displayName: 'Ada',
        avatarUrl: 'https://example.com/a.png',
        position: vector,
        rotation: quaternion,
        avatarConfig: avatar,
        hostClientId: 'c0',
      },
    },
  },
  { payload: 'ack', ack: { messageId: 'm-1' } },
];

/** As plain data: bytes (Buffer or Uint8Array) become number arrays. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

test('every message round-trips with every field set', () => {
  for (const init of EVERY_PAYLOAD) {
    const full = { ...init, messageId: 'id-1', timestamp: 1_700_000_000_000 };
    const decoded = decodeMessage(encodeMessage(full));
    assert.ok(decoded.ok, init.payload);
    const message = decoded.message as PresenceMessage;
    assert.equal(message.payload, init.payload);
    const key = init.payload as keyof typeof message;
    assert.deepEqual(plain(message[key]), plain((init as Record<string, unknown>)[init.payload]));
    assert.equal(message.messageId, 'id-1');
    assert.equal(message.timestamp, 1_700_000_000_000);
  }
});

test('the type follows the payload unless given', () => {
  const types = EVERY_PAYLOAD.map((init) => {
    const decoded = decodeMessage(encodeMessage(init));
    assert.ok(decoded.ok);
    return decoded.message.type;
  });
  assert.deepEqual(types, [
    MessageType.ClientHello,
    MessageType.ServerHello,
    MessageType.PositionUpdate,
    MessageType.VoiceData,
    MessageType.EntitySpawn,
    MessageType.EntityUpdate,
    MessageType.EntityDespawn,
    MessageType.ChatMessage,
    MessageType.PresenceUpdate,
    MessageType.Ack,
  ]);
});

test('field numbers are GraphWiz core.proto numbers (ack is payload 60)', () => {
  // Message{message_id=1 "a", type=3 CHAT_MESSAGE(30), chat_message=40 {message=2 "hi"}}
  const bytes = encodeMessage({
    payload: 'chatMessage',
    messageId: 'a',
    chatMessage: { message: 'hi' },
  });
  assert.deepEqual([...bytes], [0x0a, 1, 0x61, 0x18, 30, 0xc2, 0x02, 4, 0x12, 2, 0x68, 0x69]);
  // ack = 60, wire type 2: tag (60 << 3) | 2 = 482 = 0xe2 0x03.
  const ack = encodeMessage({ payload: 'ack', ack: { messageId: 'x' } });
  assert.deepEqual([...ack], [0x18, 60, 0xe2, 0x03, 3, 0x0a, 1, 0x78]);
});

test('bytes that are not a Message are reported, not thrown', () => {
  for (const bytes of [
    Buffer.from('not protobuf at all'),
    Buffer.from([0x0a, 0x05, 0x61]),
    Buffer.from([0xff, 0xff]),
  ]) {
    const decoded = decodeMessage(bytes);
    assert.equal(decoded.ok, false);
  }
  const empty = decodeMessage(new Uint8Array());
  assert.ok(empty.ok);
  assert.equal(empty.message.payload, undefined);
});
