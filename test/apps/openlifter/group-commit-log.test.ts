// The group-commit log: concurrent appends share fsyncs (and do not without group commit), the
// file holds lines in call order, nothing resolves before its fsync, and a failed write rejects
// its whole batch and every later append. Gated and failing files are injected via `openFile`.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';

import {
  GroupCommitLog,
  LogUnavailableError,
  type LogFile,
} from '../../../src/apps/openlifter/group-commit-log.ts';

async function tempLogPath(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-gclog-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'updates.json.log');
}

/** An in-memory file whose syncs wait for `release()` and whose writes can be made to fail. */
class GatedFile implements LogFile {
  text = '';
  syncsStarted = 0;
  syncsDone = 0;
  closed = false;
  failWrites = false;
  /** Bytes accepted per write call, to exercise short writes. */
  maxBytesPerWrite = Infinity;
  #gates: (() => void)[] = [];

  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }> {
    if (this.failWrites) return Promise.reject(new Error('EIO: injected write failure'));
    const bytesWritten = Math.min(length, this.maxBytesPerWrite);
    this.text += Buffer.from(buffer.subarray(offset, offset + bytesWritten)).toString('latin1');
    return Promise.resolve({ bytesWritten });
  }

  async datasync(): Promise<void> {
    this.syncsStarted += 1;
    await new Promise<void>((resolve) => this.#gates.push(resolve));
    this.syncsDone += 1;
  }

  /** Lets the oldest waiting sync finish. */
  async release(): Promise<void> {
    while (this.#gates.length === 0) await tick();
    this.#gates.shift()!();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function track(promise: Promise<void>): { settled: () => string } {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  return { settled: () => state };
}

test('50 concurrent appends share a handful of fsyncs and all land in call order', async (t) => {
  const path = await tempLogPath(t);
  const fsyncs: number[] = [];
  const log = await GroupCommitLog.open(path, { onFsync: (_ms, lines) => fsyncs.push(lines) });
  await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([`{"n":${i}}`])));
  assert.ok(log.batchesWritten <= 5, `expected few fsyncs, got ${log.batchesWritten}`);
  assert.equal(fsyncs.length, log.batchesWritten);
  assert.equal(log.linesWritten, 50);
  assert.equal(
    fsyncs.reduce((a, b) => a + b, 0),
    50,
  );
  const expected = Array.from({ length: 50 }, (_, i) => `{"n":${i}}\n`).join('');
  assert.equal(await readFile(path, 'utf8'), expected);
  await log.close();
});

test('without group commit every append gets its own fsync, still in order', async (t) => {
  const path = await tempLogPath(t);
  const log = await GroupCommitLog.open(path, { groupCommit: false });
  await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([`${i}`])));
  assert.equal(log.batchesWritten, 50);
  assert.equal(log.linesWritten, 50);
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  assert.deepEqual(
    lines,
    Array.from({ length: 50 }, (_, i) => `${i}`),
  );
  await log.close();
});

test('appends issued while a sync is in flight form the next batch, order kept', async () => {
  const file = new GatedFile();
  file.maxBytesPerWrite = 3; // short writes must be continued, not lost
  const log = await GroupCommitLog.open('gated.log', { openFile: () => Promise.resolve(file) });
  const first = log.append(['a1', 'a2']);
  await tick();
  assert.equal(file.syncsStarted, 1);
  const rest = [log.append(['b']), log.append(['c1', 'c2']), log.append(['d'])];
  await file.release();
  await first;
  await file.release();
  await Promise.all(rest);
  assert.equal(file.syncsDone, 2, 'b, c and d shared the second fsync');
  assert.equal(file.text, 'a1\na2\nb\nc1\nc2\nd\n');
  assert.equal(log.batchesWritten, 2);
  assert.equal(log.linesWritten, 6);
  assert.equal(log.bytesWritten, file.text.length);
});

test('no append resolves before its fsync has completed', async () => {
  const file = new GatedFile();
  const log = await GroupCommitLog.open('gated.log', { openFile: () => Promise.resolve(file) });
  const appends = Array.from({ length: 10 }, (_, i) => track(log.append([`${i}`])));
  for (let i = 0; i < 20; i += 1) await tick();
  assert.equal(file.syncsStarted, 1);
  assert.equal(file.syncsDone, 0);
  assert.ok(
    appends.every((append) => append.settled() === 'pending'),
    'written but not synced is not acknowledged',
  );
  await file.release();
  for (let i = 0; i < 5; i += 1) await tick();
  assert.ok(appends.every((append) => append.settled() === 'resolved'));
  await log.close();
});

test('a failed write rejects its whole batch, the appends queued behind it and all later ones', async () => {
  const file = new GatedFile();
  const log = await GroupCommitLog.open('gated.log', { openFile: () => Promise.resolve(file) });
  const first = log.append(['ok']);
  await tick();
  const batch = [log.append(['x']), log.append(['y'])];
  file.failWrites = true;
  await file.release();
  await first;
  for (const append of batch) {
    await assert.rejects(append, (error: unknown) => {
      assert.ok(error instanceof LogUnavailableError);
      assert.match((error.cause as Error).message, /EIO/);
      return true;
    });
  }
  assert.ok(log.failure instanceof Error);
  file.failWrites = false; // even if the disk recovers, what is on it is unknown
  await assert.rejects(log.append(['z']), LogUnavailableError);
  assert.equal(file.text, 'ok\n');
  await log.close();
  assert.equal(file.closed, true);
});

test('a failed fsync rejects the batch and fails the log', async () => {
  const file = new GatedFile();
  file.datasync = () => Promise.reject(new Error('EIO: injected fsync failure'));
  const log = await GroupCommitLog.open('gated.log', { openFile: () => Promise.resolve(file) });
  const results = await Promise.allSettled([log.append(['a']), log.append(['b'])]);
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected'],
  );
  await assert.rejects(log.append(['c']), /an earlier write failed/);
  await log.close();
});

test('close waits for in-flight appends; appends after close reject', async () => {
  const file = new GatedFile();
  const log = await GroupCommitLog.open('gated.log', { openFile: () => Promise.resolve(file) });
  const append = track(log.append(['last']));
  const closing = track(log.close());
  for (let i = 0; i < 5; i += 1) await tick();
  assert.equal(closing.settled(), 'pending');
  assert.equal(file.closed, false);
  await assert.rejects(log.append(['late']), /closed/);
  await file.release();
  await log.close();
  assert.equal(append.settled(), 'resolved');
  assert.equal(file.closed, true);
  assert.equal(file.text, 'last\n');
});

test('lines containing a newline are refused; an empty append resolves at once', async (t) => {
  const log = await GroupCommitLog.open(await tempLogPath(t));
  await assert.rejects(log.append(['a\nb']), TypeError);
  await log.append([]);
  assert.equal(log.batchesWritten, 0);
  await log.close();
});

test('create: false refuses a missing file instead of creating it', async (t) => {
  const path = await tempLogPath(t);
  await assert.rejects(GroupCommitLog.open(path, { create: false }), { code: 'ENOENT' });
  const created = await GroupCommitLog.open(path);
  await created.append(['one']);
  await created.close();
  const reopened = await GroupCommitLog.open(path, { create: false });
  await reopened.append(['two']);
  await reopened.close();
  assert.equal(await readFile(path, 'utf8'), 'one\ntwo\n', 'reopening appends, never overwrites');
});
