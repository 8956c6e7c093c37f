// `hearth chat add-user` as a real process: the password comes from stdin (never argv), the
// user can log in to a server on the same data directory, and mistakes exit non-zero with a
// message and no stack trace.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Api, login, PASSWORD, startChatServer } from './support/chat-server.ts';
import { runAddUser } from './support/cli.ts';

test('add-user creates a user who can log in; mistakes are refused with a message', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-cli-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));

  const added = await runAddUser(
    dataDir,
    ['--email', 'Ops@Example.test', '--name', 'Ops', '--admin'],
    `${PASSWORD}\n`,
  );
  assert.equal(added.code, 0, added.stderr);
  const printed = JSON.parse(added.stdout) as { id: string; email: string; admin: boolean };
  assert.equal(printed.email, 'ops@example.test');
  assert.equal(printed.admin, true);
  assert.doesNotMatch(added.stdout + added.stderr, new RegExp(PASSWORD));

  const duplicate = await runAddUser(
    dataDir,
    ['--email', 'ops@example.test', '--name', 'Again'],
    `${PASSWORD}\n`,
  );
  assert.equal(duplicate.code, 1);
  assert.match(duplicate.stderr, /email exists/);
  const missing = await runAddUser(dataDir, ['--email', 'x@example.test'], `${PASSWORD}\n`);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--name/);
  const weak = await runAddUser(dataDir, ['--email', 'y@example.test', '--name', 'Y'], 'short\n');
  assert.equal(weak.code, 2);
  assert.match(weak.stderr, /password/);
  for (const result of [duplicate, missing, weak]) assert.doesNotMatch(result.stderr, /^\s+at /m);

  await using server = await startChatServer({ config: { storage: { data_dir: dataDir } } });
  const user = await login(server, 'ops@example.test');
  assert.equal(user.id, printed.id);
  const setup = await new Api(server).post('/setup', {
    email: 'late@example.test',
    name: 'Late',
    password: PASSWORD,
  });
  assert.equal(setup.status, 403, 'a user exists: setup is closed');
});
