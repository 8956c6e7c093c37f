// The rules a new meet's password must meet (config `password_requirements`). Characters are
// counted as the password hasher sees them: Unicode code points of the NFC form, so "é" typed
// as e + combining accent is one character, and an emoji is one, not two UTF-16 units.

/** Same keys as the config section, so the parsed config can be passed as it is. */
export interface PasswordPolicy {
  readonly min_length: number;
  readonly require_uppercase: boolean;
  readonly require_lowercase: boolean;
  readonly require_digit: boolean;
  readonly require_special: boolean;
}

/** The spec's minimum: at least 10 characters, nothing else required. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  min_length: 10,
  require_uppercase: false,
  require_lowercase: false,
  require_digit: false,
  require_special: false,
};

// Unicode classes, not ASCII ranges: a director typing "Ä" or "٣" gets the credit for it.
const UPPERCASE = /[\p{Lu}\p{Lt}]/u;
const LOWERCASE = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;
/** Anything that is neither a letter nor a number: punctuation, symbols, spaces. */
const SPECIAL = /[^\p{L}\p{N}]/u;

/**
 * Undefined when `password` meets `policy`, else one sentence saying what is missing, fit to
 * send in CREATE_REJECTED. Length is reported first, then every missing kind at once, so a
 * director fixes the password in one go.
 */
export function checkPassword(policy: PasswordPolicy, password: string): string | undefined {
  const normalized = password.normalize('NFC');
  let length = 0;
  for (const _ of normalized) length++;
  if (length < policy.min_length) {
    const unit = policy.min_length === 1 ? 'character' : 'characters';
    return `password must be at least ${policy.min_length} ${unit}`;
  }
  const missing: string[] = [];
  if (policy.require_uppercase && !UPPERCASE.test(normalized)) missing.push('an uppercase letter');
  if (policy.require_lowercase && !LOWERCASE.test(normalized)) missing.push('a lowercase letter');
  if (policy.require_digit && !DIGIT.test(normalized)) missing.push('a digit');
  if (policy.require_special && !SPECIAL.test(normalized)) {
    missing.push('a special character (not a letter or digit)');
  }
  if (missing.length === 0) return undefined;
  return `password must contain ${listOf(missing)}`;
}

/** "a, b and c" */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
