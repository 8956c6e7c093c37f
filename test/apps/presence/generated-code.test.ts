// The presence protocol's generated protobuf code (src/protocol/presence/generated/) is what
// presence.proto says today: regenerating it into a temporary directory gives the checked-in
// files byte for byte, so the schema and the code that runs cannot drift apart. And it runs where
// code generation from strings is forbidden (a browser's CSP without 'unsafe-eval'): a Node
// process with V8's --disallow-code-generation-from-strings encodes and decodes every payload,
// while the same process refuses `new Function`, so the probe is not blind.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import {
  GENERATED_DIR,
  GENERATED_FILES,
  generatePresenceCode,
} from '../../../scripts/gen-presence-proto.ts';
import { REPO_ROOT } from '../../support/child-server.ts';

const run = promisify(execFile);

test('the checked-in generated code is presence.proto regenerated (npm run proto:generate)', async (t) => {
  const fresh = await mkdtemp(join(tmpdir(), 'hearth-presence-generated-'));
  t.after(() => rm(fresh, { recursive: true, force: true }));
  await generatePresenceCode(fresh);
  for (const name of GENERATED_FILES) {
    const checkedIn = await readFile(join(GENERATED_DIR, name), 'utf8');
    const regenerated = await readFile(join(fresh, name), 'utf8');
    assert.ok(
      checkedIn === regenerated,
      `src/protocol/presence/generated/${name} is stale: run npm run proto:generate`,
    );
  }
});

test('the generated code compiles nothing at run time', async () => {
  const source = await readFile(join(GENERATED_DIR, 'presence.js'), 'utf8');
  assert.doesNotMatch(source, /\bFunction\s*\(|\beval\s*\(|\bcodegen\b/);
  assert.match(source, /^import \$protobuf from 'protobufjs\/minimal\.js';$/m);
});

/** Runs in the restricted child: a round trip of every payload, and bytes that are not one. */
const CHILD = `
  import { decodeMessage, encodeMessage } from './src/protocol/presence/codec.ts';
  let evalRefused = false;
  try { new Function('return 1'); } catch (error) { evalRefused = error instanceof EvalError; }
  const payloads = {
    clientHello: { clientId: 'c1', displayName: 'Ada' },
    serverHello: { roomId: 'r', initialState: { entities: [{ id: 'e', components: { a: 'b' } }],
      lastUpdate: 1700000000123 } },
    positionUpdate: { entityId: 'c1', position: { x: 1, y: 2, z: 3 }, sequenceNumber: 4 },
    voiceData: { audioData: new Uint8Array([1, 2]) },
    entitySpawn: { entityId: 'e', components: { a: 'b' } },
    entityUpdate: { entityId: 'e', components: { a: new Uint8Array([3]) } },
    entityDespawn: { entityId: 'e' },
    chatMessage: { message: 'héllo', timestamp: 1700000000999 },
    presenceEvent: { clientId: 'c1', eventType: 2, data: { displayName: 'Ada' } },
    ack: { messageId: 'm' },
  };
  const decoded = Object.entries(payloads).map(([payload, value]) => {
    const result = decodeMessage(encodeMessage({ payload, [payload]: value, timestamp: 1700000000000 }));
    return result.ok ? [result.message.payload, result.message.timestamp] : result.error;
  });
  const garbage = decodeMessage(new Uint8Array([0x0a, 0x05, 0x61])).ok;
  console.log(JSON.stringify({ evalRefused, decoded, garbage }));
`;

test('the codec works where code generation from strings is forbidden', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '--eval', CHILD],
    { cwd: REPO_ROOT, timeout: 30_000 },
  );
  const result = JSON.parse(stdout) as {
    evalRefused: boolean;
    decoded: unknown[];
    garbage: boolean;
  };
  assert.equal(result.evalRefused, true, 'the child forbids new Function (the probe can see it)');
  assert.deepEqual(
    result.decoded,
    [
      'clientHello',
      'serverHello',
      'positionUpdate',
      'voiceData',
      'entitySpawn',
      'entityUpdate',
      'entityDespawn',
      'chatMessage',
      'presenceEvent',
      'ack',
    ].map((payload) => [payload, 1_700_000_000_000]),
  );
  assert.equal(result.garbage, false, 'a truncated frame is reported, not thrown');
});
