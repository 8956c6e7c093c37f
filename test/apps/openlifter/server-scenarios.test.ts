// The spec's scenarios, through real sockets against the openlifter app, speaking the wire
// protocol by hand: relays to other clients, display-only joins, conflicts won and lost by
// priority, idempotent re-sends, restart from the flat files, recovery from clients when the
// server's log is behind, and publishing.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { MeetClient, startMeetServer } from './support/meet-server.ts';

test('an updating client and a display-only client: ack, relay, display may not update', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await using overlay = await MeetClient.connect(server);
  const meetId = await desk.create();
  assert.match(meetId, /^[1-9]\d{8}$/);
  assert.equal(await overlay.join(meetId), 0);

  desk.update([{ key: 'meet.name', value: 'Spring Open', after: 0 }]);
  assert.deepEqual((await desk.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 1 },
  ]);
  const relay = await overlay.next<{ msgType: 'UPDATE_RELAY'; updatesRelayed: RelayedUpdate[] }>(
    'UPDATE_RELAY',
  );
  assert.deepEqual(relay.updatesRelayed, [
    { updateKey: 'meet.name', updateValue: 'Spring Open', serverSeqNum: 1, locationName: 'desk' },
  ]);

  overlay.update([{ key: 'meet.name', value: 'Hijacked', after: 1 }]);
  assert.deepEqual((await overlay.next('UPDATE_REJECTED')).updatesRejected, [
    { localSeqNum: 1, conflict: false, reason: 'display-only session' },
  ]);
  const pulled = await overlay.pull(0);
  assert.equal(pulled.lastServerSeq, 1);
  assert.equal(pulled.updatesRelayed.length, 1);
});

test('two updating clients on disjoint keys: both acked, gap-free, each sees the other', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await using platform = await MeetClient.connect(server);
  const meetId = await desk.create();
  await platform.join(meetId, 'platform');
  desk.update([{ key: 'meet.name', value: 'Open', after: 0 }]);
  platform.update([
    { key: 'registration.entries[0].name', value: 'Ann', after: 0 },
    { key: 'registration.entries[0].bodyweightKg', value: 63.2, after: 0 },
  ]);
  const deskAck = await desk.next('UPDATE_ACK');
  const platformAck = await platform.next('UPDATE_ACK');
  const seqs = [
    ...(deskAck.updateAcks as { serverSeqNum: number }[]),
    ...(platformAck.updateAcks as { serverSeqNum: number }[]),
  ]
    .map((ack) => ack.serverSeqNum)
    .sort();
  assert.deepEqual(seqs, [1, 2, 3]);
  await desk.next('UPDATE_RELAY');
  await platform.next('UPDATE_RELAY');
  const pulled = await desk.pull(0);
  assert.deepEqual(
    pulled.updatesRelayed.map((update) => update.serverSeqNum),
    [1, 2, 3],
  );
});

test('a conflict is won by the higher priority and lost by the lower', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server); // priority 30
  await using platform = await MeetClient.connect(server); // priority 20
  await using weighin = await MeetClient.connect(server); // priority 10
  const meetId = await desk.create();
  await platform.join(meetId, 'platform');
  await weighin.join(meetId, 'weighin');

  // The platform sets the flight first; the desk, which had not seen it, overrules it.
  platform.update([{ key: 'lifting.flight', value: 'A', after: 0 }]);
  await platform.next('UPDATE_ACK');
  desk.update([{ key: 'lifting.flight', value: 'B', after: 0 }]);
  assert.deepEqual((await desk.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 2 },
  ]);
  const overruled = await platform.socket.waitForJson<{ updatesRelayed?: RelayedUpdate[] }>(
    (message) => message.updatesRelayed?.[0]?.serverSeqNum === 2,
  );
  assert.equal(overruled.updatesRelayed?.[0]?.updateValue, 'B', 'the overruled location is told');

  // The weigh-in, lower than both and not having seen either, loses.
  weighin.update([{ key: 'lifting.flight', value: 'C', after: 0 }]);
  assert.deepEqual((await weighin.next('UPDATE_REJECTED')).updatesRejected, [
    { localSeqNum: 1, conflict: true, reason: 'conflict' },
  ]);
  const winner = await weighin.socket.waitForJson<{
    msgType: string;
    updatesRelayed?: RelayedUpdate[];
  }>(
    (message) =>
      message.msgType === 'UPDATE_RELAY' && message.updatesRelayed?.[0]?.serverSeqNum === 2,
  );
  assert.equal(winner.updatesRelayed?.[0]?.updateValue, 'B');
  const pulled = await weighin.pull(0);
  assert.deepEqual(
    pulled.updatesRelayed.map((update) => [update.serverSeqNum, update.updateValue]),
    [
      [1, 'A'],
      [2, 'B'],
    ],
  );
});

test('a re-sent batch gets the same acks and adds nothing to the log', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await desk.create();
  desk.update([
    { key: 'meet.name', value: 'X', after: 0, localSeqNum: 7 },
    { key: 'meet.date', value: '2026-11-22', after: 0, localSeqNum: 8 },
  ]);
  const first = await desk.next('UPDATE_ACK');
  desk.update([
    { key: 'meet.name', value: 'X', after: 0, localSeqNum: 7 },
    { key: 'meet.date', value: '2026-11-22', after: 0, localSeqNum: 8 },
  ]);
  const again = await desk.next('UPDATE_ACK');
  assert.deepEqual(again.updateAcks, first.updateAcks);
  assert.equal((await desk.pull(0)).lastServerSeq, 2);
});

test('a restarted server reloads every meet from its files; sessions stay valid', async () => {
  await using server = await startMeetServer();
  const desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  for (let index = 0; index < 5; index++) {
    desk.update([
      { key: `registration.entries[${index}].name`, value: `Lifter ${index}`, after: index },
    ]);
    await desk.next('UPDATE_ACK');
  }
  const token = desk.sessionToken;
  await desk.close();
  await server.restart();

  await using again = await MeetClient.connect(server);
  again.sessionToken = token;
  again.meetId = meetId;
  const pulled = await again.pull(0);
  assert.equal(pulled.lastServerSeq, 5);
  assert.deepEqual(
    pulled.updatesRelayed.map((update) => update.updateValue),
    ['Lifter 0', 'Lifter 1', 'Lifter 2', 'Lifter 3', 'Lifter 4'],
  );
  // The session's local→server mapping survived too: a re-send of its first update is
  // recognised, and its next new update continues the log.
  again.update([
    { key: 'registration.entries[0].name', value: 'Lifter 0', after: 0, localSeqNum: 1 },
  ]);
  assert.deepEqual((await again.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 1 },
  ]);
  again.update([{ key: 'meet.name', value: 'After restart', after: 5, localSeqNum: 6 }]);
  assert.deepEqual((await again.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 6, serverSeqNum: 6 },
  ]);
  assert.equal((await again.pull(0)).lastServerSeq, 6);
});

test('a server whose log is behind the clients rebuilds it from them, highest priority first', async () => {
  await using server = await startMeetServer();
  const setup = await MeetClient.connect(server);
  const meetId = await setup.create();
  const deskToken = setup.sessionToken;
  const history: RelayedUpdate[] = [];
  for (let index = 1; index <= 6; index++) {
    setup.update([{ key: `meet.field${index}`, value: index, after: index - 1 }]);
    await setup.next('UPDATE_ACK');
    history.push({
      updateKey: `meet.field${index}`,
      updateValue: index,
      serverSeqNum: index,
      locationName: 'desk',
    });
  }
  await setup.close();
  // Lose the log's tail, as a restore from an old backup would.
  const logPath = join(
    server.config.storage.data_dir,
    'openlifter',
    'current-meets',
    meetId,
    'updates.json.log',
  );
  const lines = (await readFile(logPath, 'utf8')).split('\n').filter((line) => line !== '');
  await writeFile(logPath, `${lines.slice(0, 2).join('\n')}\n`);
  await server.restart();

  // The platform knows 4 updates, the desk all 6; the desk (priority 30) is asked first.
  await using platform = await MeetClient.connect(server);
  await platform.join(meetId, 'platform');
  await using desk = await MeetClient.connect(server);
  desk.sessionToken = deskToken;
  desk.meetId = meetId;
  desk.send({ msgType: 'CLIENT_PULL', sessionToken: deskToken, lastServerSeq: 6 });
  const request = await desk.next<{ msgType: string; lastServerSeq: number }>('RECOVERY_REQUEST');
  assert.equal(request.lastServerSeq, 2);
  assert.equal(
    platform.socket.frames.some((frame) => frame.text.includes('RECOVERY_REQUEST')),
    false,
  );
  desk.send({
    msgType: 'RECOVERY_UPDATES',
    sessionToken: deskToken,
    lastServerSeq: 6,
    updates: history,
  });
  // Then the platform is asked (it has nothing beyond the rebuilt log).
  const platformRequest = await platform.next<{ lastServerSeq: number }>('RECOVERY_REQUEST');
  assert.equal(platformRequest.lastServerSeq, 6);
  platform.send({
    msgType: 'RECOVERY_UPDATES',
    sessionToken: platform.sessionToken,
    lastServerSeq: 4,
    updates: history.slice(0, 4),
  });
  const pull = await desk.next<{ lastServerSeq: number; updatesRelayed: RelayedUpdate[] }>(
    'SERVER_PULL',
  );
  assert.equal(pull.lastServerSeq, 6);
  const relay = await platform.next<{ updatesRelayed: RelayedUpdate[] }>('UPDATE_RELAY');
  assert.deepEqual(
    relay.updatesRelayed.map((update) => update.serverSeqNum),
    [3, 4, 5, 6],
  );
  // The rebuilt log is durable: it survives another restart.
  await server.restart();
  await using later = await MeetClient.connect(server);
  later.sessionToken = deskToken;
  assert.equal((await later.pull(0)).lastServerSeq, 6);
});

test('a published meet is finished: later updates are refused, pulls still work', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  desk.update([{ key: 'meet.name', value: 'Done Open', after: 0 }]);
  await desk.next('UPDATE_ACK');
  desk.send({
    msgType: 'PUBLISH_MEET',
    sessionToken: desk.sessionToken,
    returnEmail: 'director@example.org',
    oplCsv: 'Place,Name\n1,Ann\n',
  });
  assert.deepEqual(await desk.next('PUBLISH_ACK'), { msgType: 'PUBLISH_ACK', meetId });
  const finished = join(server.config.storage.data_dir, 'openlifter', 'finished-meets', meetId);
  assert.equal(await readFile(join(finished, 'opl.csv'), 'utf8'), 'Place,Name\n1,Ann\n');
  assert.equal(
    (await readFile(join(finished, 'email.txt'), 'utf8')).trim(),
    'director@example.org',
  );

  desk.update([{ key: 'meet.name', value: 'Too late', after: 1 }]);
  assert.deepEqual((await desk.next('UPDATE_REJECTED')).updatesRejected, [
    { localSeqNum: 2, conflict: false, reason: 'meet finished' },
  ]);
  assert.equal((await desk.pull(0)).lastServerSeq, 1);
  // Finished meets survive a restart as finished.
  await server.restart();
  await using again = await MeetClient.connect(server);
  again.sessionToken = desk.sessionToken;
  again.update([{ key: 'meet.name', value: 'Still too late', after: 1, localSeqNum: 3 }]);
  assert.equal(
    ((await again.next('UPDATE_REJECTED')).updatesRejected as { reason: string }[])[0]?.reason,
    'meet finished',
  );
});
