// Secrets never leave the process: a real `hearth serve` child at debug level is given an admin
// token and a JWT secret, and is used with a chat password and session token (in the header, the
// query and the Auth message), a presence JWT and an OpenLifter meet password. None of them
// appears in its log output, in /metrics, in error answers, or in `hearth config`.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { HearthProcess } from '../support/child-server.ts';
import { fetchJson, postJson } from '../support/http.ts';
import { TestClient } from '../support/ws-client.ts';

const ADMIN_TOKEN = 'admin-SECRET-token-7f3a9c1e5b';
const HS_SECRET = 'jwt-SECRET-hs256-4e8d2b6a0c1f3e5d';
const CHAT_PASSWORD = 'chat-SECRET-password-91x';
const MEET_PASSWORD = 'meet-SECRET-password-27y';
const WRONG_PASSWORD = 'wrong-SECRET-guess-55z';

test('passwords, tokens and keys never appear in logs, metrics, errors or hearth config', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-secrets-'));
  const env = {
    HEARTH_ADMIN__TOKEN: ADMIN_TOKEN,
    HEARTH_APPS__PRESENCE__AUTH__HS_SECRET: HS_SECRET,
  };
  try {
    await using hearth = new HearthProcess(
      ['serve', '--port', '0', '--data-dir', dataDir, '--log-level', 'debug'],
      env,
    );
    const base = `http://127.0.0.1:${await hearth.listeningPort(20_000)}`;
    const ws = base.replace('http', 'ws');
    const answers: string[] = [];

    const setup = await postJson(`${base}/chat/api/setup`, {
      email: 'admin@example.test',
      name: 'Admin',
      password: CHAT_PASSWORD,
    });
    assert.equal(setup.status, 201, setup.text);
    const session = String(setup.body.session_token);
    const wrong = await postJson(`${base}/chat/api/auth/login`, {
      email: 'admin@example.test',
      password: WRONG_PASSWORD,
    });
    assert.equal(wrong.status, 401);
    answers.push(wrong.text);
    const badToken = await fetchJson(`${base}/chat/api/users/me?token=${session}x`, {
      headers: { authorization: `Bearer ${session}x` },
    });
    answers.push(badToken.text);

    for (const url of [`${ws}/chat/ws?token=${session}`, `${ws}/chat/ws`]) {
      await using client = await TestClient.connect(url, {
        headers: url.includes('token=') ? {} : { authorization: `Bearer ${session}` },
      });
      await client.waitForJson((frame) => frame.type === 'SyncComplete');
    }
    await using byMessage = await TestClient.connect(`${ws}/chat/ws`);
    byMessage.sendJson({ type: 'Auth', data: { session_token: session } });
    await byMessage.waitForJson((frame) => frame.type === 'SyncComplete');

    const jwt = await new SignJWT({ sub: 'player', exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(HS_SECRET));
    await using player = await TestClient.connect(`${ws}/presence/ws/lobby?auth_token=${jwt}`);
    await player.waitForJson((frame) => frame.type === 'SERVER_HELLO');

    await using meet = await TestClient.connect(`${ws}/openlifter/ws`);
    meet.sendJson({
      msgType: 'CREATE_MEET',
      thisLocationName: 'desk',
      password: MEET_PASSWORD,
      endpoints: [{ locationName: 'desk', priority: 1 }],
    });
    const created = await meet.waitForJson((frame) => frame.msgType === 'MEET_CREATED', 20_000);
    meet.sendJson({ msgType: 'JOIN_MEET', meetId: created.meetId, password: WRONG_PASSWORD });
    answers.push(
      JSON.stringify(await meet.waitForJson((frame) => frame.msgType === 'JOIN_REJECTED', 20_000)),
    );

    const admin = await fetchJson(`${base}/admin/log-level`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(admin.status, 200);
    answers.push(
      (
        await fetchJson(`${base}/admin/log-level`, {
          headers: { authorization: 'Bearer nope-nope-nope-nope' },
        })
      ).text,
    );
    const metrics = (await fetchJson(`${base}/metrics`)).text;

    await byMessage.close();
    hearth.child.kill('SIGTERM');
    await hearth.waitForExit(20_000);

    const config = new HearthProcess(['config'], env);
    await config.waitForExit(20_000);

    const secrets = [
      ADMIN_TOKEN,
      HS_SECRET,
      CHAT_PASSWORD,
      MEET_PASSWORD,
      WRONG_PASSWORD,
      session,
      jwt,
    ];
    const places = {
      'log output': hearth.stdout + hearth.stderr,
      metrics,
      'error answers': answers.join('\n'),
      'hearth config': config.stdout + config.stderr,
    };
    // The log output is real (debug level logged the requests), so its silence means something.
    assert.match(places['log output'], /"msg":"request"/);
    assert.match(places['hearth config'], /\[redacted\]/);
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) {
        assert.equal(
          text.includes(secret),
          false,
          `a secret (${secret.slice(0, 12)}…) is in ${place}`,
        );
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
