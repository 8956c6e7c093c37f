// Atomic file replacement: readers racing many rewrites only ever see a whole old or whole new
// file, no temp file is left behind, and a failed replacement leaves the target as it was.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';

import {
  fsyncDirectory,
  isAtomicTempFile,
  writeFileAtomic,
} from '../../../src/apps/openlifter/atomic-file.ts';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-atomic-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('writes new content, replaces old content, leaves no temp file, mode 0600', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'auth.json');
  await writeFileAtomic(path, 'first');
  await writeFileAtomic(path, Buffer.from('second'));
  assert.equal(await readFile(path, 'utf8'), 'second');
  assert.deepEqual(await readdir(dir), ['auth.json']);
  if (process.platform !== 'win32') assert.equal((await stat(path)).mode & 0o777, 0o600);
});

test('readers racing rewrites see either the old or the new content, never a mix', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'sessions.json');
  // Large enough that a non-atomic write would be observed half done.
  const versions = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(512 * 1024));
  await writeFileAtomic(path, versions[0]!);
  const state = { writing: true };
  const writer = (async () => {
    for (let round = 0; round < 20; round += 1) {
      await writeFileAtomic(path, versions[round % versions.length]!);
    }
    state.writing = false;
  })();
  let reads = 0;
  while (state.writing) {
    const content = await readFile(path, 'utf8');
    assert.ok(versions.includes(content), `a torn read of ${content.length} characters`);
    reads += 1;
  }
  await writer;
  assert.ok(reads > 0);
  assert.deepEqual((await readdir(dir)).filter(isAtomicTempFile), []);
});

test('a replacement that fails leaves the target untouched and removes its temp file', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'opl.csv');
  // A non-empty directory cannot be renamed over: the rename step fails after the temp write.
  await mkdir(target);
  await writeFile(join(target, 'keep'), 'old');
  await assert.rejects(writeFileAtomic(target, 'new'));
  assert.equal(await readFile(join(target, 'keep'), 'utf8'), 'old');
  assert.deepEqual(await readdir(dir), ['opl.csv']);
});

test('a missing directory fails before anything is written', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(writeFileAtomic(join(dir, 'nope', 'x.json'), '{}'), { code: 'ENOENT' });
  await assert.rejects(fsyncDirectory(join(dir, 'nope')), { code: 'ENOENT' });
});

test('temp files are recognised by name', () => {
  assert.equal(isAtomicTempFile('.auth.json.0a1b2c3d4e5f.tmp'), true);
  assert.equal(isAtomicTempFile('auth.json'), false);
  assert.equal(isAtomicTempFile('updates.json.log'), false);
});
