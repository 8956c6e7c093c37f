// Environment variables are all strings; the schema says what each key should be. This turns
// `HEARTH_SERVER__PORT=9000` into a number and `HEARTH_SERVER__ALLOWED_ORIGINS='["…"]'` into
// an array, but keeps `HEARTH_ADMIN__TOKEN=12345678901234567890` a string, as the key expects.

import type { ValueKind } from './schema-introspection.ts';

/** Converts one env string to the kind the schema expects; leaves it alone when it cannot. */
export function coerceEnvValue(value: string, kind: ValueKind): unknown {
  const trimmed = value.trim();
  switch (kind) {
    case 'string':
      return value;
    case 'number':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : value;
    case 'json':
    case 'unknown':
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return value;
      }
  }
}
