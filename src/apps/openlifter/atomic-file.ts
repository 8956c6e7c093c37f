// Replacing a file so that a crash leaves either the old or the new content, never a mix: write
// a temp file in the same directory, fsync it, rename it over the target, fsync the directory
// (the rename itself is only durable once the directory entry is).

import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files are hidden and named after their target so a recovery sweep can find them. */
export const ATOMIC_TEMP_SUFFIX = '.tmp';

export function isAtomicTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith(ATOMIC_TEMP_SUFFIX);
}

export interface AtomicWriteOptions {
  /** @default 0o600 (auth.json holds password hashes) */
  readonly mode?: number;
}

/** Writes `data` to `path` atomically and durably; resolves after the directory is fsync'd. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(
    dir,
    `.${basename(path)}.${randomBytes(6).toString('hex')}${ATOMIC_TEMP_SUFFIX}`,
  );
  // 'wx': never reuse (and so never corrupt) a file someone else is writing.
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await fsyncDirectory(dir);
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** Makes directory entries (creations, renames, removals) in `dir` durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its metadata journaling is all there is.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
