// `hearth restore FILE [--force]`: puts a `hearth backup` archive back. The archive is unpacked
// and verified (manifest, sizes, SHA-256, gzip CRC) into a directory beside the data dir before
// anything is touched; then PostgreSQL is restored (when the archive holds a dump), and the
// verified directory is renamed into place. A non-empty data dir (or PostgreSQL schema) is only
// replaced with --force, and never while a running server is detected holding it.

import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fsyncDirectory } from '../apps/openlifter/atomic-file.ts';
import { errnoCode } from '../apps/openlifter/flat-file-layout.ts';
import { BackupFormatError, POSTGRES_DUMP_ENTRY } from '../backup/archive-format.ts';
import { extractBackupArchive } from '../backup/archive-reader.ts';
import { countPostgresTables, postgresTargetOf, restorePostgres } from '../backup/postgres-dump.ts';
import { Progress } from '../backup/progress.ts';
import { chatDatabaseInUse } from '../backup/sqlite-snapshot.ts';
import type { HearthConfig } from '../config.ts';
import type { BackupIo } from './backup-command.ts';

export const RESTORE_USAGE = `  restore FILE [--force]
            restore a backup into the data dir (stop Hearth first; --force replaces data)`;

/** Thrown for a refusal: the message says why and what to do; nothing was changed. */
class RestoreRefused extends Error {}

/** Runs `hearth restore`; returns the exit code. */
export async function runRestoreCommand(
  config: HearthConfig,
  args: readonly string[],
  force: boolean,
  io: BackupIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (args.length !== 1 || args[0] === undefined || args[0] === '') {
    io.stderr.write('usage: hearth restore FILE [--force]\n');
    return 2;
  }
  const archive = resolve(args[0]);
  const dataDir = resolve(config.storage.data_dir);
  const postgres = postgresTargetOf(config.storage);
  const progress = new Progress({ stream: io.stderr, command: 'hearth restore' });
  let staging: string | undefined;
  try {
    const existing = await listDir(dataDir);
    if (existing !== undefined && existing.length > 0 && !force) {
      throw new RestoreRefused(
        `${dataDir} is not empty: restoring replaces everything in it. Stop Hearth, keep a ` +
          'copy if you need one, and run again with --force',
      );
    }
    await refuseWhileServed(dataDir);

    await mkdir(dirname(dataDir), { recursive: true });
    staging = await mkdtemp(join(dirname(dataDir), `.${basename(dataDir)}.restore-`));
    progress.step('verifying and unpacking the archive');
    const manifest = await extractBackupArchive(archive, staging, {
      onProgress: (done, total) => {
        progress.update(done, total);
      },
    });
    progress.note(
      `archive of Hearth ${manifest.hearthVersion} made ${manifest.createdAt}: ` +
        `${manifest.entries.length} files verified`,
    );

    const hasDump = manifest.entries.some((entry) => entry.path === POSTGRES_DUMP_ENTRY);
    if (hasDump && postgres === undefined && !force) {
      throw new RestoreRefused(
        'the archive holds a PostgreSQL dump but storage.postgres_url is not set: configure ' +
          'it to restore the dump, or pass --force to restore the data dir alone',
      );
    }
    if (hasDump && postgres !== undefined) {
      if (!force && (await countPostgresTables(postgres)) > 0) {
        throw new RestoreRefused(
          `the PostgreSQL ${postgres.schema === undefined ? 'database' : `schema ${postgres.schema}`} ` +
            'already has tables: pass --force to replace what the dump holds',
        );
      }
      progress.step('PostgreSQL (pg_restore)');
      await restorePostgres(postgres, join(staging, POSTGRES_DUMP_ENTRY));
      progress.update(1, 1);
    } else if (hasDump) {
      progress.note('the PostgreSQL dump was not restored (storage.postgres_url is not set)');
    } else if (postgres !== undefined) {
      progress.note('the archive holds no PostgreSQL dump: the database is left as it is');
    }

    progress.step('moving the restored files into place');
    // A server started while the archive was unpacked must not have its files swapped away.
    await refuseWhileServed(dataDir);
    const restored = join(staging, 'data');
    await mkdir(restored, { recursive: true, mode: 0o700 });
    await swapInto(restored, dataDir, join(staging, 'replaced'));
    progress.update(1, 1);
    progress.done();
    const files = manifest.entries.filter((entry) => entry.path !== POSTGRES_DUMP_ENTRY).length;
    io.stdout.write(
      `restored ${files} files into ${dataDir}${hasDump && postgres ? ' and PostgreSQL' : ''}\n`,
    );
    return 0;
  } catch (error) {
    progress.done();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RestoreRefused) io.stderr.write(`hearth restore: refused: ${message}\n`);
    else if (error instanceof BackupFormatError) {
      io.stderr.write(`hearth restore: ${archive} cannot be restored: ${message}\n`);
    } else io.stderr.write(`hearth restore: failed: ${message}\n`);
    return 1;
  } finally {
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
  }
}

async function listDir(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    if (errnoCode(error) === 'ENOTDIR') throw new RestoreRefused(`${dir} is not a directory`);
    throw error;
  }
}

/**
 * Hearth has no lock file; a running server is seen by the lock it holds on the chat database.
 * A server running the OpenLifter app alone cannot be detected: the docs say to stop it first.
 */
async function refuseWhileServed(dataDir: string): Promise<void> {
  if (await chatDatabaseInUse(dataDir)) {
    throw new RestoreRefused(
      `a running Hearth server is using ${dataDir} (its chat database is locked): stop it first`,
    );
  }
}

/** Renames `restored` to `dataDir`; an existing dataDir is moved to `aside` first, then removed. */
async function swapInto(restored: string, dataDir: string, aside: string): Promise<void> {
  const existed = (await listDir(dataDir)) !== undefined;
  if (existed) await rename(dataDir, aside);
  try {
    await rename(restored, dataDir);
  } catch (error) {
    if (existed) await rename(aside, dataDir).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dirname(dataDir));
  if (existed) await rm(aside, { recursive: true, force: true });
}
