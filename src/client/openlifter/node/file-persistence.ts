// A MeetPersistence in one JSON file, for sync engines running in Node (a scorer kiosk, a relay,
// tests). Saves are atomic and durable: write a temporary file, fsync it, rename it over the
// old one, fsync the directory, so a crash leaves the old snapshot or the new one, never a mix.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  decodeSnapshot,
  encodeSnapshot,
  type MeetPersistence,
  type PersistedMeet,
} from '../persistence.ts';

export interface FilePersistenceOptions {
  /** The snapshot file; its directory must exist. */
  readonly path: string;
}

export class FilePersistence implements MeetPersistence {
  readonly path: string;

  constructor(options: FilePersistenceOptions) {
    if (options.path === '') throw new RangeError('path must not be empty');
    this.path = options.path;
  }

  async load(): Promise<PersistedMeet | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return decodeSnapshot(text);
  }

  async save(snapshot: PersistedMeet): Promise<void> {
    // Encoded before the first await: the engine's objects may change while the write runs.
    const text = encodeSnapshot(snapshot);
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(dirname(this.path));
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
    await syncDirectory(dirname(this.path));
  }
}

/** Makes a rename durable. Some platforms cannot open a directory for sync: best effort there. */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows, some network file systems: the rename is still atomic, just not yet durable.
  } finally {
    await handle?.close();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
