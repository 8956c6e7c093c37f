// Logging outputs: JSON lines on the destination, optionally also a file, `pretty` text for
// people; credentials never appear in either.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, redactUrl } from '../../src/core/observability/logger.ts';
import { waitUntil } from '../support/ws-client.ts';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

test('log.file receives the same JSON lines, with secrets redacted', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-log-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'nested', 'hearth.log');
  const out = sink();
  const logger = createLogger({ level: 'info', file, destination: out.stream });
  logger.info(
    { conn: 'c1', password: 'hunter2', headers: { authorization: 'Bearer abc' } },
    'hello',
  );
  logger.flush();
  await waitUntil(async () => (await readFile(file, 'utf8').catch(() => '')).includes('hello'));
  const line = JSON.parse((await readFile(file, 'utf8')).trim()) as Record<string, unknown>;
  assert.equal(line.msg, 'hello');
  assert.equal(line.conn, 'c1');
  assert.equal(line.password, '[redacted]');
  assert.deepEqual(line.headers, { authorization: '[redacted]' });
  assert.doesNotMatch(out.text(), /hunter2|Bearer abc/);
});

test('pretty format writes readable text rather than JSON', () => {
  const out = sink();
  const logger = createLogger({ level: 'info', format: 'pretty', destination: out.stream });
  logger.info({ conn: 'c7' }, 'listening');
  assert.match(out.text(), /INFO.*listening/);
  assert.match(out.text(), /conn: "c7"/);
  assert.throws(() => JSON.parse(out.text()) as unknown);
});

test('credential query parameters are redacted from logged URLs', () => {
  assert.equal(
    redactUrl('/chat/ws?token=abc&last_seen=5'),
    '/chat/ws?token=%5Bredacted%5D&last_seen=5',
  );
  assert.equal(
    redactUrl('/presence/ws/r?auth_token=x'),
    '/presence/ws/r?auth_token=%5Bredacted%5D',
  );
  assert.equal(redactUrl('/health'), '/health');
});
