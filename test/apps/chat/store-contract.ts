// The ChatStore contract: what every store (SQLite, PostgreSQL) must do the same way. Each
// store's test file calls `chatStoreContract` with a way to open a fresh, empty store; the
// store-specific checks (migrations, pragmas, concurrency) stay in those files.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { UNREAD_COUNT_CAP } from '../../../src/apps/chat/sqlite-store.ts';
import type { ChatStore, NewMessageInput, NewRoomInput } from '../../../src/apps/chat/store.ts';

/** Opens an empty store for one test (closed after it), or undefined when skipped. */
export type OpenStore = (t: TestContext) => Promise<ChatStore | undefined>;

export function user(id: string, admin = false) {
  return {
    id,
    email: `${id}@example.test`,
    name: id,
    passwordHash: 'x',
    admin,
    createdAt: 1,
  };
}

export function message(
  roomId: string,
  creatorId: string,
  clientMessageId: string,
): NewMessageInput {
  return { roomId, creatorId, content: clientMessageId, clientMessageId, createdAt: 5 };
}

export function room(
  id: string,
  kind: NewRoomInput['kind'],
  memberIds: string[] = [],
  extra: Partial<NewRoomInput> = {},
): NewRoomInput {
  return {
    id,
    kind,
    name: kind === 'direct' ? null : id.toUpperCase(),
    creatorId: memberIds[0] ?? 'ann',
    directKey: kind === 'direct' ? [...memberIds].sort().join(',') : null,
    memberIds,
    createdAt: 2,
    ...extra,
  };
}

export function chatStoreContract(label: string, openStore: OpenStore): void {
  const it = (name: string, body: (store: ChatStore) => Promise<void>) => {
    test(`${label}: ${name}`, async (t) => {
      const store = await openStore(t);
      if (store === undefined) return;
      await body(store);
    });
  };

  it('first-user creation is exclusive; new users join every open room', async (store) => {
    assert.ok(await store.createUser(user('ann', true), { onlyIfFirst: true }));
    assert.equal(await store.createUser(user('bob'), { onlyIfFirst: true }), undefined);
    assert.equal(await store.countUsers(), 1);
    await assert.rejects(
      store.createUser({ ...user('ann2'), email: 'ann@example.test' }),
      /email is taken/,
    );
    await store.createRoom(room('lobby', 'open'));
    await store.createUser(user('bob'));
    assert.deepEqual(await store.memberIds('lobby'), ['ann', 'bob']);
    assert.equal(await store.countUsers(), 2);
  });

  it('users are found by id and email, listed by name, and their password changes', async (store) => {
    await store.createUser({ ...user('u2'), name: 'Zed' });
    await store.createUser({ ...user('u1', true), name: 'Amy' });
    await store.createUser({ ...user('u3'), name: 'Amy' });
    assert.deepEqual(await store.userById('u1'), { ...user('u1', true), name: 'Amy' });
    assert.equal((await store.userByEmail('u2@example.test'))?.name, 'Zed');
    assert.equal(await store.userById('nobody'), undefined);
    assert.equal(await store.userByEmail('nobody@example.test'), undefined);
    assert.deepEqual(
      (await store.listUsers()).map((record) => [record.id, record.admin]),
      [
        ['u1', true],
        ['u3', false],
        ['u2', false],
      ],
    );
    assert.deepEqual(await store.existingUserIds(['u3', 'ghost', 'u1', 'u3']), ['u3', 'u1']);
    assert.deepEqual(await store.existingUserIds([]), []);
    await store.updatePasswordHash('u2', 'new-hash');
    assert.equal((await store.userById('u2'))?.passwordHash, 'new-hash');
  });

  it('sessions live until they expire and can be deleted', async (store) => {
    await store.createUser(user('ann'));
    await store.createSession({ tokenHash: 'h1', userId: 'ann', createdAt: 10, expiresAt: 100 });
    await store.createSession({ tokenHash: 'h2', userId: 'ann', createdAt: 10, expiresAt: 50 });
    const found = await store.sessionByHash('h1', 99);
    assert.deepEqual(found, {
      session: { tokenHash: 'h1', userId: 'ann', createdAt: 10, expiresAt: 100 },
      user: user('ann'),
    });
    assert.equal(await store.sessionByHash('h1', 100), undefined, 'expired at expiresAt');
    assert.equal(await store.sessionByHash('nope', 0), undefined);
    assert.equal(await store.deleteExpiredSessions(60), 1);
    assert.equal(await store.sessionByHash('h2', 0), undefined);
    assert.equal(await store.deleteSession('h1'), true);
    assert.equal(await store.deleteSession('h1'), false);
  });

  it('rooms: members, direct keys, renames, joins and leaves', async (store) => {
    for (const id of ['ann', 'bob', 'cy']) await store.createUser(user(id));
    const closed = await store.createRoom(room('team', 'closed', ['bob', 'ann', 'bob']));
    assert.deepEqual(closed.memberIds, ['ann', 'bob']);
    assert.deepEqual(closed.room, {
      id: 'team',
      kind: 'closed',
      name: 'TEAM',
      creatorId: 'bob',
      directKey: null,
      createdAt: 2,
      updatedAt: 2,
    });
    const open = await store.createRoom(room('lobby', 'open'));
    assert.deepEqual(open.memberIds, ['ann', 'bob', 'cy']);
    const direct = await store.createRoom(room('dm', 'direct', ['cy', 'ann']));
    assert.equal(direct.room.directKey, 'ann,cy');
    assert.equal((await store.roomByDirectKey('ann,cy'))?.id, 'dm');
    assert.equal(await store.roomByDirectKey('ann,bob'), undefined);
    await assert.rejects(store.createRoom(room('dm2', 'direct', ['ann', 'cy'])));
    assert.equal(await store.roomById('dm2'), undefined, 'the failed room left nothing behind');

    assert.deepEqual(await store.renameRoom('team', 'Team!', 7), {
      ...closed.room,
      name: 'Team!',
      updatedAt: 7,
    });
    assert.equal(await store.renameRoom('ghost', 'x', 7), undefined);

    assert.deepEqual(await store.addMembers('team', ['cy', 'ann', 'cy'], 8), ['cy']);
    assert.deepEqual(await store.addMembers('team', ['ann'], 9), []);
    assert.equal((await store.roomById('team'))?.updatedAt, 8);
    assert.equal(await store.isMember('team', 'cy'), true);
    assert.equal(await store.removeMember('team', 'cy', 10), true);
    assert.equal(await store.removeMember('team', 'cy', 11), false);
    assert.equal(await store.isMember('team', 'cy'), false);
    assert.equal((await store.roomById('team'))?.updatedAt, 10);

    const views = await store.memberships('ann');
    assert.deepEqual(
      views.map((view) => [view.room.id, view.lastReadMessageId, view.lastMessageId, view.unread]),
      [
        ['dm', 0, 0, 0],
        ['lobby', 0, 0, 0],
        ['team', 0, 0, 0],
      ],
    );
    assert.equal(await store.membership('team', 'cy'), undefined);
  });

  it('inserts: duplicates return the original, non-members are refused inside the transaction', async (store) => {
    await store.createUser(user('ann'));
    await store.createUser(user('bob'));
    await store.createRoom(room('r', 'closed', ['ann']));
    assert.equal(await store.lastMessageId(), 0);
    const outcomes = await store.insertMessages([
      message('r', 'ann', 'a'),
      message('r', 'ann', 'a'),
      message('r', 'bob', 'b'),
      message('r', 'ann', 'c'),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => [
        outcome.kind,
        outcome.kind === 'not_a_member' ? 0 : outcome.message.id,
      ]),
      [
        ['created', 1],
        ['duplicate', 1],
        ['not_a_member', 0],
        ['created', 2],
      ],
    );
    assert.equal(await store.lastMessageId(), 2);
    const [again] = await store.insertMessages([message('r', 'ann', 'c')]);
    assert.deepEqual(again, {
      kind: 'duplicate',
      message: {
        id: 2,
        roomId: 'r',
        creatorId: 'ann',
        content: 'c',
        clientMessageId: 'c',
        createdAt: 5,
      },
    });
    assert.deepEqual(await store.messageByClientId('r', 'a'), {
      id: 1,
      roomId: 'r',
      creatorId: 'ann',
      content: 'a',
      clientMessageId: 'a',
      createdAt: 5,
    });
    assert.equal(await store.messageByClientId('r', 'zzz'), undefined);
    assert.deepEqual(await store.insertMessages([]), []);
    // The next id follows on: refusals and repeats used none.
    const [next] = await store.insertMessages([message('r', 'ann', 'd')]);
    assert.equal(next?.kind === 'created' ? next.message.id : 0, 3);
  });

  it('one room pages backwards and forwards around an id', async (store) => {
    await store.createUser(user('ann'));
    await store.createRoom(room('a', 'closed', ['ann']));
    await store.createRoom(room('b', 'closed', ['ann']));
    const rooms = ['a', 'b', 'a', 'a', 'b', 'a', 'a'];
    await store.insertMessages(rooms.map((id, index) => message(id, 'ann', `m${index}`)));
    const ids = (page: { messages: { id: number }[]; hasMore: boolean }) => [
      page.messages.map((record) => record.id),
      page.hasMore,
    ];
    assert.deepEqual(ids(await store.messagesPage('a', { limit: 2 })), [[6, 7], true]);
    assert.deepEqual(ids(await store.messagesPage('a', { before: 6, limit: 2 })), [[3, 4], true]);
    assert.deepEqual(ids(await store.messagesPage('a', { before: 3, limit: 2 })), [[1], false]);
    assert.deepEqual(ids(await store.messagesPage('a', { after: 1, limit: 3 })), [[3, 4, 6], true]);
    assert.deepEqual(ids(await store.messagesPage('a', { after: 4, limit: 3 })), [[6, 7], false]);
    assert.deepEqual(ids(await store.messagesPage('a', { after: 1, before: 6, limit: 5 })), [
      [3, 4],
      false,
    ]);
    assert.deepEqual(ids(await store.messagesPage('empty', { limit: 5 })), [[], false]);
  });

  it('recovery reads merge rooms by id within floors and an upper bound; floors keep the latest N', async (store) => {
    await store.createUser(user('ann'));
    for (const id of ['a', 'b', 'c']) await store.createRoom(room(id, 'closed', ['ann']));
    const rooms = ['a', 'b', 'a', 'c', 'b', 'a', 'a', 'c'];
    await store.insertMessages(rooms.map((id, index) => message(id, 'ann', `m${index}`)));
    const ids = async (floors: [string, number][], upTo: number, limit: number) =>
      (await store.messagesAfter(new Map(floors), upTo, limit)).map((record) => record.id);
    assert.deepEqual(
      await ids(
        [
          ['a', 0],
          ['b', 0],
        ],
        8,
        100,
      ),
      [1, 2, 3, 5, 6, 7],
    );
    assert.deepEqual(
      await ids(
        [
          ['a', 3],
          ['b', 0],
          ['c', 0],
        ],
        7,
        100,
      ),
      [2, 4, 5, 6, 7],
    );
    assert.deepEqual(
      await ids(
        [
          ['a', 0],
          ['b', 0],
          ['c', 0],
        ],
        8,
        3,
      ),
      [1, 2, 3],
    );
    assert.deepEqual(await ids([['a', 8]], 8, 10), []);
    assert.deepEqual(await ids([], 8, 10), []);
    const floors = await store.latestFloors(['a', 'b', 'c'], 2);
    assert.deepEqual(Object.fromEntries(floors), { a: 3, b: 0, c: 0 });
    assert.deepEqual(Object.fromEntries(await store.latestFloors(['a'], 0)), { a: 7 });
    assert.deepEqual(Object.fromEntries(await store.latestFloors([], 2)), {});
  });

  it('read positions move forward only, up to the last message; unread counts are capped', async (store) => {
    await store.createUser(user('ann'));
    await store.createUser(user('bob'));
    await store.createRoom(room('r', 'open'));
    const batch = Array.from({ length: UNREAD_COUNT_CAP + 5 }, (_value, index) =>
      message('r', 'ann', `m${index}`),
    );
    await store.insertMessages(batch);
    assert.equal((await store.membership('r', 'bob'))?.unread, UNREAD_COUNT_CAP);
    assert.equal((await store.membership('r', 'ann'))?.unread, 0);
    assert.equal((await store.markRead('r', 'bob', 1000))?.unread, 5);
    assert.equal((await store.markRead('r', 'bob', 3))?.lastReadMessageId, 1000);
    assert.equal(
      (await store.markRead('r', 'bob', 1_000_000))?.lastReadMessageId,
      UNREAD_COUNT_CAP + 5,
    );
    assert.equal((await store.membership('r', 'bob'))?.lastMessageId, UNREAD_COUNT_CAP + 5);
    assert.equal(await store.markRead('r', 'nobody', 1), undefined);
  });

  it('is writable once open', async (store) => {
    assert.equal(await store.checkWritable(), undefined);
  });
}
