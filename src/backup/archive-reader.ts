// Reads a backup archive into a directory, checking as it goes: the manifest must come first
// and be a Hearth manifest, every member must be the next entry it lists with its size and
// SHA-256, nothing may follow, and gzip's own CRC must hold to the last byte. Any failure is a
// BackupFormatError that says what is wrong; what was written so far is the caller's to remove.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  BackupFormatError,
  MANIFEST_NAME,
  manifestSchema,
  type BackupManifest,
} from './archive-format.ts';
import { TarReader } from './tar.ts';

/** A manifest larger than this is not one Hearth wrote. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface ExtractOptions {
  /** Entry bytes verified so far, of the total the manifest lists. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Writes every entry under `targetDir` (at its archive path) and returns the manifest. */
export async function extractBackupArchive(
  archive: string,
  targetDir: string,
  options: ExtractOptions = {},
): Promise<BackupManifest> {
  const gunzip = createGunzip();
  pipeline(createReadStream(archive), gunzip, () => undefined);
  const reader = new TarReader(gunzip);
  try {
    const manifest = await readManifest(reader);
    const total = manifest.entries.reduce((sum, entry) => sum + entry.size, 0);
    let done = 0;
    for (const entry of manifest.entries) {
      const header = await reader.next();
      if (header?.name !== entry.path || header.size !== entry.size) {
        const found = header === undefined ? 'the end of the archive' : `"${header.name}"`;
        throw new BackupFormatError(`expected ${entry.path} (${entry.size} bytes), found ${found}`);
      }
      const target = join(targetDir, entry.path);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      const hash = createHash('sha256');
      const output = await open(target, 'wx', 0o600);
      try {
        for await (const chunk of reader.content()) {
          hash.update(chunk);
          await output.write(chunk);
          done += chunk.length;
          options.onProgress?.(done, total);
        }
        await output.sync();
      } finally {
        await output.close();
      }
      if (hash.digest('hex') !== entry.sha256) {
        throw new BackupFormatError(`${entry.path}: SHA-256 mismatch (the archive is corrupt)`);
      }
    }
    const extra = await reader.next();
    if (extra !== undefined) {
      throw new BackupFormatError(`"${extra.name}" is not in the manifest`);
    }
    // gzip checks its CRC only at the very end: read to it.
    await reader.drain();
    options.onProgress?.(total, total);
    return manifest;
  } catch (error) {
    gunzip.destroy();
    throw asFormatError(error, archive);
  }
}

async function readManifest(reader: TarReader): Promise<BackupManifest> {
  const header = await reader.next();
  if (header?.name !== MANIFEST_NAME || header.size > MAX_MANIFEST_BYTES) {
    throw new BackupFormatError(`not a Hearth backup: it does not start with ${MANIFEST_NAME}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of reader.content()) chunks.push(chunk);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BackupFormatError(`not a Hearth backup: ${MANIFEST_NAME} is not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
    throw new BackupFormatError(`not a Hearth backup manifest (${where})`);
  }
  const paths = new Set<string>();
  for (const entry of parsed.data.entries) {
    if (paths.has(entry.path)) throw new BackupFormatError(`${entry.path} is listed twice`);
    paths.add(entry.path);
  }
  return parsed.data;
}

/** zlib's and fs's errors in words an operator can act on. */
function asFormatError(error: unknown, archive: string): Error {
  if (error instanceof BackupFormatError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR') {
    return new BackupFormatError('the archive is truncated (gzip stream ends early)');
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new BackupFormatError(
      `the archive is corrupt or not gzip (${(error as Error).message})`,
    );
  }
  if (code === 'ENOENT') return new Error(`${archive}: no such file`);
  return error instanceof Error ? error : new Error(String(error));
}
