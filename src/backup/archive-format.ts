// What a `hearth backup` archive is: a gzip-compressed tar (POSIX ustar, regular files only)
// whose first member is manifest.json, followed by every entry the manifest lists, in its
// order. Data-dir files are stored under "data/", a PostgreSQL dump as "postgres/hearth.dump".
// Standard tools can list and unpack it (`tar -tzf`); Hearth checks every size and SHA-256.

import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_FORMAT = 'hearth-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Where files of the data directory live inside the archive. */
export const DATA_PREFIX = 'data/';
/** The custom-format pg_dump of the configured PostgreSQL database or schema. */
export const POSTGRES_DUMP_ENTRY = 'postgres/hearth.dump';

/** An archive that cannot be restored as it is: truncated, corrupt, or not a Hearth backup. */
export class BackupFormatError extends Error {
  override readonly name = 'BackupFormatError';
}

/** One path segment: no separators, no "." or "..", nothing a shell or a filesystem frowns on. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** True for "data/…" or the dump entry, made of plain segments only (no way out of the target). */
export function isSafeEntryPath(path: string): boolean {
  if (path === POSTGRES_DUMP_ENTRY) return true;
  if (!path.startsWith(DATA_PREFIX)) return false;
  const segments = path.slice(DATA_PREFIX.length).split('/');
  return segments.every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment));
}

export const manifestEntrySchema = z
  .object({
    path: z.string().refine(isSafeEntryPath, 'not a path a Hearth backup may hold'),
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    hearthVersion: z.string(),
    createdAt: z.string(),
    entries: z.array(manifestEntrySchema),
  })
  .strict();

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
