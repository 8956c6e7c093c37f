// A consistent copy of the chat SQLite database while the server may be writing it, through
// SQLite's online backup API. The copy is made in one backup step: in WAL mode that step reads
// one snapshot while writers go on, whereas a copy in several steps starts over whenever another
// process commits between two of them, and could never finish under steady traffic.

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DatabaseSync, backup } from 'node:sqlite';
import { chatDatabasePath } from '../apps/chat/sqlite-store.ts';
import { exists } from '../apps/openlifter/flat-file-layout.ts';

/** sqlite3_backup_step's page count for "everything" (node:sqlite accepts positive ones only). */
const ALL_PAGES = 2_147_483_647;

/** Copies the chat database into `target`; false if there is none. Throws if the copy is bad. */
export async function snapshotChatDatabase(dataDir: string, target: string): Promise<boolean> {
  const source = chatDatabasePath(dataDir);
  // DatabaseSync would create a missing file: a data dir without chat is not an error.
  if (!(await exists(source))) return false;
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  // The busy timeout covers a checkpoint holding the lock for a moment.
  const db = new DatabaseSync(source, { timeout: 5000 });
  try {
    await backup(db, target, { rate: ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new DatabaseSync(target);
  try {
    const row = copy.prepare('PRAGMA quick_check').get();
    const result = row === undefined ? undefined : Object.values(row)[0];
    if (result !== 'ok')
      throw new Error(`the copied chat database fails quick_check: ${String(result)}`);
  } finally {
    copy.close();
  }
  return true;
}

/**
 * True while another process has the chat database open (a running server holds it for its
 * whole life): an exclusive lock cannot be had then. False when there is no database.
 */
export async function chatDatabaseInUse(dataDir: string): Promise<boolean> {
  const path = chatDatabasePath(dataDir);
  if (!(await exists(path))) return false;
  const db = new DatabaseSync(path, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if (/locked|busy/i.test(String(error))) return true;
    throw error;
  } finally {
    db.close();
  }
}
