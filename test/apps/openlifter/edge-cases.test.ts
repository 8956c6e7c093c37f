// Edges found in review: large pulls come in pages instead of cutting the client off, publish
// racing another location's edits ends cleanly, re-sends after publish keep their acks, and
// refusals use the message the client expects.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { ENDPOINTS, MeetClient, PASSWORD, startMeetServer } from './support/meet-server.ts';

test('a log larger than one page is pulled in pages, without cutting the client off', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await desk.create();
  const bigValue = 'x'.repeat(20_000);
  for (let index = 0; index < 40; index++) {
    desk.update([{ key: `meet.notes[${index}]`, value: bigValue, after: index }]);
    await desk.next('UPDATE_ACK');
  }
  await using reader = await MeetClient.connect(server);
  reader.sessionToken = desk.sessionToken;
  const received: RelayedUpdate[] = [];
  let position = 0;
  for (let pages = 0; position < 40; pages++) {
    assert.ok(pages < 40, 'pulling makes progress');
    const page = await reader.pull(position);
    assert.equal(page.lastServerSeq, 40);
    assert.ok(page.updatesRelayed.length > 0);
    received.push(...page.updatesRelayed);
    position = page.updatesRelayed.at(-1)!.serverSeqNum;
  }
  assert.ok(received.length === 40);
  assert.deepEqual(
    received.map((entry) => entry.serverSeqNum),
    Array.from({ length: 40 }, (_value, index) => index + 1),
  );
  const firstPage = await reader.pull(0);
  assert.ok(firstPage.updatesRelayed.length < 40, 'the first answer was a page, not everything');
  assert.equal(reader.socket.socket.readyState, 1, 'still connected');
});

test('publishing while another location edits: acked or "meet finished", never a broken meet', async () => {
  await using server = await startMeetServer();
  for (let round = 0; round < 5; round++) {
    await using desk = await MeetClient.connect(server);
    await using platform = await MeetClient.connect(server);
    const meetId = await desk.create();
    await platform.join(meetId, 'platform');
    platform.update([{ key: 'meet.name', value: `edit ${round}`, after: 0 }]);
    desk.send({
      msgType: 'PUBLISH_MEET',
      sessionToken: desk.sessionToken,
      returnEmail: 'd@example.org',
      oplCsv: 'x',
    });
    platform.update([{ key: 'meet.date', value: `date ${round}`, after: 0 }]);
    await desk.next('PUBLISH_ACK');
    const answers = [
      await platform.next('UPDATE_ACK', 'UPDATE_REJECTED'),
      await platform.next('UPDATE_ACK', 'UPDATE_REJECTED'),
    ];
    for (const answer of answers) {
      if (answer.msgType === 'UPDATE_REJECTED') {
        assert.equal(answer.updatesRejected[0]?.reason, 'meet finished');
      }
    }
    assert.equal(platform.socket.socket.readyState, 1, 'nobody was disconnected');
    assert.equal(desk.socket.socket.readyState, 1);
  }
});

test('a re-send of an accepted update after publishing gets its original ack', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await desk.create();
  desk.update([{ key: 'meet.name', value: 'Final', after: 0, localSeqNum: 1 }]);
  await desk.next('UPDATE_ACK');
  desk.send({
    msgType: 'PUBLISH_MEET',
    sessionToken: desk.sessionToken,
    returnEmail: 'd@example.org',
    oplCsv: 'x',
  });
  await desk.next('PUBLISH_ACK');
  desk.update([
    { key: 'meet.name', value: 'Final', after: 0, localSeqNum: 1 },
    { key: 'meet.date', value: 'late', after: 1, localSeqNum: 2 },
  ]);
  assert.deepEqual((await desk.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 1 },
  ]);
  assert.deepEqual((await desk.next('UPDATE_REJECTED')).updatesRejected, [
    { localSeqNum: 2, conflict: false, reason: 'meet finished' },
  ]);
});

test('a display-only session cannot publish, and keeps its session', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  await using overlay = await MeetClient.connect(server);
  await overlay.join(meetId);
  overlay.send({
    msgType: 'PUBLISH_MEET',
    sessionToken: overlay.sessionToken,
    returnEmail: 'o@example.org',
    oplCsv: 'x',
  });
  assert.match(String((await overlay.next('MALFORMED_MESSAGE')).errMsg), /display-only/);
  assert.equal((await overlay.pull(0)).lastServerSeq, 0, 'the session still works');
});

test('creating meets past the per-IP attempt limit is refused with CREATE_REJECTED', async () => {
  await using server = await startMeetServer({
    openlifter: { join_attempts_per_ip_per_minute: 2 },
  });
  await using client = await MeetClient.connect(server);
  await client.create();
  await client.create();
  client.send({
    msgType: 'CREATE_MEET',
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  assert.deepEqual(await client.next('CREATE_REJECTED'), {
    msgType: 'CREATE_REJECTED',
    reason: 'too many attempts',
  });
});

test('the relay of a large batch comes in pages, in order, and nobody is cut off', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  await using platform = await MeetClient.connect(server);
  await platform.join(meetId, 'platform');
  const value = 'y'.repeat(30_000);
  desk.update(
    Array.from({ length: 30 }, (_unused, index) => ({
      key: `meet.notes[${index}]`,
      value,
      after: 0,
    })),
  );
  await desk.next('UPDATE_ACK');
  const seen: number[] = [];
  let relays = 0;
  while (seen.length < 30) {
    const relay = await platform.next<{ updatesRelayed: RelayedUpdate[] }>('UPDATE_RELAY');
    relays++;
    seen.push(...relay.updatesRelayed.map((entry) => entry.serverSeqNum));
  }
  assert.ok(relays > 1, `one batch, ${relays} relay frames`);
  assert.deepEqual(
    seen,
    Array.from({ length: 30 }, (_unused, index) => index + 1),
  );
  assert.equal(platform.socket.socket.readyState, 1);
});
