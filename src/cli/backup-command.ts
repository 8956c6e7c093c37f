// `hearth backup --out FILE`: an online snapshot of what Hearth keeps (OpenLifter meet files,
// the chat SQLite database, the PostgreSQL database when one is configured) in one archive,
// while the server may be running. Everything is first copied consistently into a staging
// directory beside FILE, then archived with a manifest; FILE appears only once it is complete.

import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { POSTGRES_DUMP_ENTRY } from '../backup/archive-format.ts';
import { writeBackupArchive } from '../backup/archive-writer.ts';
import {
  OPENLIFTER_DIR,
  snapshotOpenLifter,
  type StagedFile,
} from '../backup/openlifter-snapshot.ts';
import { dumpPostgres, postgresTargetOf } from '../backup/postgres-dump.ts';
import { Progress, type ProgressOutput } from '../backup/progress.ts';
import { snapshotChatDatabase } from '../backup/sqlite-snapshot.ts';
import { errnoCode } from '../apps/openlifter/flat-file-layout.ts';
import type { HearthConfig } from '../config.ts';
import { HEARTH_VERSION } from '../version.ts';

export const BACKUP_USAGE = `  backup --out FILE
            write an online snapshot of the data dir (and PostgreSQL) to FILE (.tar.gz)`;

export interface BackupIo {
  readonly stdout: Writable;
  readonly stderr: ProgressOutput['stream'];
}

const CHAT_DIR = 'chat';
const CHAT_FILES = ['chat.db', 'chat.db-wal', 'chat.db-shm', 'chat.db-journal'];

/** Runs `hearth backup`; returns the exit code. */
export async function runBackupCommand(
  config: HearthConfig,
  out: string | undefined,
  io: BackupIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (out === undefined || out === '') {
    io.stderr.write('usage: hearth backup --out FILE\n');
    return 2;
  }
  const progress = new Progress({ stream: io.stderr, command: 'hearth backup' });
  const outFile = resolve(out);
  const dataDir = resolve(config.storage.data_dir);
  const postgres = postgresTargetOf(config.storage);
  const dataEntries = await readdir(dataDir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (dataEntries === undefined && postgres === undefined) {
    io.stderr.write(`hearth backup: there is no data directory at ${dataDir}\n`);
    return 1;
  }
  for (const name of dataEntries ?? []) {
    if (name !== OPENLIFTER_DIR && name !== CHAT_DIR && !name.startsWith('.')) {
      progress.note(`${join(dataDir, name)} is not Hearth's: skipped`);
    }
  }

  await mkdir(dirname(outFile), { recursive: true });
  const staging = await mkdtemp(join(dirname(outFile), `.${basename(outFile)}.staging-`));
  // Ctrl+C or a scheduler's SIGTERM must not leave the staging copies (or a temp archive) behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(staging, { recursive: true, force: true });
    io.stderr.write(`\nhearth backup: stopped by ${signal}; nothing was written\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const stagedData = join(staging, 'data');
    const staged: StagedFile[] = [];
    if (dataEntries !== undefined) {
      progress.step('OpenLifter meets');
      staged.push(
        ...(await snapshotOpenLifter({
          dataDir,
          stagingDir: stagedData,
          onMeet: (done, total) => {
            progress.update(done, total);
          },
          warn: (message) => {
            progress.note(message);
          },
        })),
      );
      progress.step('chat database (SQLite online backup)');
      const chatCopy = join(stagedData, CHAT_DIR, 'chat.db');
      if (await snapshotChatDatabase(dataDir, chatCopy)) {
        staged.push({ entry: `data/${CHAT_DIR}/chat.db`, file: chatCopy });
        progress.update(1, 1);
      }
      for (const name of await readdir(join(dataDir, CHAT_DIR)).catch(() => [])) {
        if (!CHAT_FILES.includes(name)) progress.note(`${join(dataDir, CHAT_DIR, name)}: skipped`);
      }
    }
    if (postgres !== undefined) {
      progress.step('PostgreSQL (pg_dump)');
      const dump = join(staging, POSTGRES_DUMP_ENTRY);
      await mkdir(dirname(dump), { recursive: true, mode: 0o700 });
      await dumpPostgres(postgres, dump);
      staged.push({ entry: POSTGRES_DUMP_ENTRY, file: dump });
      progress.update(1, 1);
    }
    progress.step('writing the archive');
    const manifest = await writeBackupArchive({
      outFile,
      tempDir: staging,
      staged,
      hearthVersion: HEARTH_VERSION,
      createdAt: new Date(),
      onProgress: (done, total) => {
        progress.update(done, total);
      },
    });
    const bytes = manifest.entries.reduce((sum, entry) => sum + entry.size, 0);
    progress.note(`${manifest.entries.length} files, ${bytes} bytes before compression`);
    progress.done();
    io.stdout.write(`${outFile}\n`);
    return 0;
  } catch (error) {
    progress.done();
    io.stderr.write(
      `hearth backup: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rm(staging, { recursive: true, force: true });
  }
}
