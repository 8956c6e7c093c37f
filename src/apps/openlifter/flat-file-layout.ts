// What the flat-file store keeps where under DATA_DIR, and what auth.json and sessions.json must
// hold. The store (which writes these files) and its start-up recovery (which reads them back)
// both import it, so the two can never disagree on a name or a record shape.

import { stat } from 'node:fs/promises';
import { z } from 'zod';

export const MEET_STORE_FILES = {
  currentMeets: 'current-meets',
  finishedMeets: 'finished-meets',
  log: 'updates.json.log',
  auth: 'auth.json',
  sessions: 'sessions.json',
  oplCsv: 'opl.csv',
  email: 'email.txt',
} as const;

/** A meet directory's name, and the only shape a meet id may take (so none can name a path). */
export const MEET_ID = /^[0-9]{9}$/;

/** checkWritable's probe files; one left by a crash is deleted on load. */
export const WRITE_PROBE = '.write-probe-';

export const authSchema = z.object({
  passwordHash: z.string().min(1),
  endpoints: z.array(z.object({ locationName: z.string(), priority: z.number().int() })),
  createdAt: z.string(),
});

export const sessionsSchema = z.array(
  z.object({
    sessionId: z.string(),
    tokenHash: z.string(),
    locationName: z.string().optional(),
    expiresAt: z.number(),
  }),
);

/** The errno code of a failed fs call (ENOENT, EEXIST, …), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Whether `path` exists; any failure other than "not there" is a real I/O error and rethrown. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}
