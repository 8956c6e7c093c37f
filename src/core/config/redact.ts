// Turns a config into something safe to print (`hearth config`) or log: secret values are
// replaced and credentials inside URLs are masked.

import { SECRET_KEY_PATTERN } from './schema.ts';

export const REDACTED = '[redacted]';

export function redactConfig<T>(value: T): T {
  return redactValue(value, '') as T;
}

function redactValue(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) => [childKey, redactValue(child, childKey)]),
    );
  }
  if (SECRET_KEY_PATTERN.test(key) && value !== undefined && value !== null) return REDACTED;
  if (typeof value === 'string') return maskUrlCredentials(value);
  return value;
}

/** `redis://user:pw@host` → `redis://user:[redacted]@host`; other strings are returned as is. */
export function maskUrlCredentials(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    if (url.password === '') return text;
    url.password = REDACTED;
    return url.toString().replace(encodeURIComponent(REDACTED), REDACTED);
  } catch {
    return text;
  }
}
