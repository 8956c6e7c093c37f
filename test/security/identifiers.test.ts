// Identifiers that try to escape or inject: meet ids, presence room ids and chat room ids made
// of `../`, percent-encoded dots and slashes, NUL bytes and SQL are refused cleanly (the
// protocol's refusal, never a 500), and no file appears outside the data directory. OpenLifter
// update values nested too deep to store are refused, and the meet keeps working.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Api, createRoom, setupAdmin, startChatServer } from '../apps/chat/support/chat-server.ts';
import { MeetClient, PASSWORD, startMeetServer } from '../apps/openlifter/support/meet-server.ts';
import { roomUrl, startPresenceServer } from '../apps/presence/support/presence-server.ts';
import { fetchJson } from '../support/http.ts';
import { expectRefusedUpgrade } from '../support/ws-client.ts';

const HOSTILE = [
  '../../../../tmp/hearth-escape',
  '..%2f..%2f..%2ftmp',
  '%2e%2e%2f%2e%2e',
  '%252e%252e%252f',
  '..\\..\\windows',
  '123456789/../../x',
  '123\u0000456789',
  '123%00456789',
  "1' OR '1'='1",
  '1; DROP TABLE rooms; --',
];

/** Every path under `root`, relative. */
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map(String).sort();
}

test('OpenLifter: hostile meet ids are refused and nothing is written outside the data dir', async () => {
  const sandbox = await mkdtemp(join(tmpdir(), 'hearth-sandbox-'));
  try {
    const dataDir = join(sandbox, 'data');
    await using server = await startMeetServer({
      dataDir,
      openlifter: { join_attempts_per_ip_per_minute: 1000 },
    });
    await using owner = await MeetClient.connect(server);
    await owner.create();
    await using attacker = await MeetClient.connect(server);
    for (const meetId of HOSTILE) {
      attacker.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD, locationName: 'desk' });
      const answer = await attacker.next('JOIN_REJECTED', 'MALFORMED_MESSAGE');
      if (answer.msgType === 'JOIN_REJECTED')
        assert.equal(answer.reason, 'invalid meetId/password');
      attacker.send({ msgType: 'CLIENT_PULL', sessionToken: meetId, lastServerSeq: 0 });
      await attacker.next('INVALID_SESSION', 'MALFORMED_MESSAGE');
    }
    const outside = (await tree(sandbox)).filter((path) => !path.startsWith('data'));
    assert.deepEqual(outside, []);
    const meets = (await tree(join(dataDir, 'openlifter', 'current-meets'))).filter(
      (path) => !path.includes('/'),
    );
    assert.deepEqual(meets, [owner.meetId], 'only the real meet has a directory');
  } finally {
    await rm(sandbox, { recursive: true, force: true });
  }
});

test('OpenLifter: an update value nested too deep is MALFORMED_MESSAGE and the meet lives on', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  const meetId = await desk.create();
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  desk.socket.send(
    `{"msgType":"UPDATE_INIT","sessionToken":"${desk.sessionToken}","updates":[` +
      `{"updateKey":"meet.name","updateValue":${deep},"localSeqNum":1,"afterServerSeqNum":0}]}`,
  );
  assert.match(String((await desk.next('MALFORMED_MESSAGE')).errMsg), /nested deeper/);
  desk.update([{ key: 'meet.name', value: 'Still here', after: 0 }]);
  await desk.next('UPDATE_ACK');
  await using platform = await MeetClient.connect(server);
  await platform.join(meetId, 'platform');
  assert.equal((await platform.pull(0)).updatesRelayed.length, 1);
});

test('presence: hostile room ids are refused at the upgrade and by the stats endpoint', async () => {
  await using server = await startPresenceServer();
  for (const room of HOSTILE) {
    const encoded = encodeURIComponent(room);
    const refused = await expectRefusedUpgrade(roomUrl(server, encoded));
    assert.ok([400, 404].includes(refused.status), `${room}: ${refused.status}`);
    assert.equal(typeof refused.body.error, 'string');
    const stats = await fetchJson(`${server.url}/presence/ws/${encoded}/stats`);
    assert.ok([400, 404].includes(stats.status), `${room}: stats ${stats.status}`);
  }
  // Raw `..` segments too (a client that does not normalise).
  const raw = await expectRefusedUpgrade(server.wsUrl('/presence/ws/../../admin/log-level'));
  assert.ok([400, 404].includes(raw.status));
});

test('chat: hostile room ids are 404 (never 500), and the rooms are intact', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server, 'Admin');
  const roomId = await createRoom(server, admin, { kind: 'open', name: 'Lobby' });
  const api = new Api(server, admin.token);
  for (const room of HOSTILE) {
    const encoded = encodeURIComponent(room);
    for (const path of [`/rooms/${encoded}`, `/rooms/${encoded}/messages`]) {
      const response = await api.get(path);
      assert.ok([400, 404].includes(response.status), `${path}: ${response.status}`);
    }
    const sent = await api.post(`/rooms/${encoded}/messages`, {
      content: 'x',
      client_message_id: '4d1c3f0e-8a0b-4c4e-9d7e-0f9b2a1c3d5e',
    });
    assert.ok([400, 404].includes(sent.status), `send to ${room}: ${sent.status}`);
  }
  const rooms = await api.get('/rooms');
  assert.deepEqual(
    (rooms.body.rooms as { id: string }[]).map((room) => room.id),
    [roomId],
  );
});
