// A client that opens a TCP connection and trickles its request headers is cut off after
// `server.headers_timeout_ms`, for plain requests and upgrade requests alike.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { startTestServer } from '../support/test-server.ts';
import { withTimeout } from '../support/ws-client.ts';

test('an upgrade request whose headers never finish is closed with 408', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { headers_timeout_ms: 300 } },
  });
  const socket = connect({ host: '127.0.0.1', port: server.port });
  let response = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    response += chunk;
  });
  socket.on('error', () => {
    // A reset is an acceptable way to be cut off; the assertion is on the close.
  });
  socket.write('GET /echo/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
  // Keep trickling a header line now and then, never the blank line that ends them.
  const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
  try {
    await withTimeout(
      new Promise((resolve) => socket.once('close', resolve)),
      5000,
      'the slow client was not cut off',
    );
  } finally {
    clearInterval(trickle);
    socket.destroy();
  }
  assert.match(response, /^HTTP\/1\.1 408/);
});
