// Reading the config schema itself: what kind of value a key expects (env coercion needs it)
// and which keys exist at all (the README's configuration table is checked against them).

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

export function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
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

/** Every key path the schema accepts, optional ones included, down to non-object values. */
export function leafPaths(schema: z.ZodType): string[] {
  const paths: string[] = [];
  const walk = (node: z.core.$ZodType | undefined, prefix: string): void => {
    const inner = unwrap(node);
    if (inner?._zod.def.type !== 'object' || prefix.endsWith('.websocket')) {
      paths.push(prefix);
      return;
    }
    const shape = (inner as z.core.$ZodObject)._zod.def.shape as Record<string, z.core.$ZodType>;
    for (const [key, child] of Object.entries(shape)) {
      walk(child, prefix === '' ? key : `${prefix}.${key}`);
    }
  };
  walk(schema, '');
  return paths;
}
