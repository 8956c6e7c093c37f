// Where engines keep their meet: the snapshot's encoding and its checks, the in-memory, Web
// Storage and file stores (atomic replace, missing file, quota errors), and the saver that
// coalesces changes, never overlaps saves, and lets the engine wait until a change is durable.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FilePersistence } from '../../../src/client/openlifter/node/file-persistence.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  MemoryPersistence,
  type MeetPersistence,
  type PersistedMeet,
} from '../../../src/client/openlifter/persistence.ts';
import { WebStoragePersistence } from '../../../src/client/openlifter/web-storage-persistence.ts';
import { SnapshotSaver } from '../../../src/client/snapshot-saver.ts';
import { waitUntil } from '../../support/ws-client.ts';

const SNAPSHOT: PersistedMeet = {
  format: 1,
  meetId: '123456789',
  sessionToken: 'token',
  locationName: null,
  nextLocalSeqNum: 3,
  canonical: [
    { updateKey: 'meet.name', updateValue: 'Open', serverSeqNum: 1, locationName: 'desk' },
  ],
  pending: [
    { localSeqNum: 2, updateKey: 'lifting.flight', updateValue: null, afterServerSeqNum: 1 },
  ],
  needsFullPull: false,
};

function fakeStorage() {
  const items = new Map<string, string>();
  return {
    items,
    quotaFull: false,
    getItem(key: string) {
      return items.get(key) ?? null;
    },
    setItem(key: string, value: string) {
      if (this.quotaFull) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem(key: string) {
      items.delete(key);
    },
  };
}

test('a snapshot survives encoding; anything else is refused rather than half-read', () => {
  assert.deepEqual(decodeSnapshot(encodeSnapshot(SNAPSHOT)), SNAPSHOT);
  for (const broken of [
    '[]',
    JSON.stringify({ ...SNAPSHOT, format: 2 }),
    JSON.stringify({ ...SNAPSHOT, nextLocalSeqNum: -1 }),
    JSON.stringify({
      ...SNAPSHOT,
      canonical: [{ updateKey: 'a', serverSeqNum: 1, locationName: 'd' }],
    }),
    JSON.stringify({
      ...SNAPSHOT,
      pending: [{ updateKey: 'a', updateValue: 1, localSeqNum: 'x' }],
    }),
    JSON.stringify({ ...SNAPSHOT, needsFullPull: 'no' }),
  ]) {
    assert.throws(() => decodeSnapshot(broken), TypeError, broken);
  }
});

test('the memory and Web Storage stores load what they saved, and clear it', async () => {
  const storage = fakeStorage();
  const stores: MeetPersistence[] = [
    new MemoryPersistence(),
    new WebStoragePersistence({ storage, key: 'meet-a' }),
  ];
  for (const store of stores) {
    assert.equal(await store.load(), undefined);
    await store.save(SNAPSHOT);
    assert.deepEqual(await store.load(), SNAPSHOT);
    await store.clear();
    assert.equal(await store.load(), undefined);
  }
  assert.throws(
    () => new WebStoragePersistence(),
    TypeError,
    'Node has no localStorage by default',
  );
  storage.quotaFull = true;
  await assert.rejects(new WebStoragePersistence({ storage }).save(SNAPSHOT), {
    name: 'QuotaExceededError',
  });
  storage.items.set('hearth.openlifter.meet', '{broken');
  await assert.rejects(new WebStoragePersistence({ storage }).load(), SyntaxError);
});

test('the file store replaces its file atomically and leaves no temporary file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-persist-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'meet.json');
  const store = new FilePersistence({ path });
  assert.equal(await store.load(), undefined);
  await store.save(SNAPSHOT);
  await store.save({ ...SNAPSHOT, nextLocalSeqNum: 4 });
  assert.equal((await store.load())?.nextLocalSeqNum, 4);
  assert.deepEqual(await readdir(dir), ['meet.json']);
  assert.deepEqual(decodeSnapshot(await readFile(path, 'utf8')), {
    ...SNAPSHOT,
    nextLocalSeqNum: 4,
  });
  await writeFile(path, '{"format":1');
  await assert.rejects(store.load(), SyntaxError);
  await store.clear();
  assert.deepEqual(await readdir(dir), []);
  await assert.rejects(
    new FilePersistence({ path: join(dir, 'missing', 'meet.json') }).save(SNAPSHOT),
    { code: 'ENOENT' },
  );
  assert.deepEqual(await readdir(dir), [], 'a failed save cleans up after itself');
});

/** A store whose saves wait until released, recording what they were given. */
function slowStore() {
  const saved: number[] = [];
  const releases: (() => void)[] = [];
  let fail = false;
  const store: MeetPersistence = {
    load: () => Promise.resolve(undefined),
    clear: () => Promise.resolve(),
    save: (snapshot) => {
      const version = snapshot.nextLocalSeqNum;
      return new Promise((resolve, reject) => {
        releases.push(() => {
          if (fail) reject(new Error('disk full'));
          else {
            saved.push(version);
            resolve();
          }
        });
      });
    },
  };
  return {
    store,
    saved,
    /** Waits for exactly one save to be in progress, then finishes it. */
    async releaseOne(): Promise<void> {
      await waitUntil(() => releases.length > 0);
      assert.equal(releases.length, 1, 'saves never overlap');
      releases.shift()?.();
      await Promise.resolve();
    },
    failNext: (value: boolean) => {
      fail = value;
    },
  };
}

test('the saver coalesces changes, never overlaps saves, and saveNow waits for its changes', async () => {
  const slow = slowStore();
  let version = 0;
  const errors: unknown[] = [];
  const saver = new SnapshotSaver({
    persistence: slow.store,
    take: () => ({ ...SNAPSHOT, nextLocalSeqNum: version }),
    delayMs: 1,
    onError: (error) => errors.push(error),
  });
  for (version = 1; version <= 5; version++) saver.markChanged();
  version = 5;
  await slow.releaseOne();
  await waitUntil(() => !saver.dirty);
  assert.deepEqual(slow.saved, [5], 'five changes made together, one save');

  version = 6;
  saver.markChanged();
  const now = saver.saveNow();
  version = 7;
  saver.markChanged(); // while that save runs: not part of it, saved after it
  await slow.releaseOne();
  await now;
  assert.deepEqual(slow.saved, [5, 6], 'saveNow waited for its own change only');
  assert.equal(saver.dirty, true);
  await slow.releaseOne();
  await waitUntil(() => !saver.dirty);
  assert.deepEqual(slow.saved, [5, 6, 7], 'the later change followed in the background');

  slow.failNext(true);
  version = 8;
  saver.markChanged();
  const failing = saver.saveNow();
  await slow.releaseOne();
  await assert.rejects(failing, /disk full/);
  assert.equal(saver.dirty, true);
  slow.failNext(false);
  const retried = saver.saveNow();
  await slow.releaseOne();
  await retried;
  assert.deepEqual(slow.saved, [5, 6, 7, 8]);
  assert.deepEqual(errors, [], 'a failure saveNow reports is not reported twice');
  saver.stop();
});
