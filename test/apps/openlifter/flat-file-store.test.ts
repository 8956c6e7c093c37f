// The flat-file meet store against a real temp DATA_DIR: create/load round trips, ids that are
// taken or not nine digits, sessions, publish, the sequence guard, and what loadAll recovers
// from (torn tails, interrupted creation, a meet in both folders, leftover temp files).

import assert from 'node:assert/strict';
import {
  access,
  appendFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';

import {
  FlatFileMeetStore,
  type FlatFileMeetStoreOptions,
} from '../../../src/apps/openlifter/flat-file-store.ts';
import { LogCorruptionError } from '../../../src/apps/openlifter/json-lines.ts';
import {
  MeetStoreError,
  type MeetAuth,
  type StoredUpdate,
} from '../../../src/apps/openlifter/store.ts';

const MEET = '123456789';
const OTHER = '987654321';

const auth: MeetAuth = {
  passwordHash: '$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA',
  endpoints: [
    { locationName: 'Desk', priority: 1 },
    { locationName: 'Platform A', priority: 10 },
  ],
  createdAt: '2025-05-01T09:00:00.000Z',
};

function updates(from: number, count: number, locationName = 'Desk'): StoredUpdate[] {
  return Array.from({ length: count }, (_, i) => ({
    updateKey: `registration.entries[${from + i}].bodyweightKg`,
    updateValue: 79 + from + i,
    serverSeqNum: from + i,
    locationName,
    sessionId: 'session-1',
    localSeqNum: from + i,
  }));
}

interface Fixture {
  readonly dataDir: string;
  readonly warnings: string[];
  open(options?: Partial<FlatFileMeetStoreOptions>): Promise<FlatFileMeetStore>;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-store-'));
  const stores: FlatFileMeetStore[] = [];
  const warnings: string[] = [];
  t.after(async () => {
    await Promise.allSettled(stores.map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    warnings,
    async open(options = {}) {
      const store = new FlatFileMeetStore({
        dataDir,
        logger: { warn: (_details, message) => warnings.push(message) },
        ...options,
      });
      stores.push(store);
      await store.open();
      return store;
    },
  };
}

function hasCode(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof MeetStoreError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

const logPath = (dataDir: string, meetId = MEET): string =>
  join(dataDir, 'current-meets', meetId, 'updates.json.log');

test('a created meet with appended updates loads back whole', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  assert.deepEqual(await store.loadAll(), []);
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 3));
  await store.appendUpdates(MEET, updates(4, 1, 'Platform A'));
  await store.close();

  const loaded = await (await f.open()).loadAll();
  assert.equal(loaded.length, 1);
  const [meet] = loaded;
  assert.equal(meet?.meetId, MEET);
  assert.equal(meet.finished, false);
  assert.deepEqual(meet.auth, auth);
  assert.deepEqual(meet.sessions, [], 'no sessions.json yet');
  assert.deepEqual(meet.updates, [...updates(1, 3), ...updates(4, 1, 'Platform A')]);
  assert.deepEqual(f.warnings, []);
});

test('concurrent appends to one meet share fsyncs and reach the file in call order', async (t) => {
  const f = await fixture(t);
  const fsyncs: number[] = [];
  const store = await f.open({ onFsync: (_ms, lines) => fsyncs.push(lines) });
  await store.createMeet(MEET, auth);
  const all = updates(1, 40);
  await Promise.all(all.map((update) => store.appendUpdates(MEET, [update])));
  assert.ok(store.stats.batchesWritten < 10, `${store.stats.batchesWritten} fsyncs`);
  assert.equal(store.stats.linesWritten, 40);
  assert.equal(
    fsyncs.reduce((a, b) => a + b, 0),
    40,
  );
  await store.close();
  const [meet] = await (await f.open()).loadAll();
  assert.deepEqual(meet?.updates, all);
});

test('with groupCommit false every append is its own fsync', async (t) => {
  const f = await fixture(t);
  const store = await f.open({ groupCommit: false });
  await store.createMeet(MEET, auth);
  await Promise.all(updates(1, 20).map((update) => store.appendUpdates(MEET, [update])));
  assert.equal(store.stats.batchesWritten, 20);
});

test('appends must continue the sequence; a refused batch writes nothing', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 2));
  await assert.rejects(store.appendUpdates(MEET, updates(4, 1)), /3 was expected/);
  await assert.rejects(store.appendUpdates(MEET, updates(2, 1)), hasCode('invalid_data'));
  await assert.rejects(
    store.appendUpdates(MEET, [{ ...updates(3, 1)[0]!, updateValue: undefined }]),
    hasCode('invalid_data'),
  );
  await store.appendUpdates(MEET, updates(3, 1));
  await store.close();
  assert.deepEqual((await (await f.open()).loadAll())[0]?.updates, updates(1, 3));
});

test('an id that exists, current or finished, is refused', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await assert.rejects(store.createMeet(MEET, auth), hasCode('meet_exists'));
  await store.createMeet(OTHER, auth);
  await store.publishMeet(OTHER, 'csv', 'director@example.org');
  await assert.rejects(store.createMeet(OTHER, auth), hasCode('meet_exists'));
  await store.close();
  const again = await f.open();
  await assert.rejects(again.createMeet(OTHER, auth), hasCode('meet_exists'), 'after a restart');
});

test('ids that are not exactly nine digits are refused by every method', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  const bad = [
    '../x',
    '123/456',
    '1234567890',
    '12345678',
    '',
    '../../../etc',
    '12345678\n',
    '１２３４５６７８９',
  ];
  for (const id of [...bad, 123456789 as unknown as string]) {
    const refused = hasCode('invalid_meet_id');
    await assert.rejects(store.createMeet(id, auth), refused);
    await assert.rejects(store.appendUpdates(id, updates(1, 1)), refused);
    await assert.rejects(store.saveSessions(id, []), refused);
    await assert.rejects(store.publishMeet(id, 'csv', 'a@b.c'), refused);
  }
  assert.deepEqual(await readdir(f.dataDir), ['current-meets', 'finished-meets']);
  assert.deepEqual(await readdir(join(f.dataDir, 'current-meets')), [MEET]);
});

test('saveSessions replaces the whole list and stores only the record fields', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  const first = { sessionId: 'a', tokenHash: 'h1', locationName: 'Desk', expiresAt: 1 };
  await store.saveSessions(MEET, [first]);
  const withToken = { sessionId: 'b', tokenHash: 'h2', locationName: undefined, expiresAt: 2 };
  await store.saveSessions(MEET, [first, { ...withToken, token: 'SECRET' } as typeof withToken]);
  const text = await readFile(join(f.dataDir, 'current-meets', MEET, 'sessions.json'), 'utf8');
  assert.doesNotMatch(text, /SECRET/);
  await store.close();
  const [meet] = await (await f.open()).loadAll();
  assert.deepEqual(meet?.sessions, [first, withToken]);
  assert.ok(meet.sessions[1] && 'locationName' in meet.sessions[1], 'display-only is explicit');
});

test('concurrent saveSessions calls land in call order', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  const lists = Array.from({ length: 10 }, (_, i) => [
    { sessionId: `s${i}`, tokenHash: `h${i}`, locationName: 'Desk', expiresAt: i },
  ]);
  await Promise.all(lists.map((sessions) => store.saveSessions(MEET, sessions)));
  await store.close();
  assert.deepEqual((await (await f.open()).loadAll())[0]?.sessions, lists[9]);
});

test('publish moves the meet with its files; appends to it are refused from then on', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 2));
  await store.saveSessions(MEET, [
    { sessionId: 'a', tokenHash: 'h', locationName: 'Desk', expiresAt: 9 },
  ]);
  const inFlight = store.appendUpdates(MEET, updates(3, 1));
  await store.publishMeet(MEET, 'Name,Sex\nA,M\n', 'director@example.org');
  await inFlight; // issued before publish: durable and part of the finished meet
  await assert.rejects(store.appendUpdates(MEET, updates(4, 1)), hasCode('meet_finished'));
  await assert.rejects(store.publishMeet(MEET, 'x', 'y@z.w'), hasCode('meet_finished'));

  const dir = join(f.dataDir, 'finished-meets', MEET);
  assert.deepEqual((await readdir(dir)).sort(), [
    'auth.json',
    'email.txt',
    'opl.csv',
    'sessions.json',
    'updates.json.log',
  ]);
  assert.equal(await readFile(join(dir, 'opl.csv'), 'utf8'), 'Name,Sex\nA,M\n');
  assert.equal(await readFile(join(dir, 'email.txt'), 'utf8'), 'director@example.org');
  await assert.rejects(access(join(f.dataDir, 'current-meets', MEET)), { code: 'ENOENT' });

  // Sessions of a finished meet can still change (people may still pull it).
  await store.saveSessions(MEET, []);
  await store.close();

  const reloaded = await f.open();
  const [meet] = await reloaded.loadAll();
  assert.equal(meet?.finished, true);
  assert.deepEqual(meet.updates, updates(1, 3));
  assert.deepEqual(meet.sessions, []);
  await assert.rejects(reloaded.appendUpdates(MEET, updates(4, 1)), hasCode('meet_finished'));
  // A store that never loaded finds out from the disk.
  const fresh = await f.open();
  await assert.rejects(fresh.appendUpdates(MEET, updates(4, 1)), hasCode('meet_finished'));
});

test('unknown meets: appends, sessions and publish say meet_not_found', async (t) => {
  const store = await (await fixture(t)).open();
  await assert.rejects(store.appendUpdates(MEET, updates(1, 1)), hasCode('meet_not_found'));
  await assert.rejects(store.saveSessions(MEET, []), hasCode('meet_not_found'));
  await assert.rejects(store.publishMeet(MEET, 'csv', 'a@b.c'), hasCode('meet_not_found'));
});

test('a torn tail is dropped and cut off on load; later appends make a clean file', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 2));
  await store.close();
  const clean = await readFile(logPath(f.dataDir), 'utf8');
  await appendFile(logPath(f.dataDir), '{"updateKey":"registration.entries[3]","upda');

  const reloaded = await f.open();
  const [meet] = await reloaded.loadAll();
  assert.deepEqual(meet?.updates, updates(1, 2));
  assert.deepEqual(f.warnings, ['dropped a torn last line of updates.json.log']);
  assert.equal(await readFile(logPath(f.dataDir), 'utf8'), clean, 'truncated on disk');
  await reloaded.appendUpdates(MEET, updates(3, 2));
  await reloaded.close();
  const text = await readFile(logPath(f.dataDir), 'utf8');
  assert.ok(text.endsWith('\n'));
  assert.deepEqual((await (await f.open()).loadAll())[0]?.updates, updates(1, 4));
});

test('a store that appends without loadAll repairs the torn tail first', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 1));
  await store.close();
  await appendFile(logPath(f.dataDir), '{"torn');
  const fresh = await f.open();
  await assert.rejects(fresh.appendUpdates(MEET, updates(3, 1)), /2 was expected/);
  await fresh.appendUpdates(MEET, updates(2, 1));
  await fresh.close();
  assert.deepEqual((await (await f.open()).loadAll())[0]?.updates, updates(1, 2));
});

test('a corrupt line in the middle of a log fails loadAll, naming meet and line', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 1));
  await store.close();
  await appendFile(logPath(f.dataDir), 'not json\n{"also":"bad"}\n');
  await assert.rejects((await f.open()).loadAll(), (error: unknown) => {
    assert.ok(error instanceof LogCorruptionError);
    assert.equal(error.meetId, MEET);
    assert.equal(error.line, 2);
    return true;
  });
});

test('recovery: interrupted creation ignored, finished wins over current, temp files swept', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  await store.createMeet(MEET, auth);
  await store.appendUpdates(MEET, updates(1, 1));
  await store.publishMeet(MEET, 'csv', 'a@b.c');
  await store.close();
  const current = join(f.dataDir, 'current-meets');
  // The same meet back in current-meets (a restored backup), with more updates.
  await mkdir(join(current, MEET));
  await writeFile(join(current, MEET, 'auth.json'), JSON.stringify(auth));
  await writeFile(join(current, MEET, 'updates.json.log'), '');
  // A creation that crashed before auth.json.
  await mkdir(join(current, OTHER));
  await writeFile(join(current, OTHER, 'updates.json.log'), '');
  // An atomic write that crashed before its rename, and a stray file.
  const finishedDir = join(f.dataDir, 'finished-meets', MEET);
  await writeFile(join(finishedDir, '.sessions.json.abcdef012345.tmp'), '[{"half');
  await writeFile(join(current, 'notes.txt'), 'hello');

  const reloaded = await f.open();
  const meets = await reloaded.loadAll();
  assert.deepEqual(
    meets.map((meet) => [meet.meetId, meet.finished, meet.updates.length]),
    [[MEET, true, 1]],
  );
  assert.equal(f.warnings.length, 3, f.warnings.join('; '));
  assert.ok(!(await readdir(finishedDir)).some((name) => name.endsWith('.tmp')));
  await assert.rejects(reloaded.createMeet(OTHER, auth), hasCode('meet_exists'), 'id stays taken');
  await assert.rejects(reloaded.appendUpdates(MEET, updates(2, 1)), hasCode('meet_finished'));
});

test('checkWritable probes the data directory and reports a closed store', async (t) => {
  const f = await fixture(t);
  const store = await f.open();
  assert.equal(await store.checkWritable(), undefined);
  assert.deepEqual(await readdir(join(f.dataDir, 'current-meets')), []);
  await store.close();
  assert.match((await store.checkWritable()) ?? '', /closed/);
  await assert.rejects(store.createMeet(MEET, auth), hasCode('unavailable'));
  const unopened = new FlatFileMeetStore({ dataDir: f.dataDir });
  assert.match((await unopened.checkWritable()) ?? '', /not open/);
  await assert.rejects(unopened.loadAll(), hasCode('unavailable'));
});
