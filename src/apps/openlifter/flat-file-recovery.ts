// Start-up reading and repair of the flat-file store's DATA_DIR: every meet directory loaded in
// full, after cleaning up what a crash can leave behind (torn log tails, temp files of atomic
// writes, write probes) and applying the rules for half-created or doubly present meets.

import { open, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { fsyncDirectory, isAtomicTempFile } from './atomic-file.ts';
import {
  MEET_ID,
  MEET_STORE_FILES as F,
  WRITE_PROBE,
  authSchema,
  errnoCode,
  sessionsSchema,
} from './flat-file-layout.ts';
import { parseUpdateLog } from './json-lines.ts';
import type { ParsedUpdateLog } from './json-lines.ts';
import { MeetStoreError, MeetStoreErrorCode, type LoadedMeet } from './store.ts';

/** Where recovery reports what it ignored or repaired; nothing here is fatal on its own. */
export type RecoveryWarn = (details: Record<string, unknown>, message: string) => void;

export interface MeetRoots {
  readonly currentRoot: string;
  readonly finishedRoot: string;
}

/**
 * Every loadable meet, finished ones first. A meet directory without auth.json (creation
 * interrupted) is ignored; a meet in both folders (publish interrupted after a copy, or a
 * restored backup) loads once, as finished, so that nothing can be appended to a published meet;
 * a torn last log line is dropped and the file cut back to the last newline; leftover temp files
 * of atomic writes and write probes are deleted. It rewrites files, so nothing may be writing
 * to DATA_DIR meanwhile: the store runs it before any append.
 */
export async function loadMeets(roots: MeetRoots, warn: RecoveryWarn): Promise<LoadedMeet[]> {
  const finishedIds = await listMeets(roots.finishedRoot, warn);
  const currentIds = await listMeets(roots.currentRoot, warn);
  const meets: LoadedMeet[] = [];
  for (const meetId of finishedIds) {
    const meet = await loadMeet(join(roots.finishedRoot, meetId), meetId, true, warn);
    if (meet !== undefined) meets.push(meet);
  }
  for (const meetId of currentIds) {
    if (finishedIds.includes(meetId)) {
      warn({ meetId }, 'meet is in current-meets and finished-meets: loaded as finished');
      continue;
    }
    const meet = await loadMeet(join(roots.currentRoot, meetId), meetId, false, warn);
    if (meet !== undefined) meets.push(meet);
  }
  return meets;
}

/**
 * The parsed log with a torn tail already cut off on disk; undefined if there is no log. The
 * store also calls this before appending to a meet it neither loaded nor created, to learn the
 * head and repair the tail first.
 */
export async function readLogRepairingTail(
  meetId: string,
  path: string,
  warn: RecoveryWarn,
): Promise<ParsedUpdateLog | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parseUpdateLog(meetId, bytes);
  if (parsed.tornTail !== undefined) {
    // Never acknowledged (acks follow fsync of whole lines). Cut it off, or the next append
    // would be glued onto it and become unreadable too.
    warn({ meetId, ...parsed.tornTail }, 'dropped a torn last line of updates.json.log');
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(parsed.goodBytes);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  return parsed;
}

/** Meet ids under `root`, sorted; a crashed checkWritable's probe is deleted, the rest ignored. */
async function listMeets(root: string, warn: RecoveryWarn): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory() && MEET_ID.test(entry.name)) ids.push(entry.name);
    else if (entry.name.startsWith(WRITE_PROBE)) await unlink(join(root, entry.name));
    else warn({ path: join(root, entry.name) }, 'not a meet directory: ignored');
  }
  return ids.sort();
}

async function loadMeet(
  dir: string,
  meetId: string,
  finished: boolean,
  warn: RecoveryWarn,
): Promise<LoadedMeet | undefined> {
  for (const name of await readdir(dir)) {
    if (isAtomicTempFile(name)) await unlink(join(dir, name)); // an interrupted atomic write
  }
  // auth.json is written last when a meet is created, so without it the creation never finished
  // (and was never acknowledged).
  const auth = await readJson(join(dir, F.auth), authSchema);
  if (auth === undefined) {
    warn({ meetId, dir }, 'meet directory without auth.json (interrupted creation): ignored');
    return undefined;
  }
  const sessions = (await readJson(join(dir, F.sessions), sessionsSchema)) ?? [];
  const logPath = join(dir, F.log);
  let parsed = await readLogRepairingTail(meetId, logPath, warn);
  if (parsed === undefined) {
    // Cannot come from a crash (the log is created before auth.json): recreate it, empty.
    warn({ meetId }, 'meet without updates.json.log: starting an empty log');
    await (await open(logPath, 'wx', 0o600)).close();
    await fsyncDirectory(dir);
    parsed = { updates: [], goodBytes: 0, tornTail: undefined };
  }
  return {
    meetId,
    finished,
    auth,
    // StoredSession's locationName is a required key (possibly undefined), not an optional one.
    sessions: sessions.map((session) => ({
      ...session,
      locationName: session.locationName,
    })),
    updates: parsed.updates,
  };
}

/** undefined if the file is missing; corrupt if it is there but not what `schema` expects. */
async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MeetStoreError(MeetStoreErrorCode.Corrupt, `${path}: not JSON`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new MeetStoreError(MeetStoreErrorCode.Corrupt, `${path}: unexpected content`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
