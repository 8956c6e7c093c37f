// Forged and stale JWTs for the presence app, through both ways in (the upgrade and protobuf
// ClientHello): alg "none", HS256 signed with the RSA public key as its secret (key confusion),
// expired, not yet valid (nbf). And operator endpoints closed to requests the server cannot
// prove local: behind a trusted proxy, with proxy headers, or with a foreign Host (DNS rebinding).

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { request } from 'node:http';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import {
  PbClient,
  SECRET,
  roomUrl,
  signToken,
  startPresenceServer,
} from '../apps/presence/support/presence-server.ts';
import { fetchJson } from '../support/http.ts';
import { startTestServer } from '../support/test-server.ts';
import { expectRefusedUpgrade } from '../support/ws-client.ts';

const ADMIN_TOKEN = 'admin-token-for-security-tests-42';
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

test('presence: alg none, key confusion, expired and not-yet-valid tokens are refused both ways', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-jwt-'));
  try {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const pemFile = join(dir, 'public.pem');
    await writeFile(pemFile, pem);
    await using server = await startPresenceServer({
      presence: { auth: { algorithms: ['RS256'], public_key_files: [pemFile] } },
    });
    const now = Math.floor(Date.now() / 1000);
    const rs = (claims: Record<string, unknown>) =>
      new SignJWT({ sub: 'mallory', exp: now + 600, ...claims })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);
    const forged = {
      none: `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'admin', exp: now + 600 })}.`,
      confusion: await signToken({ sub: 'admin' }, { secret: pem }),
      expired: await rs({ exp: now - 3600 }),
      notYetValid: await rs({ nbf: now + 3600 }),
    };
    for (const [kind, token] of Object.entries(forged)) {
      const refused = await expectRefusedUpgrade(roomUrl(server, 'vault', { auth_token: token }));
      assert.equal(refused.status, 401, kind);
      const header = await expectRefusedUpgrade(roomUrl(server, 'vault'), {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(header.status, 401, kind);
      // Protobuf mode: the same token in ClientHello closes with 4401.
      await using client = await PbClient.open(server, 'vault');
      client.send({ payload: 'clientHello', clientHello: { authToken: token } });
      assert.equal((await client.socket.waitForClose()).code, 4401, kind);
    }
    // The genuine token is let in, so the refusals above were about the tokens.
    await using genuine = await PbClient.connect(server, 'vault', { authToken: await rs({}) });
    assert.notEqual(genuine.clientId, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('presence: an HS256 token with the wrong secret or a tampered payload is refused', async () => {
  await using server = await startPresenceServer({ presence: { auth: { hs_secret: SECRET } } });
  const good = await signToken({ sub: 'alice' });
  const [header = '', , signature = ''] = good.split('.');
  const tampered = `${header}.${b64url({ sub: 'admin', exp: 4_102_444_800 })}.${signature}`;
  const wrong = await signToken({ sub: 'alice' }, { secret: 'another-secret-0123456789abcdef' });
  for (const token of [tampered, wrong]) {
    const refused = await expectRefusedUpgrade(roomUrl(server, 'room', { auth_token: token }));
    assert.equal(refused.status, 401);
  }
});

/** GET with full control of the Host header (fetch does not allow setting it). */
function getWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject);
    call.end();
  });
}

test('admin endpoints: requests the server cannot prove local are refused without the token', async () => {
  await using server = await startPresenceServer();
  const paths = ['/admin/log-level', '/presence/ws/lobby/stats'];
  for (const path of paths) {
    assert.equal((await fetchJson(`${server.url}${path}`)).status, 200, `${path} from loopback`);
    for (const headers of [
      { 'x-forwarded-for': '203.0.113.5' },
      { forwarded: 'for=203.0.113.5' },
      { 'x-real-ip': '203.0.113.5' },
    ]) {
      const refused = await fetchJson(`${server.url}${path}`, { headers });
      assert.equal(refused.status, 403, `${path} ${JSON.stringify(headers)}`);
    }
    // A DNS-rebound page reaches 127.0.0.1 under its own host name.
    assert.equal(await getWithHost(server.port, path, 'evil.example'), 403, path);
  }
});

test('admin endpoints: behind a trusted proxy every request is remote; the token still works', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    config: { server: { trust_proxy: true } },
  });
  assert.equal((await fetchJson(`${server.url}/admin/log-level`)).status, 403);
  await using guarded = await startTestServer({
    apps: [createEchoApp()],
    config: { server: { trust_proxy: true }, admin: { token: ADMIN_TOKEN } },
  });
  const url = `${guarded.url}/admin/log-level`;
  const headers = { 'x-forwarded-for': '203.0.113.5' };
  assert.equal((await fetchJson(url, { headers })).status, 401);
  const allowed = await fetchJson(url, {
    headers: { ...headers, authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(allowed.status, 200);
});
