// Protobuf-mode scenarios across two nodes, run both in one process (LocalBusHub) and with child
// processes on Redis: reliable messages cross nodes and are acked and retried on the receiver's
// node; a late joiner's ServerHello holds the other node's players and entities; requested
// client ids are unique across nodes; a client that comes back on another node within the grace
// period keeps its id, its entities and the messages it missed. Each needs nodes started with
// `reliable.retry_interval_ms = retryMs` and a grace period far longer than the scenario.

import assert from 'node:assert/strict';
import {
  PresenceEventType,
  type PresenceMessage,
} from '../../../src/protocol/presence/messages.ts';
import { fetchJson } from '../../support/http.ts';
import { waitUntil } from '../../support/ws-client.ts';
import type { Node } from './cluster-support.ts';
import { PbClient, connectRelay } from './support/presence-server.ts';

type Chat = Extract<PresenceMessage, { payload: 'chatMessage' }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chats(client: PbClient, text?: string): Chat[] {
  return client
    .messages()
    .filter(
      (message): message is Chat =>
        message.payload === 'chatMessage' &&
        (text === undefined || message.chatMessage.message === text),
    );
}

function isAck(messageId: string) {
  return (message: PresenceMessage) =>
    message.payload === 'ack' && message.ack.messageId === messageId;
}

function isJoinOf(clientId: string) {
  return (message: PresenceMessage) =>
    message.payload === 'presenceEvent' &&
    message.presenceEvent.eventType === PresenceEventType.Join &&
    message.presenceEvent.clientId === clientId;
}

/** The client ids the registry shows in a room (cluster-wide). */
async function registered(node: Node, room: string): Promise<string[]> {
  const stats = await fetchJson(`${node.url}/presence/ws/${room}/stats`);
  const body = stats.body as { connections: { client_id: string }[] };
  return body.connections.map((connection) => connection.client_id).sort();
}

export async function reliableChatAcrossNodes(a: Node, b: Node, retryMs: number): Promise<void> {
  const room = 'chat-room';
  await using ann = await PbClient.connect(a.target, room, { clientId: 'ann' });
  await using bob = await PbClient.connect(b.target, room, { clientId: 'bob' });
  await using cid = await PbClient.connect(b.target, room, { clientId: 'cid' });
  await ann.next(isJoinOf('cid'));

  ann.send({ payload: 'chatMessage', messageId: 'ann-1', chatMessage: { message: 'hello' } });
  await ann.next(isAck('ann-1'));
  const first = await bob.next((message) => message.payload === 'chatMessage');
  assert.ok(first.payload === 'chatMessage');
  assert.equal(first.chatMessage.fromClientId, 'ann', 'stamped by the sender’s node');
  assert.notEqual(first.messageId, '', 'a server message id');
  bob.ack(first.messageId);

  // Cid never acks: its node resends the message, with the same id, every interval.
  await waitUntil(() => chats(cid, 'hello').length >= 2, retryMs * 10);
  assert.ok(chats(cid, 'hello').every((copy) => copy.messageId === first.messageId));
  // Bob acked: after more intervals he still has it once; Ann never gets her own.
  await sleep(retryMs * 3);
  assert.equal(chats(bob, 'hello').length, 1, 'an acknowledged message is not resent');
  assert.equal(chats(ann).length, 0);

  // The other way too, with the acks on node A.
  cid.send({ payload: 'chatMessage', messageId: 'cid-1', chatMessage: { message: 'hi' } });
  const back = await ann.next((message) => message.payload === 'chatMessage');
  assert.ok(back.payload === 'chatMessage');
  assert.equal(back.chatMessage.fromClientId, 'cid');
  ann.ack(back.messageId);
  await sleep(retryMs * 3);
  assert.equal(chats(ann, 'hi').length, 1);
}

export async function lateJoinerSeesTheWorld(a: Node, b: Node): Promise<void> {
  const room = 'world-room';
  await using ann = await PbClient.connect(a.target, room, {
    clientId: 'ann',
    displayName: 'Ann',
  });
  ann.send({
    payload: 'presenceEvent',
    presenceEvent: {
      eventType: PresenceEventType.Update,
      data: { avatarUrl: 'https://cdn.example/ann.glb' },
    },
  });
  ann.send({
    payload: 'positionUpdate',
    positionUpdate: { position: { x: 1, y: 2, z: 3 }, sequenceNumber: 1 },
  });
  ann.send({
    payload: 'entitySpawn',
    messageId: 's-1',
    entitySpawn: { entityId: 'crate-1', templateId: 'crate', components: { color: 'red' } },
  });
  ann.send({
    payload: 'entityUpdate',
    messageId: 'u-1',
    entityUpdate: { entityId: 'crate-1', components: { color: new Uint8Array([7]) } },
  });
  ann.send({
    payload: 'positionUpdate',
    positionUpdate: { entityId: 'crate-1', position: { x: 5, y: 0, z: 5 }, sequenceNumber: 2 },
  });
  await ann.next(isAck('u-1'));

  // Node B has nobody in the room yet: it asks node A for its part before answering.
  await using bob = await PbClient.connect(b.target, room, { clientId: 'bob' });
  const seen = bob.hello?.initialState;
  assert.ok(seen !== undefined && seen !== null);
  assert.deepEqual(
    seen.players.map((player) => [player.clientId, player.displayName, player.avatarUrl]),
    [['ann', 'Ann', 'https://cdn.example/ann.glb']],
  );
  assert.deepEqual(seen.players[0]?.position, { x: 1, y: 2, z: 3 });
  assert.equal(seen.entities.length, 1);
  const crate = seen.entities[0];
  assert.equal(crate?.id, 'crate-1');
  assert.equal(crate.ownerId, 'ann');
  assert.deepEqual(crate.components, { color: 'red' });
  assert.deepEqual([...(crate.updatedComponents.color ?? [])], [7]);
  assert.deepEqual(crate.position, { x: 5, y: 0, z: 5 });

  // Node B now follows the room: later changes reach its replica over the bus.
  ann.send({
    payload: 'entitySpawn',
    messageId: 's-2',
    entitySpawn: { entityId: 'lamp-1', templateId: 'lamp' },
  });
  await bob.next(
    (message) => message.payload === 'entitySpawn' && message.entitySpawn.entityId === 'lamp-1',
  );
  ann.send({
    payload: 'positionUpdate',
    positionUpdate: { position: { x: 9, y: 8, z: 7 }, sequenceNumber: 3 },
  });
  await bob.next(
    (message) => message.payload === 'positionUpdate' && message.positionUpdate.position?.x === 9,
  );
  await using dee = await PbClient.connect(b.target, room, { clientId: 'dee' });
  const later = dee.hello?.initialState;
  assert.ok(later !== undefined && later !== null);
  assert.deepEqual(later.players.map((player) => player.clientId).sort(), ['ann', 'bob']);
  assert.deepEqual(later.players.find((player) => player.clientId === 'ann')?.position, {
    x: 9,
    y: 8,
    z: 7,
  });
  assert.deepEqual(later.entities.map((entity) => entity.id).sort(), ['crate-1', 'lamp-1']);

  // One host for the room on both nodes: Ann, the longest present.
  for (const client of [ann, bob]) {
    const join = await client.next(isJoinOf('dee'));
    assert.ok(join.payload === 'presenceEvent');
    assert.equal(join.presenceEvent.data?.hostClientId, 'ann');
  }
  // A client of node B may not touch Ann's entity.
  dee.send({
    payload: 'entityDespawn',
    messageId: 'd-1',
    entityDespawn: { entityId: 'crate-1' },
  });
  const refused = await dee.nextError();
  assert.equal(refused.code, 'forbidden');
}

export async function clientIdsUniqueAcrossNodes(a: Node, b: Node): Promise<void> {
  const room = 'id-room';
  const ann = await PbClient.connect(a.target, room, { clientId: 'ann' });
  const twin = await PbClient.connect(b.target, room, { clientId: 'ann' });
  await using _twin = twin;
  assert.equal(ann.clientId, 'ann');
  assert.notEqual(twin.clientId, 'ann', 'in use on node A: replaced on node B');
  const { client: relay, hello } = await connectRelay(b.target, room, { client_id: 'ann' });
  await using _relay = relay;
  assert.notEqual(hello.client_id, 'ann', 'relay clients too');

  // Held for Ann's reconnect on node A: another user cannot have it on node B.
  await ann.close();
  await waitUntil(async () => !(await registered(b, room)).includes('ann'));
  await using eve = await PbClient.connect(
    b.target,
    room,
    { clientId: 'ann' },
    { query: { user_id: 'eve' } },
  );
  assert.notEqual(eve.clientId, 'ann');
  const ids = await registered(a, room);
  assert.equal(new Set(ids).size, ids.length, 'no id twice in the registry');
}

export async function reconnectOnAnotherNode(a: Node, b: Node, retryMs: number): Promise<void> {
  const room = 'move-room';
  const first = await PbClient.connect(a.target, room, { clientId: 'ann' });
  await using bob = await PbClient.connect(b.target, room, { clientId: 'bob' });
  first.send({
    payload: 'entitySpawn',
    messageId: 's-1',
    entitySpawn: { entityId: 'ann-box', templateId: 'box' },
  });
  await first.next(isAck('s-1'));
  bob.send({ payload: 'chatMessage', messageId: 'b-1', chatMessage: { message: 'unacked' } });
  const unacked = await first.next((message) => message.payload === 'chatMessage');
  // Ann never acks it, and loses her connection; node A holds her id and what she missed.
  await first.close();
  await waitUntil(async () => !(await registered(b, room)).includes('ann'));
  bob.send({ payload: 'chatMessage', messageId: 'b-2', chatMessage: { message: 'while away' } });
  await bob.next(isAck('b-2'));

  // She comes back on node B, within the grace period.
  await using ann = await PbClient.connect(b.target, room, { clientId: 'ann' });
  assert.equal(ann.clientId, 'ann', 'her id back, on another node');
  assert.deepEqual(
    ann.hello?.initialState?.entities.map((entity) => [entity.id, entity.ownerId]),
    [['ann-box', 'ann']],
    'her entity is still there',
  );
  const again = await ann.next((message) => message.payload === 'chatMessage');
  assert.equal(again.messageId, unacked.messageId, 'redelivered with its original id');
  const missed = await ann.next((message) => message.payload === 'chatMessage');
  assert.ok(missed.payload === 'chatMessage');
  assert.equal(missed.chatMessage.message, 'while away');
  ann.ack(again.messageId);
  ann.ack(missed.messageId);
  await sleep(retryMs * 3);
  assert.equal(chats(ann).length, 2, 'acknowledged on the new node: not sent again');

  // The entity is hers on node B now.
  ann.send({
    payload: 'entityUpdate',
    messageId: 'u-1',
    entityUpdate: { entityId: 'ann-box', components: { lid: new Uint8Array([1]) } },
  });
  await ann.next(isAck('u-1'));
  const update = await bob.next((message) => message.payload === 'entityUpdate');
  assert.ok(update.payload === 'entityUpdate');
  assert.equal(update.entityUpdate.entityId, 'ann-box');
}
