// Operator endpoints (/admin/log-level): open to loopback clients of a loopback-only server,
// closed on an exposed server without a token, bearer-token protected when a token is set; bad
// bodies are refused; a level change takes effect at once, and request logs never show tokens.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { fetchJson, postJson } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitUntil } from '../support/ws-client.ts';

const TOKEN = 'admin-token-for-tests-0123456789';

function levelUrl(server: TestServer): string {
  return `${server.url}/admin/log-level`;
}

function requestLogs(server: TestServer, probe: string): Record<string, unknown>[] {
  return server.logs.filter(
    (entry) =>
      entry.msg === 'request' && typeof entry.url === 'string' && entry.url.includes(probe),
  );
}

test('a loopback server without a token serves admin endpoints to loopback clients', async () => {
  await using server = await startTestServer({ apps: [createEchoApp()] });
  const before = await fetchJson(levelUrl(server));
  assert.equal(before.status, 200);
  assert.deepEqual(before.body, { level: 'silent' });

  const changed = await postJson(levelUrl(server), { level: 'warn' });
  assert.equal(changed.status, 200);
  assert.deepEqual(changed.body, { level: 'warn', previous: 'silent' });

  const after = await fetchJson(levelUrl(server));
  assert.deepEqual(after.body, { level: 'warn' });
  assert.equal(server.server.logger.level, 'warn');
});

test('a server bound beyond loopback without a token refuses admin endpoints with 403', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    config: { server: { host: '0.0.0.0' } },
  });
  assert.equal(server.server.loopbackOnly, false);
  const read = await fetchJson(levelUrl(server));
  assert.equal(read.status, 403);
  assert.equal(read.body.error, 'forbidden');
  const write = await postJson(levelUrl(server), { level: 'debug' });
  assert.equal(write.status, 403);
  assert.equal(write.body.error, 'forbidden');
  // Even a loopback client cannot use them, and nothing changed.
  assert.equal(server.server.logger.level, 'silent');
});

test('with admin.token set, only the right bearer token is let in', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    config: { admin: { token: TOKEN } },
  });
  const refusals: Record<string, string>[] = [
    {},
    { authorization: 'Bearer wrong-token-of-sufficient-length' },
    { authorization: `Bearer ${TOKEN}x` },
    { authorization: `Basic ${TOKEN}` },
    { authorization: TOKEN },
    { authorization: 'Bearer ' },
  ];
  for (const headers of refusals) {
    const read = await fetchJson(levelUrl(server), { headers });
    assert.equal(read.status, 401, JSON.stringify(headers));
    assert.equal(read.body.error, 'unauthorized');
    const write = await postJson(levelUrl(server), { level: 'debug' }, headers);
    assert.equal(write.status, 401, JSON.stringify(headers));
  }
  assert.equal(server.server.logger.level, 'silent');
  // A refusal never echoes the configured token.
  const refused = await fetchJson(levelUrl(server));
  assert.equal(refused.text.includes(TOKEN), false);

  const authorization = `Bearer ${TOKEN}`;
  const read = await fetchJson(levelUrl(server), { headers: { authorization } });
  assert.equal(read.status, 200);
  assert.deepEqual(read.body, { level: 'silent' });
  const write = await postJson(levelUrl(server), { level: 'error' }, { authorization });
  assert.equal(write.status, 200);
  assert.equal(server.server.logger.level, 'error');
});

test('with admin.token set, an exposed server serves admin endpoints to the token', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    config: { server: { host: '0.0.0.0' }, admin: { token: TOKEN } },
  });
  assert.equal((await fetchJson(levelUrl(server))).status, 401);
  const read = await fetchJson(levelUrl(server), { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(read.status, 200);
});

test('a bad log-level body is refused with 400 and a message', async () => {
  await using server = await startTestServer({ apps: [createEchoApp()] });
  const bodies: RequestInit[] = [
    { body: JSON.stringify({ level: 'loud' }), headers: { 'content-type': 'application/json' } },
    { body: JSON.stringify({}), headers: { 'content-type': 'application/json' } },
    { body: JSON.stringify({ level: 30 }), headers: { 'content-type': 'application/json' } },
    { body: '{"level":', headers: { 'content-type': 'application/json' } },
    { body: 'debug', headers: { 'content-type': 'text/plain' } },
    {},
  ];
  for (const init of bodies) {
    const response = await fetchJson(levelUrl(server), { method: 'POST', ...init });
    assert.equal(response.status, 400, JSON.stringify(init));
    assert.equal(response.body.error, 'bad_request');
    assert.equal(typeof response.body.message, 'string');
    assert.notEqual(response.body.message, '');
  }
  const invalidLevel = await postJson(levelUrl(server), { level: 'loud' });
  assert.match(String(invalidLevel.body.message), /level/);
  assert.equal(server.server.logger.level, 'silent');
});

test('a log level change takes effect at runtime, and logged URLs hide tokens', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    captureLogs: true,
  });
  // Logs are captured at info (the start-up line is there), but requests are logged at debug.
  assert.ok(server.logs.some((entry) => entry.msg === 'hearth listening'));
  assert.equal((await fetchJson(`${server.url}/health?probe=before`)).status, 200);

  const changed = await postJson(levelUrl(server), { level: 'debug' });
  assert.equal(changed.status, 200);

  const secret = 'SECRET-session-token-42';
  assert.equal((await fetchJson(`${server.url}/health?probe=after&token=${secret}`)).status, 200);
  await waitUntil(() => requestLogs(server, 'probe=after').length === 1);
  assert.equal(requestLogs(server, 'probe=before').length, 0, 'a debug line was written at info');

  const [entry] = requestLogs(server, 'probe=after');
  assert.ok(entry);
  assert.equal(entry.method, 'GET');
  assert.equal(entry.status, 200);
  const url = String(entry.url);
  assert.equal(url.startsWith('/health?'), true, url);
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  assert.equal(query.get('token'), '[redacted]');
  assert.equal(query.get('probe'), 'after');
  assert.equal(JSON.stringify(server.logs).includes(secret), false, 'the token was logged');

  // And back: at warn, requests are no longer logged.
  assert.equal((await postJson(levelUrl(server), { level: 'warn' })).status, 200);
  assert.equal((await fetchJson(`${server.url}/health?probe=again`)).status, 200);
  // A marker written after the response arrived: the request's line would have preceded it.
  server.server.logger.warn('marker after the last request');
  await waitUntil(() => server.logs.some((line) => line.msg === 'marker after the last request'));
  assert.equal(requestLogs(server, 'probe=again').length, 0);
});

// Known bug (see report): core-routes.ts logs `{previous, level}`, and the `level` key of the
// merge object overwrites pino's own numeric level in the JSON line, so this warn-level record
// reads as level "debug" to every log consumer (and pino-pretty prints it as DEBUG).
test('the log level change itself is recorded as a warn-level entry', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp()],
    captureLogs: true,
  });
  assert.equal((await postJson(levelUrl(server), { level: 'debug' })).status, 200);
  await waitUntil(() => server.logs.some((entry) => entry.msg === 'log level changed'));
  const entry = server.logs.find((line) => line.msg === 'log level changed');
  assert.ok(entry);
  assert.equal(entry.previous, 'info');
  assert.equal(entry.level, 40, `the record's level is ${JSON.stringify(entry.level)}`);
  assert.ok(Object.values(entry).includes('debug'), 'the new level is not recorded');
});

test('without a token, a request relayed by a proxy on the same host is not local', async () => {
  await using server = await startTestServer({ apps: [createEchoApp()] });
  const relayed = await fetchJson(levelUrl(server), {
    headers: { 'x-forwarded-for': '203.0.113.9' },
  });
  assert.equal(relayed.status, 403);
  const direct = await fetchJson(levelUrl(server));
  assert.equal(direct.status, 200);
});
