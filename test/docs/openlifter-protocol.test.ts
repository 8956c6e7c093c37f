// docs/protocols/openlifter.md stays true to the code: every message type has a heading or table
// entry, every JSON example of a client message passes its schema (with no unknown fields), every
// server example has exactly the fields the server sends, and the limits (the pull page too),
// metrics, configuration keys, sync engine options, heartbeat probe, refusal texts and internal
// links it lists are the real ones.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import type { z } from 'zod';
import { openlifterConfigSchema } from '../../src/apps/openlifter/config.ts';
import { OpenLifterMetrics } from '../../src/apps/openlifter/openlifter-metrics.ts';
import { MAX_PULL_PAGE_BYTES } from '../../src/apps/openlifter/log-pages.ts';
import { PROBE_MSG_TYPE } from '../../src/client/openlifter/heartbeat.ts';
import { DEFAULT_MEET_SYNC_OPTIONS } from '../../src/client/openlifter/sync-options.ts';
import { leafPaths, unwrap } from '../../src/core/config/schema-introspection.ts';
import {
  CLIENT_MESSAGE_SCHEMAS,
  ClientMessageType,
  OPENLIFTER_LIMITS,
  ServerMessageType,
  type RelayedUpdate,
  type ServerMessage,
  type UpdateAckEntry,
  type UpdateRejectedEntry,
} from '../../src/protocol/openlifter/messages.ts';
import { REPO_ROOT } from '../support/child-server.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs/protocols/openlifter.md'), 'utf8');
const lines = doc.split('\n');

const CLIENT_TYPES: readonly string[] = Object.values(ClientMessageType);
const SERVER_TYPES: readonly string[] = Object.values(ServerMessageType);

// What the server sends, field by field: array fields list their elements' keys. The types make
// the compiler check this table against ServerMessage (no field missing, none invented).
type ServerType = ServerMessage['msgType'];
type FieldsOf<T extends ServerType> = Exclude<
  keyof Extract<ServerMessage, { msgType: T }>,
  'msgType'
>;
const RELAYED: readonly (keyof RelayedUpdate)[] = [
  'updateKey',
  'updateValue',
  'serverSeqNum',
  'locationName',
];
const ACK: readonly (keyof UpdateAckEntry)[] = ['localSeqNum', 'serverSeqNum'];
const REJECTED: readonly (keyof UpdateRejectedEntry)[] = ['localSeqNum', 'conflict', 'reason'];
const SERVER_FIELDS = {
  MEET_CREATED: { meetId: null, sessionToken: null },
  CREATE_REJECTED: { reason: null },
  MEET_JOINED: { meetId: null, sessionToken: null, lastServerSeq: null },
  JOIN_REJECTED: { reason: null },
  UPDATE_ACK: { updateAcks: ACK },
  UPDATE_REJECTED: { updatesRejected: REJECTED },
  UPDATE_RELAY: { updatesRelayed: RELAYED },
  SERVER_PULL: { lastServerSeq: null, updatesRelayed: RELAYED },
  PUBLISH_ACK: { meetId: null },
  RECOVERY_REQUEST: { lastServerSeq: null },
  MALFORMED_MESSAGE: { errMsg: null },
  UNKNOWN_MESSAGE_TYPE: { unknownMsgType: null },
  INVALID_SESSION: { sessionToken: null },
  RATE_LIMITED: { retryAfterMs: null },
  PONG: {},
} satisfies { [T in ServerType]: Record<FieldsOf<T>, readonly string[] | null> };

interface Fence {
  readonly info: string;
  readonly body: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

function fencedBlocks(): Fence[] {
  const blocks: Fence[] = [];
  let open: { info: string; line: number; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (open === undefined) {
      if (fence) open = { info: fence[1] ?? '', line: index + 1, body: [] };
    } else if (fence?.[1] === '') {
      blocks.push({ info: open.info, body: open.body.join('\n'), line: open.line });
      open = undefined;
    } else {
      open.body.push(line);
    }
  }
  assert.equal(open, undefined, 'every code fence is closed');
  return blocks;
}

/** Lines outside code blocks (headings and tables live there). */
function proseLines(): string[] {
  const prose: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (line.startsWith('```')) inFence = !inFence;
    else if (!inFence) prose.push(line);
  }
  return prose;
}

function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

function tableRows(): string[][] {
  return proseLines()
    .filter((line) => line.startsWith('|'))
    .map(cells);
}

function headings(): string[] {
  return proseLines().filter((line) => /^#{1,6} /.test(line));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface JsonExample {
  readonly value: unknown;
  readonly line: number;
}

function jsonExamples(): JsonExample[] {
  return fencedBlocks()
    .filter((block) => block.info === 'json')
    .map((block) => {
      try {
        return { value: JSON.parse(block.body) as unknown, line: block.line };
      } catch (error) {
        assert.fail(`JSON block at line ${block.line} does not parse: ${String(error)}`);
      }
    });
}

/** Paths in `value` that `schema` has no key for (zod ignores them, a typo would pass). */
function unknownKeys(schema: z.core.$ZodType, value: unknown, path: string): string[] {
  const node = unwrap(schema);
  const def = node?._zod.def as
    | { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType }
    | undefined;
  if (def?.type === 'object' && def.shape !== undefined && isRecord(value)) {
    const shape = def.shape;
    return Object.entries(value).flatMap(([key, child]) => {
      const childSchema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      const at = path === '' ? key : `${path}.${key}`;
      return childSchema === undefined ? [at] : unknownKeys(childSchema, child, at);
    });
  }
  if (def?.type === 'array' && def.element !== undefined && Array.isArray(value)) {
    const element = def.element;
    return value.flatMap((item: unknown, index) => unknownKeys(element, item, `${path}[${index}]`));
  }
  return [];
}

function sameKeys(actual: Record<string, unknown>, expected: readonly string[], where: string) {
  assert.deepEqual(Object.keys(actual).sort(), [...expected].sort(), where);
}

test('every message type has a heading or a table entry', () => {
  const heads = headings();
  const firstCells = tableRows().map((row) => row[0]);
  for (const msgType of [...CLIENT_TYPES, ...SERVER_TYPES]) {
    const code = `\`${msgType}\``;
    const found = heads.some((heading) => heading.includes(code)) || firstCells.includes(code);
    assert.ok(found, `${msgType} has no heading or table entry in the protocol document`);
  }
});

test('message names in headings and sequence diagrams are real message types', () => {
  const known = new Set([...CLIENT_TYPES, ...SERVER_TYPES]);
  for (const heading of headings()) {
    for (const [, name] of heading.matchAll(/`([A-Z]+(?:_[A-Z]+)+)`/g)) {
      assert.ok(known.has(name ?? ''), `heading "${heading}" names an unknown message ${name}`);
    }
  }
  const diagrams = fencedBlocks().filter((block) => block.info === 'mermaid');
  assert.ok(diagrams.length >= 6, 'the six sequence diagrams are there');
  for (const diagram of diagrams) {
    for (const [name] of diagram.body.matchAll(/\b[A-Z]{2,}(?:_[A-Z]+)+\b/g)) {
      assert.ok(
        known.has(name),
        `diagram at line ${diagram.line} names an unknown message ${name}`,
      );
    }
  }
});

test('every JSON example of a client message parses with its schema, without unknown fields', () => {
  const seen = new Set<string>();
  for (const { value, line } of jsonExamples()) {
    if (!isRecord(value) || typeof value.msgType !== 'string') continue;
    const { msgType } = value;
    if (!Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, msgType)) continue;
    const schema = CLIENT_MESSAGE_SCHEMAS[msgType as keyof typeof CLIENT_MESSAGE_SCHEMAS];
    const result = schema.safeParse(value);
    assert.ok(
      result.success,
      `${msgType} example at line ${line}: ${result.error?.issues[0]?.message ?? ''}`,
    );
    assert.deepEqual(unknownKeys(schema, value, ''), [], `${msgType} example at line ${line}`);
    seen.add(msgType);
  }
  assert.deepEqual(
    [...seen].sort(),
    [...CLIENT_TYPES].sort(),
    'every client message has an example',
  );
});

test('every JSON example of a server message has exactly the fields the server sends', () => {
  const seen = new Set<string>();
  for (const { value, line } of jsonExamples()) {
    if (!isRecord(value) || typeof value.msgType !== 'string') continue;
    const { msgType, ...fields } = value;
    if (CLIENT_TYPES.includes(msgType)) continue;
    assert.ok(Object.hasOwn(SERVER_FIELDS, msgType), `unknown msgType ${msgType} at line ${line}`);
    const expected: Record<string, readonly string[] | null> = SERVER_FIELDS[msgType as ServerType];
    const where = `${msgType} example at line ${line}`;
    sameKeys(fields, Object.keys(expected), where);
    for (const [field, elementKeys] of Object.entries(expected)) {
      if (elementKeys === null) continue;
      const list = fields[field];
      assert.ok(Array.isArray(list), `${where}: ${field} is a list`);
      for (const element of list as unknown[]) {
        assert.ok(isRecord(element), `${where}: ${field} holds objects`);
        sameKeys(element, elementKeys, `${where}: ${field}[]`);
      }
    }
    seen.add(msgType);
  }
  assert.deepEqual(
    [...seen].sort(),
    [...SERVER_TYPES].sort(),
    'every server message has an example',
  );
  assert.deepEqual(Object.keys(SERVER_FIELDS).sort(), [...SERVER_TYPES].sort());
});

test('the limits table lists every limit with its value', () => {
  const rows = tableRows();
  for (const [name, value] of Object.entries(OPENLIFTER_LIMITS)) {
    const row = rows.find((cellsOfRow) => cellsOfRow[0] === `\`${name}\``);
    assert.ok(row, `no row for the limit ${name}`);
    const documented = (row[1] ?? '').split(' ')[0]?.replace(/,/g, '');
    assert.equal(documented, String(value), `documented value of ${name}`);
  }
});

test('every apps.openlifter configuration key is mentioned, with its default', () => {
  const defaults: unknown = openlifterConfigSchema.parse({});
  const rows = tableRows();
  const keys = leafPaths(openlifterConfigSchema);
  assert.ok(keys.includes('session_ttl_hours') && keys.includes('websocket.max_payload_bytes'));
  for (const key of keys) {
    const full = `apps.openlifter.${key}`;
    assert.ok(doc.includes(`\`${full}\``), `${full} is not mentioned`);
    let value = defaults;
    for (const segment of key.split('.')) value = isRecord(value) ? value[segment] : undefined;
    if (value === undefined) continue; // websocket overrides: no default of their own
    const row = rows.find((cellsOfRow) => cellsOfRow[0] === `\`${full}\``);
    assert.ok(row, `no table row for ${full}`);
    const expected = typeof value === 'string' ? value : JSON.stringify(value);
    assert.equal(row[1]?.replace(/`/g, ''), expected, `documented default of ${full}`);
  }
});

test('every metric of the openlifter app is documented', () => {
  const registry = new Registry();
  new OpenLifterMetrics(registry);
  const names = registry.getMetricsAsArray().map((metric) => metric.name);
  assert.ok(names.length > 0);
  for (const name of names) assert.ok(doc.includes(`\`${name}\``), `${name} is not documented`);
});

test('internal links point at headings', () => {
  const slugs = new Set(
    headings().map((heading) =>
      heading
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
  for (const [, anchor] of doc.matchAll(/\]\(#([^)]+)\)/g)) {
    assert.ok(slugs.has(anchor ?? ''), `link to #${anchor} has no heading`);
  }
});

test("the pull page size is the server's", () => {
  const mentions = [...doc.matchAll(/`MAX_PULL_PAGE_BYTES`\D{0,4}([\d,]+)/g)];
  assert.ok(mentions.length >= 2, 'the limits and SERVER_PULL give the page size');
  for (const [, value] of mentions) {
    assert.equal(value?.replace(/,/g, ''), String(MAX_PULL_PAGE_BYTES));
  }
});

test('the sync engine options table lists every option with its default', () => {
  const rows = tableRows();
  const header = rows.findIndex((row) => row[0] === 'Option' && row[1] === 'Default');
  assert.ok(header >= 0, 'there is an options table');
  const documented = new Map<string, string>();
  for (const row of rows.slice(header + 2)) {
    const name = /^`(\w+)`$/.exec(row[0] ?? '')?.[1];
    if (name === undefined || !/^`.*`$/.test(row[1] ?? '')) break;
    documented.set(name, (row[1] ?? '').replace(/`/g, ''));
  }
  assert.deepEqual(
    Object.fromEntries(documented),
    Object.fromEntries(
      Object.entries(DEFAULT_MEET_SYNC_OPTIONS).map(([name, value]) => [name, String(value)]),
    ),
  );
});

test('the heartbeat probe and the refusal texts quoted are the ones the code sends', () => {
  const probes = [...doc.matchAll(/probe is\s+`([A-Z_]+)`/g)].map((m) => m[1]);
  assert.ok(probes.length >= 1, 'the no-op probe is named');
  for (const probe of probes) assert.equal(probe, PROBE_MSG_TYPE);
  const handlers = readFileSync(join(REPO_ROOT, 'src/apps/openlifter/update-handlers.ts'), 'utf8');
  const refusal = 'PUBLISH_MEET: a display-only session cannot publish';
  assert.ok(doc.includes(`\`${refusal}\``) && handlers.includes(`'${refusal}'`));
});
