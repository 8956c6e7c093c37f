// Message ids as the chat client handles them: digit strings that sort in commit order. The
// server sends 20 zero-padded digits, but ids from storage or app code may be unpadded ("42"),
// so ids are normalised once on the way in and compared as strings, never as numbers (a
// JavaScript number loses precision past 2^53; the protocol forbids arithmetic on ids).

import { MESSAGE_ID_DIGITS } from '../../protocol/chat/message-id.ts';

const DIGITS = /^\d{1,20}$/;

/** The 20-digit form of a message id; undefined when `text` is not one. */
export function normalizeMessageId(text: string): string | undefined {
  if (!DIGITS.test(text)) return undefined;
  return text.padStart(MESSAGE_ID_DIGITS, '0');
}

/** Negative, zero or positive as `a` sorts before, with or after `b` (both normalised). */
export function compareMessageIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two normalised ids; null counts as "before every message". */
export function laterMessageId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareMessageIds(a, b) >= 0 ? a : b;
}
