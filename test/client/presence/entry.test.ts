// The main entry point of the presence SDK never loads protobufjs: a fresh Node process imports
// it (and builds a relay client) while a module hook records every module loaded, ESM or
// CommonJS. The same probe on the protobuf entry must see protobufjs, or the probe is blind.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/child-server.ts';

const run = promisify(execFile);
const PROBE = join(REPO_ROOT, 'test/client/presence/support/load-entry.ts');

async function modulesLoadedBy(entry: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [PROBE, join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    timeout: 30_000,
  });
  return JSON.parse(stdout) as string[];
}

const isProtobufjs = (url: string): boolean =>
  /\/node_modules\/(@protobufjs|protobufjs)\//.test(url);

test('importing the main entry (and building a relay client) loads no protobufjs', async () => {
  const loaded = await modulesLoadedBy('src/client/presence/index.ts');
  assert.ok(
    loaded.some((url) => url.endsWith('/src/client/presence/presence-client.ts')),
    'the probe saw the SDK load',
  );
  assert.deepEqual(loaded.filter(isProtobufjs), []);
  assert.deepEqual(
    loaded.filter((url) => /\/src\/protocol\/presence\/(codec\.ts|generated\/)/.test(url)),
    [],
    'nor the protobuf codec or its generated code',
  );
});

test('the protobuf entry does load protobufjs (the probe can see it)', async () => {
  const loaded = await modulesLoadedBy('src/client/presence/protobuf.ts');
  assert.ok(loaded.some(isProtobufjs), 'protobufjs is among the modules loaded');
});
