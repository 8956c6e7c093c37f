// Rules for what a chat message may contain, shared by the server and clients (so a client can
// refuse a message before sending it): plain text, control characters stripped except line
// breaks and tabs, at most 10,000 characters after stripping, not blank.

/** Longest message, in Unicode code points, after control characters are stripped. */
export const MAX_CONTENT_CHARS = 10_000;

// Control characters (C0, DEL, C1) except \t and \n, and lone surrogates (not text at all:
// a UTF-8 store would turn them into U+FFFD). \r is turned into \n before this runs.
const STRIPPED = /[^\P{Cc}\t\n]|\p{Cs}/gu;

export type ContentCheck =
  | { readonly ok: true; readonly content: string }
  | { readonly ok: false; readonly error: 'empty' | 'too_long' };

/** Cleans `raw` and says whether it may be sent. */
export function checkContent(raw: string): ContentCheck {
  const content = raw.replace(/\r\n?/g, '\n').replace(STRIPPED, '');
  if (content.trim() === '') return { ok: false, error: 'empty' };
  if (codePointsOver(content, MAX_CONTENT_CHARS)) return { ok: false, error: 'too_long' };
  return { ok: true, content };
}

/** Labels people give (user and room names): no control characters at all, no blank. */
export function checkLabel(raw: string, maxChars: number): string | undefined {
  const label = raw.trim();
  if (label === '' || /[\p{Cc}\p{Cs}]/u.test(label)) return undefined;
  return codePointsOver(label, maxChars) ? undefined : label;
}

function codePointsOver(text: string, max: number): boolean {
  // UTF-16 length is an upper bound on code points: most texts need no count at all.
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}
