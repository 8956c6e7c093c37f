// Generators of hostile input shared by the fuzz tests: nasty strings (control characters,
// lone surrogates, huge), deeply nested JSON, valid message shapes mutated (fields dropped,
// retyped, added; the type renamed), truncated JSON, and the frame that carries it (text or
// the same bytes with the binary opcode).

import fc from 'fast-check';

/** Strings a parser or a store may choke on. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)) }),
  fc.constantFrom(
    '',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '../../etc/passwd',
    '..%2f..%2f',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '\u202e\u2066',
    '9'.repeat(400),
  ),
  // Large: up to ~80 KB, so some frames cross the size limits.
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 500, max: 20_000 }))
    .map(([unit, times]) => unit.repeat(times)),
);

/**
 * JSON text spliced into a message as it is: values nested deeper than `JSON.stringify` can
 * recurse (the fuzzer itself could not serialize them otherwise).
 */
export class RawJson {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** `[[[…]]]` or `{"a":{"a":…}}`, up to 30,000 deep. */
export const deepValue: fc.Arbitrary<RawJson> = fc
  .tuple(
    // fast-check leans to small integers: ask for very deep ones explicitly.
    fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 5_000, max: 30_000 })),
    fc.boolean(),
  )
  .map(
    ([depth, arrays]) =>
      new RawJson(
        arrays
          ? '['.repeat(depth) + ']'.repeat(depth)
          : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      ),
  );

/** JSON.stringify that writes RawJson values as their text. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  // Typed as string, but undefined for a value JSON cannot carry.
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof RawJson)) return item;
    raws.push(item.text);
    return `\u0000raw-${raws.length - 1}`;
  }) as string | undefined;
  if (text === undefined) return 'null';
  return raws.length === 0
    ? text
    : text.replace(/"\\u0000raw-(\d+)"/g, (_match, index: string) => raws[Number(index)] ?? 'null');
}

/** Any value a hostile client could put in a field. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null]),
  },
  { weight: 1, arbitrary: deepValue },
);

type Mutation =
  | { readonly kind: 'drop'; readonly index: number }
  | { readonly kind: 'set'; readonly index: number; readonly value: unknown }
  | { readonly kind: 'extra'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'retype'; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), index: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('extra' as const), key: nastyString, value: anyValue }),
  fc.record({
    kind: fc.constant('retype' as const),
    value: fc.oneof(nastyString, anyValue, fc.constantFrom('toString', 'hasOwnProperty')),
  }),
);

/**
 * A valid message with 0–3 mutations, applied to the top-level object or (for envelopes such as
 * chat's `{type, data}`) to the first nested object. `typeKey` names the type field.
 */
export function mutatedMessage(
  valid: fc.Arbitrary<Record<string, unknown>>,
  typeKey: string,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      valid,
      // Often none: a valid message must also reach the handler behind the decoder.
      fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 3 })),
      fc.boolean(),
    )
    .map(([message, mutations, inner]) => {
      const copy: Record<string, unknown> = { ...message };
      const nestedKey = Object.keys(copy).find(
        (key) => typeof copy[key] === 'object' && copy[key] !== null && !Array.isArray(copy[key]),
      );
      let target = copy;
      if (inner && nestedKey !== undefined) {
        target = { ...(copy[nestedKey] as Record<string, unknown>) };
        copy[nestedKey] = target;
      }
      for (const change of mutations) applyMutation(target, change, target === copy ? typeKey : '');
      return copy;
    });
}

function applyMutation(target: Record<string, unknown>, change: Mutation, typeKey: string): void {
  const keys = Object.keys(target).filter((key) => key !== typeKey);
  const key =
    keys.length === 0 ? undefined : keys[('index' in change ? change.index : 0) % keys.length];
  switch (change.kind) {
    case 'drop':
      if (key !== undefined) Reflect.deleteProperty(target, key);
      return;
    case 'set':
      if (key !== undefined) target[key] = change.value;
      return;
    case 'extra':
      Object.defineProperty(target, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return;
    case 'retype':
      if (typeKey !== '') target[typeKey] = change.value;
      return;
  }
}

/** One frame: its bytes and whether it goes out with the binary opcode. */
export interface FuzzFrame {
  readonly data: Buffer;
  readonly binary: boolean;
}

/**
 * Frames for a JSON text protocol: mutated valid messages (mostly), text that is not JSON,
 * truncated JSON, JSON that is not an object, and any of these with the binary opcode.
 */
export function jsonFrame(message: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<FuzzFrame> {
  const text: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: message.map(toJsonText) },
    { weight: 1, arbitrary: nastyString },
    {
      weight: 1,
      arbitrary: fc
        .tuple(message.map(toJsonText), fc.nat())
        .map(([json, cut]) => json.slice(0, json.length === 0 ? 0 : cut % json.length)),
    },
    { weight: 1, arbitrary: anyValue.map(toJsonText) },
  );
  return fc
    .tuple(text, fc.nat(9))
    .map(([value, dice]) => ({ data: Buffer.from(value, 'utf8'), binary: dice === 0 }));
}

/** Random bytes, sometimes large. */
export const randomBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 70_000 }) },
);
