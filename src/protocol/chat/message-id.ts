// Chat message ids on the wire: a commit-ordered integer sequence written as 20 zero-padded
// digits, so plain string comparison sorts ids in commit order (JSON numbers would lose
// precision in browsers past 2^53, and unpadded strings would not sort).

/** Digits in a message id: enough for any signed 64-bit sequence value. */
export const MESSAGE_ID_DIGITS = 20;

/** A message id as the wire carries it ("00000000000000000042"). */
export function formatMessageId(sequence: number): string {
  return String(sequence).padStart(MESSAGE_ID_DIGITS, '0');
}

/**
 * The sequence number of a wire id, or undefined when it is not one. Unpadded digits are
 * accepted ("42", "0"), since clients may have stored them as numbers; "0" means "before
 * every message".
 */
export function parseMessageId(text: string): number | undefined {
  if (!/^\d{1,20}$/.test(text)) return undefined;
  const sequence = Number(text);
  return Number.isSafeInteger(sequence) ? sequence : undefined;
}
