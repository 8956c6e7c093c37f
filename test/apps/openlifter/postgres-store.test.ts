// The OpenLifter MeetStore on PostgreSQL, each test in a schema of its own: the MeetStore
// contract (create, load, gap-free appends, sessions, publish, error codes) and what the shared
// store adds for several nodes: the locked sequencing step that hands a node what it missed,
// serial across pools, and nothing written when sequencing fails.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { PostgresMeetStore } from '../../../src/apps/openlifter/postgres-meet-store.ts';
import {
  MeetStoreErrorCode,
  type MeetAuth,
  type StoredSession,
  type StoredUpdate,
} from '../../../src/apps/openlifter/store.ts';
import { freshSchema } from '../../support/postgres-schema.ts';

const AUTH: MeetAuth = {
  passwordHash: '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA',
  endpoints: [
    { locationName: 'desk', priority: 30 },
    { locationName: 'platform', priority: 20 },
  ],
  createdAt: '2026-03-01T09:00:00.000Z',
};

/** Two stores on separate pools of one fresh schema, as two nodes would have them. */
async function twoStores(
  t: TestContext,
): Promise<[PostgresMeetStore, PostgresMeetStore] | undefined> {
  const fresh = await freshSchema(t, 'hearth_ol_store');
  if (fresh === undefined) return undefined;
  const first = new PostgresMeetStore(fresh.db);
  const second = new PostgresMeetStore(await fresh.connect());
  await Promise.all([first.open(), second.open()]);
  return [first, second];
}

function update(serverSeqNum: number, extra: Partial<StoredUpdate> = {}): StoredUpdate {
  return {
    updateKey: `k${serverSeqNum}`,
    updateValue: serverSeqNum,
    serverSeqNum,
    locationName: 'desk',
    ...extra,
  };
}

const code = (expected: string) => (error: unknown) =>
  (error as { code?: unknown }).code === expected;

test('a meet is created once, loads back whole, and its log grows only gap-free', async (t) => {
  const stores = await twoStores(t);
  if (stores === undefined) return;
  const [store, other] = stores;
  await store.createMeet('123456789', AUTH);
  await assert.rejects(other.createMeet('123456789', AUTH), code(MeetStoreErrorCode.MeetExists));
  await assert.rejects(store.createMeet('12345678', AUTH), code(MeetStoreErrorCode.InvalidMeetId));
  await assert.rejects(
    store.appendUpdates('999999999', [update(1)]),
    code(MeetStoreErrorCode.MeetNotFound),
  );

  // Values exactly as sent: key order kept, a lone surrogate kept, nested data kept.
  const odd = { z: 1, a: [null, { '\ud800': 'x' }], m: '\u0000\u2028' };
  await store.appendUpdates('123456789', [
    update(1, { updateValue: odd, sessionId: 's1', localSeqNum: 7 }),
    update(2),
  ]);
  await assert.rejects(
    store.appendUpdates('123456789', [update(4)]),
    code(MeetStoreErrorCode.InvalidData),
  );
  await assert.rejects(
    store.appendUpdates('123456789', [update(3, { serverSeqNum: 0 })]),
    code(MeetStoreErrorCode.InvalidData),
  );
  // The same (session, localSeqNum) twice is refused by the database itself.
  await assert.rejects(
    store.appendUpdates('123456789', [update(3, { sessionId: 's1', localSeqNum: 7 })]),
  );

  const loaded = await other.loadMeet('123456789', Date.now());
  assert.ok(loaded);
  assert.equal(loaded.finished, false);
  assert.deepEqual(loaded.auth, AUTH);
  assert.deepEqual(
    loaded.updates.map((entry) => entry.serverSeqNum),
    [1, 2],
  );
  const [firstEntry] = loaded.updates;
  assert.ok(firstEntry);
  assert.equal(JSON.stringify(firstEntry.updateValue), JSON.stringify(odd));
  assert.equal(firstEntry.sessionId, 's1');
  assert.equal(firstEntry.localSeqNum, 7);
  assert.equal(await other.loadMeet('987654321', Date.now()), undefined);
  assert.deepEqual(
    (await other.loadAll()).map((meet) => [meet.meetId, meet.updates.length]),
    [['123456789', 2]],
  );
  assert.equal(await store.checkWritable(), undefined);
});

test('appendLocked hands each node what it missed and numbers after it, one node at a time', async (t) => {
  const stores = await twoStores(t);
  if (stores === undefined) return;
  const [a, b] = stores;
  await a.createMeet('111222333', AUTH);
  await a.appendLocked('111222333', 0, (tail) => {
    assert.deepEqual(tail, { updates: [], finished: false });
    return [update(1), update(2)];
  });
  // Node b still believes the log is empty: it is handed 1 and 2 and appends 3.
  await b.appendLocked('111222333', 0, (tail) => {
    assert.deepEqual(
      tail.updates.map((entry) => entry.serverSeqNum),
      [1, 2],
    );
    return [update(3, { locationName: 'platform' })];
  });
  // Many concurrent appends from both nodes, each believing only what it last saw: the lock
  // makes them take turns, so every call is handed exactly the entries it has not seen.
  const appendFrom = (store: PostgresMeetStore, known: number, locationName: string) =>
    store.appendLocked('111222333', known, (tail) => {
      assert.deepEqual(
        tail.updates.map((entry) => entry.serverSeqNum),
        Array.from({ length: tail.updates.length }, (_, i) => known + i + 1),
      );
      return [update(known + tail.updates.length + 1, { locationName })];
    });
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? appendFrom(a, 2, 'desk') : appendFrom(b, 3, 'platform'),
    ),
  );
  const tail = await b.readLogAfter('111222333', 0);
  assert.deepEqual(
    tail.updates.map((entry) => entry.serverSeqNum),
    Array.from({ length: 23 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    (await a.readLogAfter('111222333', 20)).updates.map((entry) => entry.serverSeqNum),
    [21, 22, 23],
  );

  // A sequencing step that throws writes nothing; one numbering wrongly is invalid_data.
  await assert.rejects(
    a.appendLocked('111222333', 23, () => {
      throw new Error('judging failed');
    }),
    /judging failed/,
  );
  await assert.rejects(
    a.appendLocked('111222333', 23, () => [update(25)]),
    code(MeetStoreErrorCode.InvalidData),
  );
  // A node that knows more than the store (the store lost its tail) is told so.
  await assert.rejects(
    a.appendLocked('111222333', 30, () => []),
    code(MeetStoreErrorCode.Corrupt),
  );
  await assert.rejects(a.readLogAfter('111222333', 30), code(MeetStoreErrorCode.Corrupt));
  assert.equal((await b.readLogAfter('111222333', 0)).updates.length, 23);
});

test('sessions from several nodes are kept together; expired ones are not found', async (t) => {
  const stores = await twoStores(t);
  if (stores === undefined) return;
  const [a, b] = stores;
  await a.createMeet('444555666', AUTH);
  const now = Date.now();
  const session = (id: string, expiresAt: number, locationName?: string): StoredSession => ({
    sessionId: id,
    tokenHash: `hash-${id}`,
    locationName,
    expiresAt,
  });
  await a.saveSessions('444555666', [session('a1', now + 60_000, 'desk')]);
  await b.saveSessions('444555666', [
    session('b1', now + 60_000),
    session('b2', now - 1, 'platform'),
  ]);
  const found = await b.findSession('hash-a1', now);
  assert.deepEqual(found, {
    meetId: '444555666',
    session: session('a1', now + 60_000, 'desk'),
  });
  assert.equal((await a.findSession('hash-b1', now))?.session.locationName, undefined);
  assert.equal(await a.findSession('hash-b2', now), undefined);
  assert.equal(await a.findSession('hash-nobody', now), undefined);
  const loaded = await a.loadMeet('444555666', now);
  assert.deepEqual(loaded?.sessions.map((s) => s.sessionId).sort(), ['a1', 'b1']);
  await assert.rejects(
    a.saveSessions('777888999', [session('x', now + 1)]),
    code(MeetStoreErrorCode.MeetNotFound),
  );
});

test('a published meet is finished for every node: appends are refused, publishing again too', async (t) => {
  const stores = await twoStores(t);
  if (stores === undefined) return;
  const [a, b] = stores;
  await a.createMeet('222333444', AUTH);
  await a.appendUpdates('222333444', [update(1)]);
  await b.publishMeet('222333444', 'Name,Sex\n', 'director@example.org');
  await assert.rejects(
    a.publishMeet('222333444', 'x', 'y@example.org'),
    code(MeetStoreErrorCode.MeetFinished),
  );
  let seen: boolean | undefined;
  await assert.rejects(
    a.appendLocked('222333444', 1, (tail) => {
      seen = tail.finished;
      return [update(2)];
    }),
    code(MeetStoreErrorCode.MeetFinished),
  );
  assert.equal(seen, true);
  // Handing back nothing is how a node refuses the batch itself: that succeeds.
  await a.appendLocked('222333444', 1, () => []);
  await assert.rejects(
    a.appendUpdates('222333444', [update(2)]),
    code(MeetStoreErrorCode.MeetFinished),
  );
  const loaded = await a.loadMeet('222333444', Date.now());
  assert.ok(loaded);
  assert.equal(loaded.finished, true);
  assert.equal(loaded.updates.length, 1);
  await a.close();
  await assert.rejects(a.loadAll(), code(MeetStoreErrorCode.Unavailable));
  assert.equal(typeof (await a.checkWritable()), 'string');
});
