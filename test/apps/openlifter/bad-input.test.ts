// Bad input to the openlifter app gets the spec's answer and the server keeps serving others:
// malformed JSON, wrong types, unknown types, oversized frames, bad or expired tokens, path-like
// and overlong meet ids, weak passwords, bad update keys and brute-force joins.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient } from '../../support/ws-client.ts';
import { ENDPOINTS, MeetClient, PASSWORD, startMeetServer } from './support/meet-server.ts';

test('malformed frames get MALFORMED_MESSAGE / UNKNOWN_MESSAGE_TYPE and the connection lives on', async () => {
  await using server = await startMeetServer();
  await using client = await MeetClient.connect(server);
  const cases: [string | Buffer, string, RegExp][] = [
    ['{not json', 'MALFORMED_MESSAGE', /not valid JSON/],
    ['[1,2]', 'MALFORMED_MESSAGE', /JSON object/],
    ['{"foo":1}', 'MALFORMED_MESSAGE', /msgType/],
    ['{"msgType":"FROBNICATE"}', 'UNKNOWN_MESSAGE_TYPE', /FROBNICATE/],
    [
      '{"msgType":"UPDATE_INIT","sessionToken":"x","updates":"many"}',
      'MALFORMED_MESSAGE',
      /updates/,
    ],
    [
      '{"msgType":"CLIENT_PULL","sessionToken":"x","lastServerSeq":-1}',
      'MALFORMED_MESSAGE',
      /lastServerSeq/,
    ],
    ['{"msgType":"JOIN_MEET","meetId":"123456789"}', 'MALFORMED_MESSAGE', /password/],
    [Buffer.from([1, 2, 3]), 'MALFORMED_MESSAGE', /binary/],
  ];
  for (const [frame, type, detail] of cases) {
    client.socket.send(frame);
    const reply = await client.next(type);
    assert.match(JSON.stringify(reply), detail, `answer to ${String(frame)}`);
  }
  // The same connection still works.
  await client.create();
});

test('update keys that are not paths into the state are refused', async () => {
  await using server = await startMeetServer();
  await using client = await MeetClient.connect(server);
  await client.create();
  for (const key of ['__proto__.polluted', 'meet..name', 'entries[99999999].x', 'a'.repeat(300)]) {
    client.update([{ key, value: 1, after: 0 }]);
    assert.match(String((await client.next('MALFORMED_MESSAGE')).errMsg), /updateKey/);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((await client.pull(0)).lastServerSeq, 0, 'nothing was appended');
});

test('unknown session tokens get INVALID_SESSION', async () => {
  await using server = await startMeetServer();
  await using client = await MeetClient.connect(server);
  client.send({ msgType: 'CLIENT_PULL', sessionToken: 'forged-token', lastServerSeq: 0 });
  assert.deepEqual(await client.next('INVALID_SESSION'), {
    msgType: 'INVALID_SESSION',
    sessionToken: 'forged-token',
  });
});

test('expired sessions get INVALID_SESSION', async () => {
  await using server = await startMeetServer({ openlifter: { session_ttl_hours: 1 } });
  await using client = await MeetClient.connect(server);
  await client.create();
  const realNow = Date.now;
  try {
    Date.now = () => realNow() + 2 * 3_600_000;
    client.send({ msgType: 'CLIENT_PULL', sessionToken: client.sessionToken, lastServerSeq: 0 });
    assert.equal((await client.next('INVALID_SESSION')).sessionToken, client.sessionToken);
  } finally {
    Date.now = realNow;
  }
});

test('weak passwords and bad endpoint lists are refused with a reason', async () => {
  await using server = await startMeetServer({
    openlifter: { password_requirements: { require_digit: true } },
  });
  await using client = await MeetClient.connect(server);
  const attempts: [Record<string, unknown>, RegExp][] = [
    [{ password: 'short1', thisLocationName: 'desk', endpoints: ENDPOINTS }, /10 characters/],
    [
      { password: 'long enough but no digit', thisLocationName: 'desk', endpoints: ENDPOINTS },
      /digit/,
    ],
    [{ password: PASSWORD + '1', thisLocationName: 'nowhere', endpoints: ENDPOINTS }, /location/i],
    [
      {
        password: PASSWORD + '1',
        thisLocationName: 'desk',
        endpoints: [
          { locationName: 'desk', priority: 1 },
          { locationName: 'desk', priority: 2 },
        ],
      },
      /twice/,
    ],
  ];
  for (const [fields, reason] of attempts) {
    client.send({ msgType: 'CREATE_MEET', ...fields });
    assert.match(String((await client.next('CREATE_REJECTED')).reason), reason);
  }
});

test('path-like, overlong and unknown meet ids are refused without revealing anything', async () => {
  await using server = await startMeetServer();
  await using client = await MeetClient.connect(server);
  for (const meetId of ['../../etc', '123/456/789', '000000000', '123-456-789']) {
    client.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD, locationName: 'desk' });
    assert.deepEqual(await client.next('JOIN_REJECTED'), {
      msgType: 'JOIN_REJECTED',
      reason: 'invalid meetId/password',
    });
  }
  client.send({ msgType: 'JOIN_MEET', meetId: '1'.repeat(100), password: PASSWORD });
  assert.match(String((await client.next('MALFORMED_MESSAGE')).errMsg), /meetId/);
});

test('a meet id is accepted with dashes or spaces; a wrong location is refused', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  await using other = await MeetClient.connect(server);
  const dashed = `${meetId.slice(0, 3)}-${meetId.slice(3, 6)} ${meetId.slice(6)}`;
  other.send({
    msgType: 'JOIN_MEET',
    meetId: dashed,
    Password: PASSWORD,
    locationName: 'platform',
  });
  assert.equal((await other.next('MEET_JOINED')).meetId, meetId);
  other.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD, locationName: 'kitchen' });
  assert.equal((await other.next('JOIN_REJECTED')).reason, 'invalid locationName');
});

test('brute-force joins are throttled per IP, and other clients keep being served', async () => {
  await using server = await startMeetServer({
    openlifter: { join_attempts_per_ip_per_minute: 5 },
  });
  await using owner = await MeetClient.connect(server);
  const meetId = await owner.create();
  await using attacker = await MeetClient.connect(server);
  const reasons: string[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    attacker.send({
      msgType: 'JOIN_MEET',
      meetId,
      password: `guess ${attempt}`,
      locationName: 'desk',
    });
    reasons.push(String((await attacker.next('JOIN_REJECTED')).reason));
  }
  assert.ok(reasons.slice(0, 4).every((reason) => reason === 'invalid meetId/password'));
  assert.equal(reasons.at(-1), 'too many attempts');
  // Even the right password is refused while throttled.
  attacker.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD, locationName: 'desk' });
  assert.equal((await attacker.next('JOIN_REJECTED')).reason, 'too many attempts');
  owner.update([{ key: 'meet.name', value: 'Unbothered', after: 0 }]);
  await owner.next('UPDATE_ACK');
});

test('a frame over the size limit closes with 1009 and others are unaffected', async () => {
  await using server = await startMeetServer({
    config: { apps: { openlifter: { websocket: { max_payload_bytes: 4096 } } } },
  });
  await using bystander = await MeetClient.connect(server);
  await using big = await TestClient.connect(server.wsUrl('/openlifter/ws'));
  big.send('x'.repeat(5000));
  assert.equal((await big.waitForClose()).code, 1009);
  await bystander.create();
});
