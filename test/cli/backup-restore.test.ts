// `hearth backup` / `hearth restore` as commands (real child processes): a log cut mid-write is
// archived up to its last complete line and the store loads the restored meet cleanly; corrupt,
// truncated, tampered and path-escaping archives are refused with nothing changed; a non-empty
// data dir is only replaced with --force, never while a server holds it; and the PostgreSQL
// schema goes through pg_dump / pg_restore.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { FlatFileMeetStore } from '../../src/apps/openlifter/flat-file-store.ts';
import { SqliteChatStore, chatDatabasePath } from '../../src/apps/chat/sqlite-store.ts';
import { TAR_END, paddingFor, tarHeader } from '../../src/backup/tar.ts';
import { HearthProcess } from '../support/child-server.ts';
import { serviceUrl } from '../support/services.ts';

const MEET_ID = '123456789';
const AUTH = { passwordHash: 'scrypt$x', endpoints: [], createdAt: '2025-01-01T00:00:00Z' };

async function hearth(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = new HearthProcess(args, { HEARTH_LOG__LEVEL: 'warn', ...env });
  const { code } = await command.waitForExit(60_000);
  return { code, stdout: command.stdout, stderr: command.stderr };
}

async function tempDir(t: TestContext, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `hearth-${name}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function update(serverSeqNum: number) {
  return {
    updateKey: `meet.f${serverSeqNum}`,
    updateValue: serverSeqNum,
    serverSeqNum,
    locationName: 'desk',
  };
}

/** A data dir with a meet of three updates, a torn fourth line, and a chat database. */
async function sampleDataDir(t: TestContext): Promise<string> {
  const dataDir = await tempDir(t, 'backup-src');
  const store = new FlatFileMeetStore({ dataDir: join(dataDir, 'openlifter') });
  await store.open();
  await store.loadAll();
  await store.createMeet(MEET_ID, AUTH);
  await store.appendUpdates(MEET_ID, [update(1), update(2), update(3)]);
  await store.close();
  const log = join(dataDir, 'openlifter', 'current-meets', MEET_ID, 'updates.json.log');
  await appendFile(log, '{"updateKey":"meet.f4","updateVal');
  const chat = new SqliteChatStore(chatDatabasePath(dataDir));
  await chat.open();
  await chat.close();
  return dataDir;
}

async function backupOf(t: TestContext, dataDir: string): Promise<string> {
  const archive = join(await tempDir(t, 'backup-out'), 'hearth.tar.gz');
  const result = await hearth(['backup', '--out', archive, '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  return archive;
}

/** A gzip'd tar of `members` (name → bytes), as a hand-made (possibly hostile) archive. */
function craftArchive(members: readonly [string, Buffer][]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, bytes] of members) {
    parts.push(tarHeader(name, bytes.length, 0), bytes, Buffer.alloc(paddingFor(bytes.length)));
  }
  parts.push(TAR_END);
  return gzipSync(Buffer.concat(parts));
}

function manifestFor(entries: readonly { path: string; size: number; sha256: string }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'hearth-backup',
      formatVersion: 1,
      hearthVersion: '0.1.0',
      createdAt: new Date().toISOString(),
      entries,
    }),
  );
}

describe('hearth backup and restore', () => {
  it('archives a torn log up to its last line; the store loads the restored meet', async (t) => {
    const dataDir = await sampleDataDir(t);
    const archive = await backupOf(t, dataDir);
    const target = join(await tempDir(t, 'restore-parent'), 'data');
    const result = await hearth(['restore', archive, '--data-dir', target]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /restored 3 files/);

    const log = await readFile(
      join(target, 'openlifter', 'current-meets', MEET_ID, 'updates.json.log'),
      'utf8',
    );
    assert.ok(log.endsWith('\n') && !log.includes('meet.f4'), 'the torn line is left out');
    const warnings: string[] = [];
    const store = new FlatFileMeetStore({
      dataDir: join(target, 'openlifter'),
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    await store.open();
    const meets = await store.loadAll();
    await store.close();
    assert.deepEqual(warnings, [], 'nothing for recovery to repair');
    assert.equal(meets.length, 1);
    assert.deepEqual(
      meets[0]?.updates.map((entry) => entry.serverSeqNum),
      [1, 2, 3],
    );
    const chat = new SqliteChatStore(chatDatabasePath(target));
    await chat.open();
    assert.equal(chat.pragma('journal_mode'), 'wal');
    await chat.close();
  });

  it('refuses truncated, corrupt and tampered archives, changing nothing', async (t) => {
    const archive = await backupOf(t, await sampleDataDir(t));
    const bytes = await readFile(archive);
    const parent = await tempDir(t, 'restore-parent');
    const target = join(parent, 'data');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] = (flipped[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    const chatDb = Buffer.from('not really a database');
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /truncated/],
      ['flipped', flipped, /corrupt|mismatch|bad tar header/],
      ['not gzip', Buffer.from('hello, this is not an archive\n'), /corrupt or not gzip/],
      [
        'tampered entry',
        craftArchive([
          [
            'manifest.json',
            manifestFor([
              { path: 'data/chat/chat.db', size: chatDb.length, sha256: '0'.repeat(64) },
            ]),
          ],
          ['data/chat/chat.db', chatDb],
        ]),
        /data\/chat\/chat\.db: SHA-256 mismatch/,
      ],
      [
        'escaping path',
        craftArchive([
          [
            'manifest.json',
            manifestFor([{ path: 'data/../../escaped', size: 0, sha256: '0'.repeat(64) }]),
          ],
          ['data/../../escaped', Buffer.alloc(0)],
        ]),
        /not a Hearth backup manifest/,
      ],
      [
        'no manifest',
        craftArchive([['data/chat/chat.db', chatDb]]),
        /does not start with manifest/,
      ],
    ];
    for (const [name, content, expected] of cases) {
      const file = join(parent, `${name.replaceAll(' ', '-')}.tar.gz`);
      await writeFile(file, content);
      const result = await hearth(['restore', file, '--data-dir', target]);
      assert.equal(result.code, 1, `${name}: ${result.stderr}`);
      assert.match(result.stderr, /cannot be restored/, name);
      assert.match(result.stderr, expected, name);
      const left = (await readdir(parent)).filter((entry) => !entry.endsWith('.tar.gz'));
      assert.deepEqual(left, [], `${name}: no data dir and no staging left behind`);
    }
    await assert.rejects(readFile(join(parent, '..', 'escaped')), { code: 'ENOENT' });
  });

  it('replaces a non-empty data dir only with --force', async (t) => {
    const archive = await backupOf(t, await sampleDataDir(t));
    const target = await tempDir(t, 'restore-target');
    await writeFile(join(target, 'precious.txt'), 'keep me');

    const refused = await hearth(['restore', archive, '--data-dir', target]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused: .* is not empty.*--force/);
    assert.equal(await readFile(join(target, 'precious.txt'), 'utf8'), 'keep me');

    const forced = await hearth(['restore', archive, '--force', '--data-dir', target]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual((await readdir(target)).sort(), ['chat', 'openlifter']);
  });

  it('refuses to restore into the data dir of a running server, even with --force', async (t) => {
    const archive = await backupOf(t, await sampleDataDir(t));
    const dataDir = await tempDir(t, 'served');
    await using server = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], {
      HEARTH_LOG__LEVEL: 'warn',
    });
    await server.listeningPort(15_000);
    const result = await hearth(['restore', archive, '--force', '--data-dir', dataDir]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /running Hearth server is using/);
    assert.ok((await readdir(dataDir)).includes('chat'), 'the served data dir is untouched');
    server.child.kill('SIGTERM');
    await server.waitForExit(15_000);
  });

  it('a backup that cannot be written leaves no file behind', async (t) => {
    const dataDir = await sampleDataDir(t);
    const outDir = await tempDir(t, 'backup-out');
    // The archive name is taken by a directory: the final rename must fail.
    await mkdir(join(outDir, 'taken.tar.gz'));
    const result = await hearth([
      'backup',
      '--out',
      join(outDir, 'taken.tar.gz'),
      '--data-dir',
      dataDir,
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /failed: .*is a directory/);
    assert.deepEqual(await readdir(outDir), ['taken.tar.gz']);
    assert.deepEqual(await readdir(join(outDir, 'taken.tar.gz')), []);
  });

  it('dumps and restores the configured PostgreSQL schema', async (t) => {
    const url = serviceUrl(t, 'postgres');
    if (url === undefined) return;
    const schema = `hearth_backup_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    t.after(async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE TABLE ${schema}.notes (id int PRIMARY KEY, body text NOT NULL)`);
    await client.query(`INSERT INTO ${schema}.notes VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
    const env = { HEARTH_STORAGE__POSTGRES_URL: url, HEARTH_STORAGE__POSTGRES_SCHEMA: schema };

    const dataDir = await sampleDataDir(t);
    const archive = join(await tempDir(t, 'backup-out'), 'hearth.tar.gz');
    const backup = await hearth(['backup', '--out', archive, '--data-dir', dataDir], env);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stderr, /pg_dump/);

    await client.query(`DELETE FROM ${schema}.notes WHERE id > 1`);
    await client.query(`INSERT INTO ${schema}.notes VALUES (99, 'after the backup')`);
    const target = join(await tempDir(t, 'restore-parent'), 'data');
    const refused = await hearth(['restore', archive, '--data-dir', target], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`schema ${schema} already has tables`));

    const restored = await hearth(['restore', archive, '--force', '--data-dir', target], env);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /and PostgreSQL/);
    const rows = await client.query(`SELECT id, body FROM ${schema}.notes ORDER BY id`);
    assert.deepEqual(rows.rows, [
      { id: 1, body: 'one' },
      { id: 2, body: 'two' },
      { id: 3, body: 'three' },
    ]);

    // Without storage.postgres_url the dump is not silently dropped.
    const other = join(await tempDir(t, 'restore-parent'), 'data');
    const unconfigured = await hearth(['restore', archive, '--data-dir', other]);
    assert.equal(unconfigured.code, 1);
    assert.match(
      unconfigured.stderr,
      /holds a PostgreSQL dump but storage.postgres_url is not set/,
    );
  });
});
