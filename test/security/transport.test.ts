// Attacks on the transport, against every app's real endpoint: upgrades from other origins
// (cross-site WebSocket hijacking) refused per `server.allowed_origins`; permessage-deflate
// offered but never negotiated (no decompression bombs); a flood of connections from one
// address cut at `server.max_connections_per_ip` while another address still gets in; and an
// upgrade whose headers trickle in forever cut by `server.headers_timeout_ms`.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { startFuzzServer } from '../fuzz/support/fuzz-server.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, expectRefusedUpgrade, withTimeout } from '../support/ws-client.ts';
import { chatConfigSchema } from '../../src/apps/chat/config.ts';
import { createChatApp } from '../../src/apps/chat/chat-app.ts';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { openlifterConfigSchema } from '../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../src/apps/openlifter/openlifter-app.ts';
import { presenceConfigSchema } from '../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../src/apps/presence/presence-app.ts';
import { APPS_RAW } from '../fuzz/support/fuzz-server.ts';
import type { RawConfig } from '../../src/core/config/sources.ts';

/** An endpoint of each app that opens without credentials. */
const ENDPOINTS = ['/openlifter/ws', '/presence/ws/lobby', '/echo/ws'] as const;

function allApps(config: RawConfig) {
  return startTestServer({
    apps: () => [
      createChatApp(chatConfigSchema.parse(APPS_RAW.chat)),
      createOpenLifterApp(openlifterConfigSchema.parse(APPS_RAW.openlifter)),
      createPresenceApp(presenceConfigSchema.parse(APPS_RAW.presence)),
      createEchoApp('/echo'),
    ],
    config: { apps: APPS_RAW, ...config },
  });
}

test('cross-origin upgrades are refused with 403 on every app; allowed and same origins pass', async () => {
  await using server = await allApps({
    server: { allowed_origins: ['https://meet.example'] },
  });
  for (const path of [...ENDPOINTS, '/chat/ws']) {
    const refused = await expectRefusedUpgrade(server.wsUrl(path), {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(refused.status, 403, path);
    assert.equal(refused.body.error, 'forbidden');
  }
  for (const path of ENDPOINTS) {
    for (const origin of ['https://meet.example', `http://127.0.0.1:${server.port}`]) {
      await using client = await TestClient.connect(server.wsUrl(path), { headers: { origin } });
      assert.equal(client.socket.readyState, 1, `${origin} → ${path}`);
    }
  }
});

test('permessage-deflate is offered by the client and never negotiated', async () => {
  await using server = await startFuzzServer();
  for (const path of ENDPOINTS) {
    await using client = await TestClient.connect(server.wsUrl(path), { perMessageDeflate: true });
    assert.equal(client.socket.extensions, '', path);
  }
  // A compressed frame (RSV1 set) is then a protocol error, not a decompression.
  const socket = connect({ host: '127.0.0.1', port: server.port });
  socket.on('error', () => undefined);
  let response = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    response = Buffer.concat([response, chunk]);
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    'GET /echo/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n',
  );
  // FIN + RSV1 + text, masked, 1 byte.
  socket.write(Buffer.from([0xc1, 0x81, 0, 0, 0, 0, 0x61]));
  await withTimeout(new Promise((resolve) => socket.once('close', resolve)), 5000, 'no close');
  const text = response.toString('latin1');
  assert.match(text, /^HTTP\/1\.1 101/);
  assert.doesNotMatch(text, /sec-websocket-extensions/i);
  const close = response.subarray(response.indexOf('\r\n\r\n') + 4);
  assert.equal(close[0], 0x88, 'a close frame');
  assert.equal(close.readUInt16BE(2), 1002);
});

test('a connection flood from one address is refused at the per-IP cap; others still get in', async () => {
  await using server = await allApps({
    server: { max_connections_per_ip: 5, trust_proxy: true },
  });
  const flood: TestClient[] = [];
  const headers = { 'x-forwarded-for': '203.0.113.66' };
  try {
    for (let index = 0; index < 5; index++) {
      flood.push(
        await TestClient.connect(server.wsUrl(ENDPOINTS[index % ENDPOINTS.length] ?? ''), {
          headers,
        }),
      );
    }
    for (const path of ENDPOINTS) {
      const refused = await expectRefusedUpgrade(server.wsUrl(path), { headers });
      assert.equal(refused.status, 429, path);
    }
    await using other = await TestClient.connect(server.wsUrl('/echo/ws'), {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    other.send('hello');
    assert.equal((await other.waitFor()).text, 'hello');
    // A slot comes back when a connection ends.
    await flood.pop()?.close();
    await using again = await TestClient.connect(server.wsUrl('/echo/ws'), { headers });
    assert.equal(again.socket.readyState, 1);
  } finally {
    await Promise.all(flood.map((client) => client.close()));
  }
});

test('slow-loris upgrades to every app are cut off by the header timeout', async () => {
  await using server = await allApps({ server: { headers_timeout_ms: 300 } });
  await Promise.all(
    [...ENDPOINTS, '/chat/ws'].map(async (path) => {
      const socket = connect({ host: '127.0.0.1', port: server.port });
      socket.on('error', () => undefined);
      let response = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => {
        response += chunk;
      });
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`);
      const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
      try {
        await withTimeout(
          new Promise((resolve) => socket.once('close', resolve)),
          5000,
          `${path}: the slow client was not cut off`,
        );
      } finally {
        clearInterval(trickle);
        socket.destroy();
      }
      assert.match(response, /^HTTP\/1\.1 408/, path);
    }),
  );
  // And the server still serves.
  await using client = await TestClient.connect(server.wsUrl('/echo/ws'));
  client.send('alive');
  assert.equal((await client.waitFor()).text, 'alive');
});
