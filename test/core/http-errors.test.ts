// HTTP answers in one shape: unknown routes 404 JSON, app refusals (HearthError) with their
// status and safe message, unexpected errors as a bare 500 that leaks nothing but is logged;
// CORS for listed origins, and 403 for other cross-origin requests.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HearthError } from '../../src/protocol/errors.ts';
import { fetchJson, postJson } from '../support/http.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';

function appWithRoutes() {
  return createRecordingApp({
    routes(http) {
      http.get('/boom', () => {
        throw new Error('secret internals');
      });
      http.get('/boom-async', async () => {
        await Promise.resolve();
        throw new Error('secret internals, async');
      });
      http.get('/refuse', () => {
        throw new HearthError('forbidden', 'no');
      });
      http.get('/slow-down', () => {
        throw new HearthError('rate_limited', 'slow down', { retryAfterMs: 2500 });
      });
      http.post('/echo', (request) => ({ received: request.body }));
      http.get('/ok', () => ({ ok: true }));
    },
  });
}

test('an unknown route is a 404 with a JSON error', async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()] });
  for (const [method, path] of [
    ['GET', '/nope'],
    ['POST', '/nope'],
    ['GET', '/test/nope'],
    ['DELETE', '/health'],
  ] as const) {
    const response = await fetchJson(`${server.url}${path}`, { method });
    assert.equal(response.status, 404, `${method} ${path}`);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(response.body.error, 'not_found');
  }
});

test('app routes are mounted under the app prefix', async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()] });
  const ok = await fetchJson(`${server.url}/test/ok`);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { ok: true });
  assert.equal((await fetchJson(`${server.url}/ok`)).status, 404);
});

test('an unexpected error is a bare 500 that leaks nothing, and is logged', async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()], captureLogs: true });
  for (const path of ['/test/boom', '/test/boom-async']) {
    const response = await fetchJson(`${server.url}${path}`);
    assert.equal(response.status, 500, path);
    assert.deepEqual(response.body, { error: 'internal_error', message: 'internal error' });
    assert.equal(response.text.includes('secret internals'), false);
    assert.equal(response.text.includes('at '), false, 'a stack trace leaked');
  }
  const logged = server.logs.filter((entry) => entry.msg === 'request failed');
  assert.equal(logged.length, 2);
  assert.match(JSON.stringify(logged[0]), /secret internals/);
});

test('a HearthError becomes its HTTP status with its safe message', async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()] });
  const refused = await fetchJson(`${server.url}/test/refuse`);
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body, { error: 'forbidden', message: 'no' });

  const limited = await fetchJson(`${server.url}/test/slow-down`);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '3');
  assert.deepEqual(limited.body, {
    error: 'rate_limited',
    message: 'slow down',
    retry_after_ms: 2500,
  });
});

test("Fastify's own client errors are 400 bad_request", async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()] });
  const ok = await postJson(`${server.url}/test/echo`, { a: 1 });
  assert.deepEqual(ok.body, { received: { a: 1 } });
  const broken = await fetchJson(`${server.url}/test/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":',
  });
  assert.equal(broken.status, 400);
  assert.equal(broken.body.error, 'bad_request');
});

test('CORS: a listed origin gets CORS headers, any other cross origin is refused', async () => {
  await using server = await startTestServer({
    apps: [appWithRoutes()],
    config: { server: { allowed_origins: ['https://a.example'] } },
  });
  const listed = 'https://a.example';

  const preflight = await fetchJson(`${server.url}/test/echo`, {
    method: 'OPTIONS',
    headers: {
      origin: listed,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  assert.ok(preflight.status === 204 || preflight.status === 200, String(preflight.status));
  assert.equal(preflight.headers.get('access-control-allow-origin'), listed);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

  const get = await fetchJson(`${server.url}/health`, { headers: { origin: listed } });
  assert.equal(get.status, 200);
  assert.equal(get.headers.get('access-control-allow-origin'), listed);
  assert.match(get.headers.get('vary') ?? '', /Origin/i);

  for (const method of ['GET', 'OPTIONS']) {
    const evil = await fetchJson(`${server.url}/health`, {
      method,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(evil.status, 403, method);
    assert.equal(evil.body.error, 'forbidden');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  }

  // Same-origin requests (Origin matches Host) need no listing; requests without Origin pass.
  const sameOrigin = await fetchJson(`${server.url}/health`, { headers: { origin: server.url } });
  assert.equal(sameOrigin.status, 200);
  assert.equal((await fetchJson(`${server.url}/health`)).status, 200);
});

test('CORS: with no allowed origins, a cross-origin request is refused', async () => {
  await using server = await startTestServer({ apps: [appWithRoutes()] });
  const response = await fetchJson(`${server.url}/health`, {
    headers: { origin: 'https://a.example' },
  });
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('access-control-allow-origin'), null);
});
