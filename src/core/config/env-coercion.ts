// Environment variables are all strings; the schema says what each key should be. This turns
// `HEARTH_SERVER__PORT=9000` into a number and `HEARTH_SERVER__ALLOWED_ORIGINS='["…"]'` into
// an array, but keeps `HEARTH_ADMIN__TOKEN=12345678901234567890` a string, as the key expects.

import type { z } from 'zod';

export type ValueKind = 'string' | 'number' | 'boolean' | 'json' | 'unknown';

/** What kind of value the schema expects at `path`, looking through defaults and optionals. */
export function kindAt(schema: z.ZodType, path: readonly string[]): ValueKind {
  let node: z.core.$ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (node?._zod.def.type !== 'object') return 'unknown';
    const shape = (node as z.core.$ZodObject)._zod.def.shape as Record<string, z.core.$ZodType>;
    node = Object.hasOwn(shape, key) ? unwrap(shape[key]) : undefined;
  }
  return node === undefined ? 'unknown' : kindOf(node);
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let node = schema;
  while (node !== undefined) {
    const def = node._zod.def as { type: string; innerType?: z.core.$ZodType };
    if (!['default', 'prefault', 'optional', 'nullable'].includes(def.type)) return node;
    node = def.innerType;
  }
  return node;
}

function kindOf(node: z.core.$ZodType): ValueKind {
  const def = node._zod.def as {
    type: string;
    options?: z.core.$ZodType[];
    values?: unknown[];
  };
  switch (def.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'number':
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
    case 'array':
    case 'record':
      return 'json';
    case 'literal':
      return typeof def.values?.[0] === 'number' ? 'number' : 'string';
    case 'union': {
      const kinds = new Set((def.options ?? []).map((option) => kindOf(unwrap(option) ?? option)));
      return kinds.size === 1 ? ([...kinds][0] ?? 'unknown') : 'unknown';
    }
    default:
      return 'unknown';
  }
}

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
