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

/** Query parameters that carry a password (libpq accepts `postgres://host/db?password=…`). */
const PASSWORD_PARAMS = ['password', 'sslpassword'];

/**
 * `redis://user:pw@host` → `redis://user:[redacted]@host`, and a `password=` query parameter
 * likewise; other strings are returned as is.
 */
export function maskUrlCredentials(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    const params = PASSWORD_PARAMS.filter((name) => url.searchParams.has(name));
    if (url.password === '' && params.length === 0) return text;
    if (url.password !== '') url.password = REDACTED;
    for (const name of params) url.searchParams.set(name, REDACTED);
    return url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  } catch {
    return text;
  }
}
