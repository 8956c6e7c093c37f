// Password guessing: chat logins and OpenLifter joins are throttled per account/meet even when
// the attacker spreads over many addresses (simulated with a trusted proxy's X-Forwarded-For),
// and a burst of guesses is not a CPU denial of service: at most `maxConcurrent` scrypt hashes
// run at once, a bounded number wait, and the rest are refused at once (503 / RATE_LIMITED).
// Secrets are compared in constant time.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatConfigSchema } from '../../src/apps/chat/config.ts';
import { createChatApp } from '../../src/apps/chat/chat-app.ts';
import { openlifterConfigSchema } from '../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../src/apps/openlifter/openlifter-app.ts';
import { PasswordHasher } from '../../src/core/auth/password-hasher.ts';
import { safeEqual } from '../../src/core/auth/session-tokens.ts';
import { Api, PASSWORD, setupAdmin, startChatServer } from '../apps/chat/support/chat-server.ts';
import { MeetClient } from '../apps/openlifter/support/meet-server.ts';
import { postJson } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestClient } from '../support/ws-client.ts';

/** A hasher slow enough (N = 2^14) that a burst of guesses overlaps, with a short queue. */
function guardedHasher(): PasswordHasher {
  return new PasswordHasher({ cost: { ln: 14, r: 8, p: 1 }, maxConcurrent: 2, maxQueued: 4 });
}

/** Records the most hashes that ran at once while `during` runs. */
async function peakLoad(hasher: PasswordHasher, during: () => Promise<void>) {
  let active = 0;
  let queued = 0;
  let sampling = true;
  const sample = (): void => {
    active = Math.max(active, hasher.load.active);
    queued = Math.max(queued, hasher.load.queued);
    if (sampling) setImmediate(sample);
  };
  sample();
  try {
    await during();
  } finally {
    sampling = false;
  }
  return { active, queued };
}

async function meetClientFrom(server: TestServer, ip: string): Promise<MeetClient> {
  const socket = await TestClient.connect(server.wsUrl('/openlifter/ws'), {
    headers: { 'x-forwarded-for': ip },
  });
  return Object.assign(Object.create(MeetClient.prototype) as MeetClient, {
    socket,
    meetId: '',
    sessionToken: '',
    localSeq: 0,
    taken: new Set<number>(),
  });
}

test('OpenLifter: joins to one meet are throttled per meet across many addresses', async () => {
  await using server = await startTestServer({
    apps: () => [
      createOpenLifterApp(
        openlifterConfigSchema.parse({
          join_attempts_per_ip_per_minute: 1000,
          join_attempts_per_meet_per_minute: 4,
        }),
        { hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }) },
      ),
    ],
    config: { server: { trust_proxy: true } },
  });
  await using owner = await meetClientFrom(server, '198.51.100.1');
  const meetId = await owner.create();
  const reasons: string[] = [];
  for (let index = 0; index < 6; index++) {
    await using attacker = await meetClientFrom(server, `203.0.113.${index + 10}`);
    attacker.send({
      msgType: 'JOIN_MEET',
      meetId,
      password: `guess ${index}`,
      locationName: 'desk',
    });
    reasons.push(String((await attacker.next('JOIN_REJECTED')).reason));
  }
  assert.deepEqual(reasons.slice(0, 4), Array(4).fill('invalid meetId/password'));
  assert.deepEqual(reasons.slice(4), ['too many attempts', 'too many attempts']);
});

test('OpenLifter: a burst of joins never runs more than two scrypt hashes at once', async () => {
  const hasher = guardedHasher();
  await using server = await startTestServer({
    apps: () => [
      createOpenLifterApp(
        openlifterConfigSchema.parse({
          join_attempts_per_ip_per_minute: 1000,
          join_attempts_per_meet_per_minute: 1000,
        }),
        { hasher },
      ),
    ],
  });
  await using owner = await MeetClient.connect(server);
  const meetId = await owner.create();
  const attackers = await Promise.all(Array.from({ length: 16 }, () => MeetClient.connect(server)));
  const answers: string[] = [];
  const peak = await peakLoad(hasher, async () => {
    for (const [index, attacker] of attackers.entries()) {
      attacker.send({
        msgType: 'JOIN_MEET',
        meetId,
        password: `guess ${index}`,
        locationName: 'desk',
      });
    }
    for (const attacker of attackers) {
      answers.push((await attacker.next('JOIN_REJECTED', 'RATE_LIMITED')).msgType);
    }
  });
  await Promise.all(attackers.map((attacker) => attacker.close()));
  assert.ok(peak.active <= 2, `${peak.active} hashes ran at once`);
  assert.ok(peak.queued <= 4, `${peak.queued} hashes waited`);
  // Beyond two running and four waiting, guesses were refused without hashing.
  assert.ok(answers.includes('RATE_LIMITED'), answers.join(', '));
  assert.equal(answers.length, 16);
});

test('chat: a burst of logins is refused with 503 beyond the hashing queue, never all hashed at once', async () => {
  const hasher = guardedHasher();
  const chat = {
    limits: {
      login_attempts_per_ip_per_minute: 1000,
      login_attempts_per_account_per_minute: 1000,
      connection_attempts_per_ip_per_minute: 1000,
    },
  };
  await using server = await startTestServer({
    apps: () => [createChatApp(chatConfigSchema.parse(chat), { hasher })],
    config: { apps: { chat } },
  });
  const admin = await setupAdmin(server, 'Target');
  const statuses: number[] = [];
  const peak = await peakLoad(hasher, async () => {
    const attempts = Array.from({ length: 16 }, (_, index) =>
      postJson(`${server.url}/chat/api/auth/login`, {
        email: admin.email,
        password: `guess number ${index}`,
      }),
    );
    for (const response of await Promise.all(attempts)) statuses.push(response.status);
  });
  assert.ok(peak.active <= 2, `${peak.active} hashes ran at once`);
  assert.ok(peak.queued <= 4, `${peak.queued} hashes waited`);
  assert.ok(
    statuses.every((status) => status === 401 || status === 503),
    statuses.join(','),
  );
  assert.ok(statuses.includes(503), 'nothing was refused for load');
  // Once the burst is over the real user logs in.
  const login = await postJson(`${server.url}/chat/api/auth/login`, {
    email: admin.email,
    password: PASSWORD,
  });
  assert.equal(login.status, 200);
});

test('chat: logins to one account are throttled across many addresses', async () => {
  await using server = await startChatServer({
    chat: {
      limits: { login_attempts_per_account_per_minute: 3, login_attempts_per_ip_per_minute: 100 },
    },
    config: { server: { trust_proxy: true } },
  });
  const admin = await setupAdmin(server, 'Target');
  const statuses: number[] = [];
  for (let index = 0; index < 5; index++) {
    const response = await postJson(
      `${server.url}/chat/api/auth/login`,
      { email: admin.email, password: `guess ${index}` },
      { 'x-forwarded-for': `203.0.113.${index + 1}` },
    );
    statuses.push(response.status);
  }
  assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
  // The refusal names no account and leaks no password.
  const refused = await new Api(server).post('/auth/login', {
    email: admin.email,
    password: 'another guess',
  });
  assert.equal(refused.text.includes('another guess'), false);
});

test('secret comparison is constant-time over hashes: equal only for equal strings, any lengths', () => {
  assert.equal(safeEqual('admin-token-0123456789', 'admin-token-0123456789'), true);
  for (const other of [
    '',
    'a',
    'admin-token-012345678',
    'admin-token-01234567890',
    'x'.repeat(10_000),
  ]) {
    assert.equal(safeEqual(other, 'admin-token-0123456789'), false, JSON.stringify(other));
  }
});
