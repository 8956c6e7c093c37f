// Fuzzing the HTTP APIs through real requests: chat (setup, login, rooms, messages, read
// positions), presence stats and the admin log level, with generated JSON bodies, bodies that
// are not JSON, odd content types and hostile path segments. Every answer is below 500 and every
// refusal has the `{error, message}` shape; the server keeps serving.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Api, createRoom, setupAdmin } from '../apps/chat/support/chat-server.ts';
import { fetchJson, postJson } from '../support/http.ts';
import { anyValue, mutatedMessage, nastyString, toJsonText } from './support/arbitraries.ts';
import {
  assertServerHealthy,
  heapAfterGc,
  ProcessWatch,
  startFuzzServer,
} from './support/fuzz-server.ts';
import { fcParameters, fuzzRuns, report, tally } from './support/fuzz-settings.ts';

const validBody = fc.oneof(
  fc.record({ email: fc.oneof(fc.emailAddress(), nastyString), password: nastyString }),
  fc.record({ email: fc.emailAddress(), name: nastyString, password: nastyString }),
  fc.record({ kind: fc.constantFrom('open', 'closed', 'direct'), name: nastyString }),
  fc.record({ kind: fc.constant('direct'), user_ids: fc.array(nastyString, { maxLength: 3 }) }),
  fc.record({ content: nastyString, client_message_id: fc.uuid() }),
  fc.record({
    message_id: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String), nastyString),
  }),
  fc.record({ level: fc.oneof(fc.constantFrom('warn', 'error'), nastyString) }),
  fc.record({ user_ids: fc.array(nastyString, { maxLength: 3 }) }),
);

const body = fc.oneof(
  { weight: 5, arbitrary: mutatedMessage(validBody, 'kind').map(toJsonText) },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: anyValue.map(toJsonText) },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '',
);

const segment = fc.oneof(
  fc.constant('ROOM'),
  nastyString.map((text) =>
    // Every byte percent-encoded (lone surrogates become U+FFFD, as a browser would send them).
    [...Buffer.from(text.slice(0, 300), 'utf8')]
      .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
      .join(''),
  ),
  fc.constantFrom('..', '%2e%2e', '%2e%2e%2f%2e%2e', '%00', '.', '%252e'),
);

const route = fc.constantFrom(
  'POST /chat/api/setup',
  'POST /chat/api/auth/login',
  'POST /chat/api/auth/logout',
  'POST /chat/api/users',
  'GET /chat/api/users/me',
  'POST /chat/api/rooms',
  'GET /chat/api/rooms/:id',
  'PATCH /chat/api/rooms/:id',
  'POST /chat/api/rooms/:id/members',
  'DELETE /chat/api/rooms/:id/members/:id',
  'GET /chat/api/rooms/:id/messages?before=:id&limit=:id',
  'POST /chat/api/rooms/:id/messages',
  'POST /chat/api/rooms/:id/read',
  'GET /presence/ws/:id/stats',
  'GET /presence/ws/stats',
  'POST /admin/log-level',
);

test('HTTP APIs: fuzzed requests are answered below 500 with the error shape', async () => {
  using watch = new ProcessWatch();
  await using server = await startFuzzServer();
  const admin = await setupAdmin(server, 'Fuzzer');
  const roomId = await createRoom(server, admin, { kind: 'open', name: 'Fuzz' });
  const heapBefore = heapAfterGc();
  const counted = tally('http apis', 'requests');
  await fc.assert(
    fc.asyncProperty(
      route,
      fc.array(segment, { minLength: 2, maxLength: 2 }),
      body,
      contentType,
      fc.boolean(),
      async (template, [first = '', second = ''], payload, type, authenticated) => {
        const [method = 'GET', pathTemplate = '/'] = template.split(' ');
        let index = 0;
        const path = pathTemplate.replace(/:id/g, () => {
          const value = index++ === 0 ? first : second;
          return value === 'ROOM' ? roomId : value;
        });
        const headers: Record<string, string> = {};
        if (authenticated) headers.authorization = `Bearer ${admin.token}`;
        if (type !== '' && method !== 'GET') headers['content-type'] = type;
        const response = await fetchJson(`${server.url}${path}`, {
          method,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { body: payload }),
        });
        counted.inputs++;
        assert.ok(response.status < 500, `${method} ${path} answered ${response.status}`);
        if (response.status >= 400) {
          assert.equal(typeof response.body.error, 'string', `${method} ${path}: ${response.text}`);
          assert.equal(typeof response.body.message, 'string');
        }
      },
    ),
    fcParameters(fuzzRuns() * 4),
  );
  // The admin's session may have been logged out by a fuzzed request: log in again and use it.
  const login = await postJson(`${server.url}/chat/api/auth/login`, {
    email: admin.email,
    password: 'correct horse battery',
  });
  assert.equal(login.status, 200);
  const api = new Api(server).as(String(login.body.session_token));
  assert.equal((await api.get(`/rooms/${roomId}`)).status, 200);
  assert.equal((await fetchJson(`${server.url}/health`)).status, 200);
  await assertServerHealthy(server, watch, heapBefore);
  report(counted);
});
