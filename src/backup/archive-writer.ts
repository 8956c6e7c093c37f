// Writes a backup archive from files already staged (copied consistently) on disk: the manifest
// with every entry's size and SHA-256 first, then the entries, gzip-compressed, into a temp file
// on the target's filesystem that is fsync'd and renamed over it, so a failed backup never leaves a
// partial archive under the requested name.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { fsyncDirectory } from '../apps/openlifter/atomic-file.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_NAME,
  type BackupManifest,
  type ManifestEntry,
} from './archive-format.ts';
import type { StagedFile } from './openlifter-snapshot.ts';
import { TAR_END, paddingFor, tarHeader } from './tar.ts';

export interface WriteArchiveOptions {
  readonly outFile: string;
  /** Where the archive is written before the rename: a directory on outFile's filesystem. */
  readonly tempDir: string;
  readonly staged: readonly StagedFile[];
  readonly hearthVersion: string;
  readonly createdAt: Date;
  /** Bytes of entries written so far, of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

async function sha256Of(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Writes the archive and returns its manifest. */
export async function writeBackupArchive(options: WriteArchiveOptions): Promise<BackupManifest> {
  const entries: ManifestEntry[] = [];
  for (const staged of options.staged) {
    entries.push({ path: staged.entry, ...(await sha256Of(staged.file)) });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    hearthVersion: options.hearthVersion,
    createdAt: options.createdAt.toISOString(),
    entries,
  };
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  const mtime = options.createdAt.getTime() / 1000;
  const staged = options.staged;
  const onProgress = options.onProgress;

  async function* tarStream(): AsyncGenerator<Buffer> {
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    yield tarHeader(MANIFEST_NAME, manifestBytes.length, mtime);
    yield manifestBytes;
    yield Buffer.alloc(paddingFor(manifestBytes.length));
    let done = 0;
    for (const [index, entry] of entries.entries()) {
      const file = staged[index]?.file ?? '';
      yield tarHeader(entry.path, entry.size, mtime);
      let written = 0;
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
        written += chunk.length;
        yield chunk;
        done += chunk.length;
        onProgress?.(done, total);
      }
      // The staged copies are ours alone; a change in size would make a malformed archive.
      if (written !== entry.size) throw new Error(`${file} changed while being archived`);
      yield Buffer.alloc(paddingFor(entry.size));
    }
    onProgress?.(total, total);
    yield TAR_END;
  }

  const outFile = options.outFile;
  const temp = join(options.tempDir, `${basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    await pipeline(
      tarStream(),
      createGzip(),
      createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
    );
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A directory in the way would swallow the rename target's meaning: refuse it plainly.
    const existing = await stat(outFile).catch(() => undefined);
    if (existing?.isDirectory() === true) throw new Error(`${outFile} is a directory`);
    await rename(temp, outFile);
    renamed = true;
    await fsyncDirectory(dirname(outFile));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
  return manifest;
}
