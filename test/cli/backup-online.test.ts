// `hearth backup` against a running `hearth serve` child while OpenLifter engines edit a meet and
// a chat client sends messages; then the data dir is wiped, `hearth restore` puts the archive
// back and the server restarts on the same port. The engines stay connected throughout (they
// reconnect by themselves), so the server rebuilds what it lost since the snapshot from them:
// every acknowledged edit ends up in the log exactly once at its number, and every engine's state
// equals the server's. Chat has no such rebuild: the restored database must hold every message
// delivered before the backup started, and be exactly the delivered messages up to its newest
// one (a point-in-time snapshot: no hole, no repeat, nothing unknown).

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChatClient } from '../../src/client/chat/index.ts';
import { MeetSyncEngine, type MeetSyncEngineOptions } from '../../src/client/openlifter/index.ts';
import type { RelayedUpdate } from '../../src/protocol/openlifter/messages.ts';
import { materialize } from '../../src/protocol/openlifter/meet-state.ts';
import { HearthProcess } from '../support/child-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';
import { Api, setupAdmin } from '../apps/chat/support/chat-server.ts';

const PASSWORD = 'correct horse battery staple';
const ENDPOINTS = [
  { locationName: 'desk', priority: 30 },
  { locationName: 'platform', priority: 20 },
];

/** Limits raised: every connection and login of the test comes from 127.0.0.1. */
const SERVER_ENV = {
  HEARTH_LOG__LEVEL: 'warn',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '10000',
  HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '10000',
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '100000',
  HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_IP_PER_MINUTE: '10000',
  HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_MEET_PER_MINUTE: '10000',
};

async function serve(
  dataDir: string,
  port: number,
): Promise<{ hearth: HearthProcess; port: number }> {
  const hearth = new HearthProcess(
    ['serve', '--port', String(port), '--data-dir', dataDir],
    SERVER_ENV,
  );
  return { hearth, port: await hearth.listeningPort(15_000) };
}

/** Runs a `hearth` command to its end; returns its exit code and output. */
async function run(args: readonly string[]): Promise<HearthProcess & { code: number | null }> {
  const command = new HearthProcess(args, { HEARTH_LOG__LEVEL: 'warn' });
  const { code } = await command.waitForExit(60_000);
  return Object.assign(command, { code });
}

interface Acked {
  readonly location: string;
  readonly updateKey: string;
  readonly updateValue: unknown;
  readonly serverSeqNum: number;
}

/** The server's whole log, page by page, through a raw client with `sessionToken`. */
async function serverLog(port: number, sessionToken: string): Promise<RelayedUpdate[]> {
  await using client = await TestClient.connect(`ws://127.0.0.1:${port}/openlifter/ws`);
  const entries: RelayedUpdate[] = [];
  for (;;) {
    client.sendJson({ msgType: 'CLIENT_PULL', sessionToken, lastServerSeq: entries.length });
    const page = await client.waitForJson<{
      lastServerSeq: number;
      updatesRelayed: RelayedUpdate[];
    }>((message) => (message as { msgType?: string }).msgType === 'SERVER_PULL', 10_000);
    entries.push(...page.updatesRelayed);
    if (page.updatesRelayed.length === 0 || entries.length >= page.lastServerSeq) return entries;
  }
}

test('an online backup restores to a server whose clients resume without loss', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-backup-data-'));
  const outDir = await mkdtemp(join(tmpdir(), 'hearth-backup-out-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  t.after(() => rm(outDir, { recursive: true, force: true }));
  const archive = join(outDir, 'hearth.tar.gz');

  const first = await serve(dataDir, 0);
  await using firstServer = first.hearth;
  const port = first.port;
  const baseUrl = `http://127.0.0.1:${port}`;

  // OpenLifter: two editing engines on one meet.
  const engineOptions: MeetSyncEngineOptions = {
    url: `ws://127.0.0.1:${port}/openlifter/ws`,
    socket: { backoff: { initialDelayMs: 10, maxDelayMs: 200 }, backOffMinDelayMs: 10 },
    gapPullDelayMs: 50,
  };
  const desk = new MeetSyncEngine(engineOptions);
  const platform = new MeetSyncEngine(engineOptions);
  t.after(() => Promise.all([desk.close(), platform.close()]));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  const acked: Acked[] = [];
  for (const engine of [desk, platform]) {
    engine.addEventListener('acknowledged', (event) => {
      for (const update of event.updates) {
        acked.push({ location: engine.locationName ?? '', ...update });
      }
    });
  }

  // Chat: one tab writes, and the message ids it is told are recorded in order.
  const admin = await setupAdmin(baseUrl);
  const created = await new Api(baseUrl, admin.token).post('/rooms', { kind: 'open', name: 'Ops' });
  assert.equal(created.status, 201, created.text);
  const roomId = (created.body.room as { id: string }).id;
  const chatOptions = {
    url: `ws://127.0.0.1:${port}/chat/ws`,
    sessionToken: admin.token,
    socket: { backoff: { initialDelayMs: 10, maxDelayMs: 200 }, backOffMinDelayMs: 20 },
  };
  const writer = new ChatClient(chatOptions);
  t.after(() => writer.close());
  await writer.started;
  const delivered = new Map<string, string>(); // content → message id
  const contents = new Map<string, string>(); // client message id → content
  writer.addEventListener('delivered', (event) => {
    delivered.set(contents.get(event.clientMessageId) ?? '?', event.messageId);
  });
  await waitUntil(() => writer.rooms.some((room) => room.id === roomId), 10_000);

  // Edits and messages flow until told to stop.
  const flow = { writing: true };
  let sent = 0;
  const traffic = (async () => {
    for (let index = 0; flow.writing; index++) {
      desk.edit(`meet.desk${index % 40}`, `desk-${index}`);
      platform.edit(`registration.entries[${index % 40}].lot`, `platform-${index}`);
      const content = `message ${index}`;
      contents.set(writer.send(roomId, content), content);
      sent++;
      await sleep(15);
    }
  })();

  await waitUntil(() => acked.length >= 40 && delivered.size >= 20, 20_000);
  const ackedBefore = [...acked];
  const deliveredBefore = new Set(delivered.keys());
  const backup = await run(['backup', '--out', archive, '--data-dir', dataDir]);
  assert.equal(backup.code, 0, backup.stderr);
  assert.equal(backup.stdout.trim(), archive);
  assert.match(backup.stderr, /chat database/);
  // Traffic goes on after the snapshot too: the restore loses it on the server's side.
  const ackedAtBackupEnd = acked.length;
  await waitUntil(() => acked.length >= ackedAtBackupEnd + 20, 20_000);
  flow.writing = false;
  await traffic;
  await waitUntil(
    () => desk.pendingCount === 0 && platform.pendingCount === 0 && writer.outbox.length === 0,
    20_000,
  );
  assert.equal(delivered.size, sent, 'every message was delivered');

  // Disaster: the server stops and its data dir is lost.
  firstServer.child.kill('SIGTERM');
  await firstServer.waitForExit(15_000);
  await rm(dataDir, { recursive: true, force: true });

  const restore = await run(['restore', archive, '--data-dir', dataDir]);
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stdout, /restored \d+ files/);
  // The restored log holds every edit acknowledged before the backup began, at its number.
  const restoredLog = (
    await readFile(join(dataDir, 'openlifter', 'current-meets', meetId, 'updates.json.log'), 'utf8')
  )
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RelayedUpdate);
  for (const update of ackedBefore) {
    assert.equal(restoredLog[update.serverSeqNum - 1]?.updateValue, update.updateValue);
  }

  const second = await serve(dataDir, port);
  await using secondServer = second.hearth;

  // OpenLifter: the engines reconnect, the server rebuilds its log from them, all converge.
  const token = desk.sessionToken ?? '';
  let log: RelayedUpdate[] = [];
  await waitUntil(async () => {
    const quiet = [desk, platform].every(
      (engine) => engine.syncStatus === 'online' && engine.pendingCount === 0,
    );
    if (!quiet) return false;
    log = await serverLog(port, token);
    return [desk, platform].every((engine) => engine.lastServerSeq === log.length);
  }, 30_000);
  assert.deepEqual(
    log.map((entry) => entry.serverSeqNum),
    log.map((_entry, index) => index + 1),
    'the log is gap-free',
  );
  assert.ok(acked.length > ackedBefore.length);
  for (const update of acked) {
    const entry = log[update.serverSeqNum - 1];
    assert.deepEqual(
      entry && [entry.updateKey, entry.updateValue, entry.locationName],
      [update.updateKey, update.updateValue, update.location],
      `acked ${String(update.updateValue)} is at ${update.serverSeqNum}`,
    );
  }
  const values = log.map((entry) => String(entry.updateValue));
  assert.equal(new Set(values).size, values.length, 'no edit is in the log twice');
  assert.equal(log.length, acked.length, 'the log holds the acknowledged edits, no more');
  const state = materialize(log);
  assert.deepEqual(desk.state, state);
  assert.deepEqual(platform.state, state);

  // Chat: the restored history is a consistent snapshot that covers what came before the backup.
  const stored: { id: string; content: string }[] = [];
  const api = new Api(`http://127.0.0.1:${port}`, admin.token);
  for (;;) {
    const after = stored.at(-1)?.id ?? '0';
    const page = await api.get(`/rooms/${roomId}/messages?after=${after}&limit=200`);
    assert.equal(page.status, 200, page.text);
    stored.push(...(page.body.messages as { id: string; content: string }[]));
    if (page.body.has_more !== true) break;
  }
  const storedContents = stored.map((message) => message.content);
  assert.equal(new Set(storedContents).size, stored.length, 'no message is stored twice');
  for (const content of deliveredBefore) {
    assert.ok(storedContents.includes(content), `${content} (delivered before the backup) is back`);
  }
  const newest = stored.at(-1)?.id ?? '0';
  const expected = [...delivered]
    .filter(([, id]) => BigInt(id) <= BigInt(newest))
    .sort(([, a], [, b]) => (BigInt(a) < BigInt(b) ? -1 : 1));
  assert.deepEqual(
    stored.map((message) => [message.content, BigInt(message.id)]),
    expected.map(([content, id]) => [content, BigInt(id)]),
    'exactly the messages delivered up to the snapshot, with their ids',
  );

  // The chat tab reconnects by itself; a message sent now is delivered and stored once.
  await waitUntil(() => writer.state === 'ready', 20_000);
  const afterRestore = writer.send(roomId, 'after the restore');
  await waitUntil(
    () => writer.outbox.every((entry) => entry.clientMessageId !== afterRestore),
    10_000,
  );
  const latest = await api.get(`/rooms/${roomId}/messages?after=${newest}&limit=200`);
  assert.deepEqual(
    (latest.body.messages as { content: string }[]).map((message) => message.content),
    ['after the restore'],
  );

  secondServer.child.kill('SIGTERM');
  await secondServer.waitForExit(15_000);
});
