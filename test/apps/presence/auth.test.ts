// JWT admission as the spec says: query `auth_token`, `Authorization: Bearer`, or
// ClientHello.auth_token; the algorithm allowlist (never `none`), `sub` and `exp` required,
// iss/aud when configured, display name claims, `user_id` must equal `sub`, GraphWiz
// auth-service tokens as they are; and when anonymous clients are allowed.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { presenceConfigSchema } from '../../../src/apps/presence/config.ts';
import { PresenceAuth, anonymousAllowed } from '../../../src/apps/presence/presence-auth.ts';
import { createLogger } from '../../../src/core/observability/logger.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { expectRefusedUpgrade } from '../../support/ws-client.ts';
import {
  PbClient,
  SECRET,
  connectRelay,
  roomUrl,
  signToken,
  startPresenceServer,
} from './support/presence-server.ts';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function withSecret(extra: Record<string, unknown> = {}) {
  return startPresenceServer({ presence: { auth: { hs_secret: SECRET, ...extra } } });
}

test('a valid token in the query or the Authorization header admits its user', async () => {
  await using server = await withSecret();
  const token = await signToken({ sub: 'user-1', display_name: 'Ada Lovelace' });
  const { client: viaQuery, hello } = await connectRelay(server, 'lobby', { auth_token: token });
  await using _viaQuery = viaQuery;
  assert.equal(hello.type, 'SERVER_HELLO');
  const { client: viaHeader } = await connectRelay(
    server,
    'lobby',
    { client_id: 'second' },
    {
      authorization: `Bearer ${await signToken({ sub: 'user-2', name: 'Grace' })}`,
    },
  );
  await using _viaHeader = viaHeader;
  const joined = await viaQuery.waitForJson((value) => value.type === 'PRESENCE_JOIN');
  assert.equal(joined.user_id, 'user-2');
  assert.equal(joined.display_name, 'Grace', 'the name claim');
});

test('GraphWiz auth-service tokens (HS256: sub, email, exp, iat) are accepted as they are', async () => {
  await using server = await withSecret();
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    sub: '42',
    email: 'ada@example.com',
    exp: now + 3600,
    iat: now,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
  const { client, hello } = await connectRelay(server, 'lobby', {
    auth_token: token,
    user_id: '42',
  });
  await using _client = client;
  assert.equal(hello.type, 'SERVER_HELLO');
});

test('expired, unsigned, wrongly signed and claim-less tokens are refused with 401', async () => {
  await using server = await withSecret();
  const now = Math.floor(Date.now() / 1000);
  const expired = await signToken({ sub: 'u', exp: now - 3600 });
  const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'u', exp: now + 3600 })}.`;
  const wrongKey = await signToken({ sub: 'u' }, { secret: 'another-secret-another-secret-12345' });
  const hs512 = await signToken({ sub: 'u' }, { alg: 'HS512' });
  const noSub = await signToken({});
  const noExp = await new SignJWT({ sub: 'u' })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
  const cases: [string, string][] = [
    [expired, 'token expired'],
    [unsigned, 'invalid token'],
    [wrongKey, 'invalid token'],
    [hs512, 'invalid token'],
    [noSub, 'invalid token'],
    [noExp, 'invalid token'],
    ['garbage', 'invalid token'],
  ];
  for (const [token, message] of cases) {
    const refused = await expectRefusedUpgrade(roomUrl(server, 'lobby', { auth_token: token }));
    assert.equal(refused.status, 401, message);
    assert.deepEqual(refused.body, { error: 'unauthorized', message });
  }
  // With a key configured, no token is no entry.
  const none = await expectRefusedUpgrade(roomUrl(server, 'lobby'));
  assert.deepEqual([none.status, none.body.message], [401, 'authentication required']);
  const metrics = await scrapeMetrics(server.url);
  assert.equal(
    metricSample(metrics, 'hearth_presence_auth_failures_total', { reason: 'expired' }),
    1,
  );
  assert.equal(
    metricSample(metrics, 'hearth_presence_auth_failures_total', { reason: 'invalid' }),
    6,
  );
  assert.equal(
    metricSample(metrics, 'hearth_presence_auth_failures_total', { reason: 'missing' }),
    1,
  );
});

test('iss and aud are checked when configured', async () => {
  await using server = await withSecret({
    issuer: 'https://auth.graphwiz.example',
    audience: 'presence',
  });
  const good = await signToken({
    sub: 'u',
    iss: 'https://auth.graphwiz.example',
    aud: ['presence', 'hub'],
  });
  const { client } = await connectRelay(server, 'lobby', { auth_token: good });
  await using _client = client;
  for (const claims of [
    { sub: 'u', iss: 'https://evil.example', aud: 'presence' },
    { sub: 'u', iss: 'https://auth.graphwiz.example', aud: 'other' },
    { sub: 'u' },
  ]) {
    const refused = await expectRefusedUpgrade(
      roomUrl(server, 'lobby', { auth_token: await signToken(claims) }),
    );
    assert.equal(refused.status, 401, JSON.stringify(claims));
  }
});

test('a user_id query parameter must equal the token subject (403)', async () => {
  await using server = await withSecret();
  const token = await signToken({ sub: 'alice' });
  const refused = await expectRefusedUpgrade(
    roomUrl(server, 'lobby', { auth_token: token, user_id: 'bob' }),
  );
  assert.deepEqual(
    [refused.status, refused.body],
    [403, { error: 'forbidden', message: 'user_id does not match the token' }],
  );
  const { client } = await connectRelay(server, 'lobby', { auth_token: token, user_id: 'alice' });
  await using _client = client;
});

test('RS256 with a public key file; HS256 tokens are then refused (no algorithm confusion)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-presence-keys-'));
  try {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pemFile = join(dir, 'public.pem');
    const pem = await exportSPKI(publicKey);
    await writeFile(pemFile, pem);
    await using server = await startPresenceServer({
      presence: { auth: { algorithms: ['RS256'], public_key_files: [pemFile] } },
    });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'rsa-user', exp: now + 60 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const { client } = await connectRelay(server, 'lobby', { auth_token: token });
    await using _client = client;
    // The classic attack: HS256 "signed" with the public key's PEM as the secret.
    const forged = await signToken({ sub: 'admin' }, { secret: pem });
    assert.equal(
      (await expectRefusedUpgrade(roomUrl(server, 'lobby', { auth_token: forged }))).status,
      401,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a configured algorithm without a key stops the start, naming the section', async () => {
  const presence = presenceConfigSchema.parse({
    auth: { algorithms: ['RS256'], hs_secret: SECRET },
  });
  await assert.rejects(
    PresenceAuth.create(presence.auth, true, createLogger({ level: 'silent' })),
    /^Error: apps\.presence\.auth: JWT config: hsSecret is set but no HS algorithm/,
  );
});

test('protobuf mode: the token may come in ClientHello, before anything else', async () => {
  await using server = await withSecret();
  const token = await signToken({ sub: 'pb-user', display_name: 'Proto' });
  await using client = await PbClient.connect(server, 'room', { clientId: 'pb', authToken: token });
  assert.equal(client.clientId, 'pb');
  // Without a token anywhere: closed 4401 once ClientHello shows none.
  const anonymous = await PbClient.open(server, 'room');
  anonymous.send({ payload: 'clientHello', clientHello: { clientId: 'anon' } });
  assert.deepEqual(await anonymous.socket.waitForClose(), {
    code: 4401,
    reason: 'authentication required',
  });
  const bad = await PbClient.open(server, 'room');
  bad.send({
    payload: 'clientHello',
    clientHello: { authToken: await signToken({ sub: 'x', exp: 1 }) },
  });
  assert.deepEqual(await bad.socket.waitForClose(), { code: 4401, reason: 'token expired' });
  // A token at the upgrade is enough; a second one in ClientHello must name the same user.
  await using upgraded = await PbClient.connect(
    server,
    'room',
    {},
    { query: { auth_token: token } },
  );
  assert.ok(upgraded.clientId !== '');
  const mixed = await PbClient.open(server, 'room', { query: { auth_token: token } });
  mixed.send({
    payload: 'clientHello',
    clientHello: { authToken: await signToken({ sub: 'someone-else' }) },
  });
  assert.equal((await mixed.socket.waitForClose()).code, 4403);
  // An invalid token at the upgrade is refused there, even in protobuf mode.
  const refused = await expectRefusedUpgrade(
    roomUrl(server, 'room', { format: 'protobuf', auth_token: 'nope' }),
  );
  assert.equal(refused.status, 401);
});

test('the anonymous policy: auto means no key configured and loopback only', () => {
  assert.equal(anonymousAllowed('auto', false, true), true);
  assert.equal(anonymousAllowed('auto', false, false), false, 'never on an exposed server');
  assert.equal(anonymousAllowed('auto', true, true), false, 'never once keys exist');
  assert.equal(anonymousAllowed('allow', true, false), true);
  assert.equal(anonymousAllowed('deny', false, true), false);
});

test('anonymous clients: allowed by default on loopback with a warning, refused when denied', async () => {
  await using open = await startPresenceServer({ captureLogs: true });
  const { client } = await connectRelay(open, 'lobby', { user_id: 'dev-user' });
  await using _client = client;
  assert.ok(
    open.logs.some(
      (line) => line.level === 40 && String(line.msg).includes('anonymous connections are allowed'),
    ),
    'a startup warning says so',
  );
  await using closed = await startPresenceServer({
    presence: { auth: { anonymous: 'deny' } },
    captureLogs: true,
  });
  assert.equal((await expectRefusedUpgrade(roomUrl(closed, 'lobby'))).status, 401);
  assert.ok(
    closed.logs.some((line) => String(line.msg).includes('every connection will be refused')),
  );
  // "allow" lets anonymous clients in beside token holders; a bad token is still refused.
  await using mixed = await startPresenceServer({
    presence: { auth: { anonymous: 'allow', hs_secret: SECRET } },
  });
  const { client: anonymous } = await connectRelay(mixed, 'lobby');
  await using _anonymous = anonymous;
  assert.equal(
    (await expectRefusedUpgrade(roomUrl(mixed, 'lobby', { auth_token: 'bad' }))).status,
    401,
  );
});

test('an exposed server without keys refuses anonymous clients by default', async () => {
  await using server = await startPresenceServer({
    config: { server: { host: '0.0.0.0' } },
    captureLogs: true,
  });
  assert.equal((await expectRefusedUpgrade(roomUrl(server, 'lobby'))).status, 401);
});

test('ES256 through a JWKS file: a token signed by a listed key is admitted, others refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-presence-jwks-'));
  try {
    const listed = await generateKeyPair('ES256', { extractable: true });
    const stranger = await generateKeyPair('ES256', { extractable: true });
    const jwk = {
      ...(await exportJWK(listed.publicKey)),
      kid: 'graphwiz-1',
      alg: 'ES256',
      use: 'sig',
    };
    const jwksFile = join(dir, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [jwk] }));
    await using server = await startPresenceServer({
      presence: { auth: { algorithms: ['ES256'], jwks_file: jwksFile } },
    });
    const now = Math.floor(Date.now() / 1000);
    const sign = (key: (typeof listed)['privateKey']) =>
      new SignJWT({ sub: 'jwks-user', exp: now + 60 })
        .setProtectedHeader({ alg: 'ES256', kid: 'graphwiz-1' })
        .sign(key);
    const { client } = await connectRelay(server, 'lobby', {
      auth_token: await sign(listed.privateKey),
    });
    await using _client = client;
    const refused = await expectRefusedUpgrade(
      roomUrl(server, 'lobby', { auth_token: await sign(stranger.privateKey) }),
    );
    assert.equal(refused.status, 401);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('identities are well-formed Unicode: a lone surrogate in sub is refused, in a name replaced', async () => {
  await using server = await withSecret();
  const loneSub = await signToken({ sub: 'user-\uD800' });
  const refused = await expectRefusedUpgrade(roomUrl(server, 'lobby', { auth_token: loneSub }));
  assert.deepEqual([refused.status, refused.body.message], [401, 'invalid token subject']);

  const watcherToken = await signToken({ sub: 'watcher' });
  const { client: watcher } = await connectRelay(server, 'lobby', { auth_token: watcherToken });
  await using _watcher = watcher;
  const named = await signToken({ sub: 'user-3', display_name: 'Ada \uDC00Lovelace' });
  const { client } = await connectRelay(server, 'lobby', {
    auth_token: named,
    client_id: 'named',
  });
  await using _client = client;
  const joined = await watcher.waitForJson((value) => value.type === 'PRESENCE_JOIN');
  assert.equal(joined.display_name, 'Ada \uFFFDLovelace');
});
