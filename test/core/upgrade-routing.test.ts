// Upgrades are routed by path to the mounted app, and refused with a real HTTP status before
// any WebSocket exists: unknown path 404, app refusal 401/403, origin 403, caps 429/503,
// draining 503.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { HearthError } from '../../src/protocol/errors.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, expectRefusedUpgrade, waitUntil } from '../support/ws-client.ts';

test('an upgrade reaches the app mounted at its path', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  await using client = await TestClient.connect(server.wsUrl('/echo/ws'));
  client.send('hello');
  const frame = await client.waitFor();
  assert.equal(frame.text, 'hello');
  assert.equal(frame.isBinary, false);
  client.send(Buffer.from([1, 2, 3]));
  const binary = await client.waitFor();
  assert.equal(binary.isBinary, true);
  assert.deepEqual([...binary.data], [1, 2, 3]);
});

test('the longest prefix wins and a prefix only owns whole path segments', async () => {
  const outer = createRecordingApp({ name: 'outer', prefix: '/a' });
  const inner = createRecordingApp({ name: 'inner', prefix: '/a/b' });
  await using server = await startTestServer({ apps: [outer, inner] });
  await using client = await TestClient.connect(server.wsUrl('/a/b/ws'));
  client.send('x');
  await waitUntil(() => inner.received.length === 1);
  assert.equal(outer.received.length, 0);
  const refused = await expectRefusedUpgrade(server.wsUrl('/ab/ws'));
  assert.equal(refused.status, 404);
});

test('an unknown path is refused with 404 before the WebSocket exists', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const refused = await expectRefusedUpgrade(server.wsUrl('/nowhere'));
  assert.equal(refused.status, 404);
  assert.equal(refused.body.error, 'not_found');
  const unknownUnderPrefix = await expectRefusedUpgrade(server.wsUrl('/echo/other'));
  assert.equal(unknownUnderPrefix.status, 404);
});

test('an app refusal becomes its HTTP status, with a safe body', async () => {
  const app = createRecordingApp({
    admit(request) {
      if (request.query.get('token') === 'forbidden')
        throw new HearthError('forbidden', 'not yours');
      throw new HearthError('unauthorized', 'bad token', { cause: new Error('secret detail') });
    },
  });
  await using server = await startTestServer({ apps: [app] });
  const unauthorized = await expectRefusedUpgrade(server.wsUrl('/test/ws?token=nope'));
  assert.equal(unauthorized.status, 401);
  assert.deepEqual(unauthorized.body, { error: 'unauthorized', message: 'bad token' });
  const forbidden = await expectRefusedUpgrade(server.wsUrl('/test/ws?token=forbidden'));
  assert.equal(forbidden.status, 403);
  assert.equal(app.opened.length, 0);
});

test('an unexpected admission error is a 500 that leaks nothing', async () => {
  const app = createRecordingApp({
    admit() {
      throw new Error('database password is hunter2');
    },
  });
  await using server = await startTestServer({ apps: [app] });
  const refused = await expectRefusedUpgrade(server.wsUrl('/test/ws'));
  assert.equal(refused.status, 500);
  assert.doesNotMatch(JSON.stringify(refused.body), /hunter2/);
});

test('a rate-limit refusal carries Retry-After', async () => {
  const app = createRecordingApp({
    admit() {
      throw new HearthError('rate_limited', 'slow down', { retryAfterMs: 2500 });
    },
  });
  await using server = await startTestServer({ apps: [app] });
  const refused = await expectRefusedUpgrade(server.wsUrl('/test/ws'));
  assert.equal(refused.status, 429);
  assert.equal(refused.headers['retry-after'], '3');
});

test('origins outside the allowlist are refused with 403; listed and same origins pass', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { allowed_origins: ['https://meet.example'] } },
  });
  const refused = await expectRefusedUpgrade(server.wsUrl('/echo/ws'), {
    origin: 'https://evil.example',
  });
  assert.equal(refused.status, 403);
  await using listed = await TestClient.connect(server.wsUrl('/echo/ws'), {
    origin: 'https://meet.example',
  });
  await using sameOrigin = await TestClient.connect(server.wsUrl('/echo/ws'), {
    origin: server.url,
  });
  assert.equal(listed.socket.readyState, 1);
  assert.equal(sameOrigin.socket.readyState, 1);
});

test('connection caps: per IP → 429, in total → 503', async () => {
  await using perIp = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { max_connections_per_ip: 2 } },
  });
  await using first = await TestClient.connect(perIp.wsUrl('/echo/ws'));
  await using second = await TestClient.connect(perIp.wsUrl('/echo/ws'));
  assert.equal((await expectRefusedUpgrade(perIp.wsUrl('/echo/ws'))).status, 429);
  await second.close();
  // The slot is given back when a connection closes.
  await waitUntil(async () => {
    try {
      const again = await TestClient.connect(perIp.wsUrl('/echo/ws'));
      await again.close();
      return true;
    } catch {
      return false;
    }
  });
  assert.equal(first.socket.readyState, 1);

  await using total = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { max_connections: 1 } },
  });
  await using only = await TestClient.connect(total.wsUrl('/echo/ws'));
  assert.equal((await expectRefusedUpgrade(total.wsUrl('/echo/ws'))).status, 503);
  assert.equal(only.socket.readyState, 1);
});

test('a draining server refuses upgrades with 503', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const client = await TestClient.connect(server.wsUrl('/echo/ws'));
  const draining = server.server.drain();
  const closed = await client.waitForClose();
  assert.equal(closed.code, 1012);
  await draining;
  await assert.rejects(TestClient.connect(server.wsUrl('/echo/ws')));
});

test('the subprotocol the app selects is the one negotiated', async () => {
  const app = createRecordingApp({
    admit(request) {
      return {
        state: undefined,
        protocol: request.protocols.includes('hearth.v1') ? 'hearth.v1' : undefined,
      };
    },
  });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'), {
    protocols: ['other', 'hearth.v1'],
  });
  assert.equal(client.socket.protocol, 'hearth.v1');
  await waitUntil(() => app.opened.length === 1);
  assert.equal(app.opened[0]!.protocol, 'hearth.v1');
});

test('a refusal that prescribes its own body is answered with exactly that body', async () => {
  const body = {
    error: 'Rate limit exceeded',
    message: 'Rate limit exceeded. Try again in 7 seconds.',
  };
  const app = createRecordingApp({
    admit() {
      throw new HearthError('rate_limited', 'slow down', { retryAfterMs: 7000, body });
    },
  });
  await using server = await startTestServer({ apps: [app] });
  const refused = await expectRefusedUpgrade(server.wsUrl('/test/ws'));
  assert.equal(refused.status, 429);
  assert.deepEqual(refused.body, body);
  assert.equal(refused.headers['retry-after'], '7');
});

test('handshakes that ws refuses by itself give their connection slot back', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { max_connections_per_ip: 2 } },
  });
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 5; attempt++) {
    // No Sec-WebSocket-Key: ws answers 400 without ever opening a WebSocket.
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
        socket.write(
          'GET /echo/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      socket.on('error', () => undefined);
      socket.resume(); // read the 400 answer, or 'close' never comes
      socket.on('close', () => {
        resolve();
      });
    });
  }
  await waitUntil(async () => {
    try {
      const client = await TestClient.connect(server.wsUrl('/echo/ws'));
      await client.close();
      return true;
    } catch {
      return false;
    }
  });
});
