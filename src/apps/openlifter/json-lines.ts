// The updates.json.log format, both ways: one StoredUpdate per JSON line. Parsing checks every
// entry and that server sequence numbers run 1..n without gaps; a torn last line (a crash
// mid-write, never acknowledged) is dropped and reported, anything else wrong is corruption.

import { z } from 'zod';
import { relayedUpdateSchema } from '../../protocol/openlifter/messages.ts';
import type { StoredUpdate } from './store.ts';

export const storedUpdateSchema = relayedUpdateSchema.extend({
  sessionId: z.string().optional(),
  localSeqNum: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** A log that cannot be loaded as it is: an operator has to look at it. */
export class LogCorruptionError extends Error {
  override readonly name = 'LogCorruptionError';
  readonly meetId: string;
  /** 1-based line number in the file. */
  readonly line: number;

  constructor(meetId: string, line: number, problem: string, options?: ErrorOptions) {
    super(`meet ${meetId}: updates.json.log line ${line}: ${problem}`, options);
    this.meetId = meetId;
    this.line = line;
  }
}

export interface TornTail {
  /** 1-based line number of the dropped line. */
  readonly line: number;
  /** Bytes dropped (everything after the last good newline). */
  readonly bytes: number;
}

export interface ParsedUpdateLog {
  /** Gap-free, serverSeqNum 1..n in order. */
  readonly updates: StoredUpdate[];
  /** Bytes of the file that hold good lines (always ends after a newline, or 0). */
  readonly goodBytes: number;
  /** Set when a torn last line was dropped: the file must be cut to `goodBytes` before appending. */
  readonly tornTail: TornTail | undefined;
}

/** One log line (no newline) for an update; undefined optional fields are left out. */
export function serializeStoredUpdate(update: StoredUpdate): string {
  const { updateKey, updateValue, serverSeqNum, locationName, sessionId, localSeqNum } = update;
  return JSON.stringify({
    updateKey,
    updateValue,
    serverSeqNum,
    locationName,
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(localSeqNum === undefined ? {} : { localSeqNum }),
  });
}

const NEWLINE = 0x0a;
// fatal: invalid UTF-8 makes a line unparseable rather than silently altered.
const decoder = new TextDecoder('utf-8', { fatal: true });

type LineResult =
  { ok: true; update: StoredUpdate } | { ok: false; wasJson: boolean; problem: string };

function parseLine(bytes: Uint8Array): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    return {
      ok: false,
      wasJson: false,
      problem: `not JSON (${error instanceof Error ? error.message : 'invalid'})`,
    };
  }
  const parsed = storedUpdateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
    return {
      ok: false,
      wasJson: true,
      problem: `not an update (${where}${issue?.message ?? 'invalid'})`,
    };
  }
  return { ok: true, update: parsed.data };
}

/**
 * Parses a whole log. Throws LogCorruptionError naming the meet and line for a bad line before
 * the last, a valid-JSON last line that is not an update, or a sequence gap.
 */
export function parseUpdateLog(meetId: string, data: Uint8Array | string): ParsedUpdateLog {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const updates: StoredUpdate[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    line += 1;
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    const result = parseLine(bytes.subarray(start, end));
    const isLast = newline === -1 || newline === bytes.length - 1;
    if (!result.ok) {
      // A crash can tear only the last write, and no acknowledged line follows a torn one. A
      // last line that is valid JSON was written whole, so its shape is a real problem.
      if (isLast && (newline === -1 || !result.wasJson)) {
        return { updates, goodBytes: start, tornTail: { line, bytes: bytes.length - start } };
      }
      throw new LogCorruptionError(meetId, line, result.problem);
    }
    if (newline === -1) {
      // Parseable but unterminated: the newline of that write never landed, so it was not acked.
      return { updates, goodBytes: start, tornTail: { line, bytes: bytes.length - start } };
    }
    const expected = updates.length + 1;
    if (result.update.serverSeqNum !== expected) {
      throw new LogCorruptionError(
        meetId,
        line,
        `serverSeqNum ${result.update.serverSeqNum} where ${expected} was expected`,
      );
    }
    updates.push(result.update);
    start = newline + 1;
  }
  return { updates, goodBytes: start, tornTail: undefined };
}
