// A consistent copy of the OpenLifter flat files while the server may be appending and
// publishing. What makes it consistent, file by file (see flat-file-store.ts):
// - auth.json is a meet's commit point: a meet directory without it is skipped (its creation was
//   never acknowledged), and it is read first.
// - updates.json.log only grows (O_APPEND, fsync before ack): it is copied up to the size seen
//   when the copy starts and cut back to its last newline, so a line being written is left out
//   (never acknowledged yet) and every acknowledged line is in.
// - sessions.json, opl.csv and email.txt are replaced by rename: one read sees one version.
// - publishing renames current-meets/ID to finished-meets/ID. current-meets is copied first and
//   finished-meets second, so a meet moved meanwhile is found in one or both; a meet in both is
//   loaded as finished by the store's recovery, which is what it had become.

import { mkdir, open, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAtomicTempFile } from '../apps/openlifter/atomic-file.ts';
import { MEET_ID, MEET_STORE_FILES as F, errnoCode } from '../apps/openlifter/flat-file-layout.ts';
import { DATA_PREFIX } from './archive-format.ts';

/** A file copied into the staging directory, and its path inside the archive. */
export interface StagedFile {
  readonly entry: string;
  readonly file: string;
}

/** Where the OpenLifter app keeps its files under the data directory. */
export const OPENLIFTER_DIR = 'openlifter';

/** Files copied whole (each is replaced atomically by the store, or written once). */
const WHOLE_FILES = [F.sessions, F.oplCsv, F.email] as const;

export interface OpenLifterSnapshotOptions {
  readonly dataDir: string;
  readonly stagingDir: string;
  /** Meets copied so far, of the total listed in the folder being copied. */
  readonly onMeet?: (done: number, total: number) => void;
  readonly warn?: (message: string) => void;
}

/** Copies every meet into `stagingDir` (same layout); returns the staged files. */
export async function snapshotOpenLifter(
  options: OpenLifterSnapshotOptions,
): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const folder of [F.currentMeets, F.finishedMeets]) {
    const relative = `${OPENLIFTER_DIR}/${folder}`;
    const ids = await meetIds(join(options.dataDir, relative), options.warn);
    for (const [index, meetId] of ids.entries()) {
      const files = await copyMeet(options, `${relative}/${meetId}`);
      staged.push(...files);
      options.onMeet?.(index + 1, ids.length);
    }
  }
  return staged;
}

async function meetIds(root: string, warn?: (message: string) => void): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  const ids: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && MEET_ID.test(entry.name)) ids.push(entry.name);
    else if (!entry.name.startsWith('.')) warn?.(`${join(root, entry.name)}: not a meet, skipped`);
  }
  return ids.sort();
}

/**
 * One meet's files, or none when it vanished meanwhile (published: finished-meets has it) or
 * has no auth.json yet (its creation is not finished).
 */
async function copyMeet(
  options: OpenLifterSnapshotOptions,
  relative: string,
): Promise<StagedFile[]> {
  const source = join(options.dataDir, relative);
  const target = join(options.stagingDir, relative);
  try {
    const auth = await readOptional(join(source, F.auth));
    if (auth === undefined) return [];
    await mkdir(target, { recursive: true, mode: 0o700 });
    const staged: StagedFile[] = [];
    const stage = (name: string): StagedFile => ({
      entry: `${DATA_PREFIX}${relative}/${name}`,
      file: join(target, name),
    });
    await writeFile(join(target, F.auth), auth, { mode: 0o600 });
    staged.push(stage(F.auth));
    // The log is created before auth.json, so it exists unless someone removed it by hand (the
    // store then starts an empty one on load, and so will the restored copy).
    if (await copyLogPrefix(join(source, F.log), join(target, F.log))) staged.push(stage(F.log));
    for (const name of WHOLE_FILES) {
      const bytes = await readOptional(join(source, name));
      if (bytes === undefined) continue;
      await writeFile(join(target, name), bytes, { mode: 0o600 });
      staged.push(stage(name));
    }
    for (const name of await readdir(source)) {
      const known =
        name === F.auth || name === F.log || (WHOLE_FILES as readonly string[]).includes(name);
      if (!known && !isAtomicTempFile(name))
        options.warn?.(`${join(source, name)}: unknown, skipped`);
    }
    return staged;
  } catch (error) {
    // The directory was renamed away while being copied: publishing moved it to finished-meets,
    // which is listed after this folder and so holds it.
    if (errnoCode(error) === 'ENOENT' && relative.includes(F.currentMeets)) {
      await rm(target, { recursive: true, force: true });
      return [];
    }
    throw error;
  }
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Copies the log's complete lines as of now; false if there is no log. */
async function copyLogPrefix(source: string, target: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(source, 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
  const output = await open(target, 'wx', 0o600);
  try {
    const { size } = await handle.stat();
    let copied = 0;
    let goodBytes = 0;
    if (size > 0) {
      const input = handle.createReadStream({ start: 0, end: size - 1, autoClose: false });
      for await (const chunk of input as AsyncIterable<Buffer>) {
        const newline = chunk.lastIndexOf(0x0a);
        if (newline !== -1) goodBytes = copied + newline + 1;
        await output.write(chunk);
        copied += chunk.length;
      }
    }
    await output.close();
    // What follows the last newline is a line still being written: not acknowledged yet.
    if (goodBytes < copied) await truncate(target, goodBytes);
    return true;
  } finally {
    await output.close().catch(() => undefined);
    await handle.close();
  }
}
