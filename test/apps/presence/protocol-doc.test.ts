// docs/protocols/presence.md stays true to the code: every protobuf example is a valid Message
// that survives encoding unchanged (field names, enums, defaults left out), every payload and
// text frame has an example with exactly the server's fields, the wire bytes quoted are the real
// ones, and the metrics and configuration keys it lists are the ones that exist.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import {
  PresenceCounters,
  registerPresenceMetrics,
} from '../../../src/apps/presence/presence-metrics.ts';
import { AppCounters } from '../../../src/core/observability/app-counters.ts';
import { leafPaths } from '../../../src/core/config/schema-introspection.ts';
import { encodeMessage } from '../../../src/protocol/presence/codec.ts';
import { graphwiz } from '../../../src/protocol/presence/generated/presence.js';
import type { PayloadCase } from '../../../src/protocol/presence/messages.ts';
import { PresenceErrorCode } from '../../../src/protocol/presence/text-frames.ts';
import { hearthConfigSchema } from '../../../src/config.ts';
import { REPO_ROOT } from '../../support/child-server.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs/protocols/presence.md'), 'utf8');
const MessageSchema = graphwiz.core.Message;

const PAYLOADS: readonly PayloadCase[] = [
  'clientHello',
  'serverHello',
  'positionUpdate',
  'voiceData',
  'entitySpawn',
  'entityUpdate',
  'entityDespawn',
  'chatMessage',
  'presenceEvent',
  'ack',
];

const TEXT_FRAME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  SERVER_HELLO: ['client_id', 'room_id', 'timestamp', 'type'],
  PRESENCE_JOIN: ['client_id', 'display_name', 'room_id', 'timestamp', 'type', 'user_id'],
  PRESENCE_LEAVE: ['client_id', 'display_name', 'room_id', 'timestamp', 'type', 'user_id'],
};

function jsonExamples(): Record<string, unknown>[] {
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.map((block) => JSON.parse(block.replace(/^ {2}/gm, '')) as Record<string, unknown>);
}

test('every protobuf example is a Message that encodes and decodes to itself', () => {
  const seen = new Set<string>();
  for (const example of jsonExamples()) {
    const payload = PAYLOADS.find((name) => name in example);
    if (payload === undefined) continue;
    seen.add(payload);
    assert.equal(MessageSchema.verify(MessageSchema.fromObject(example)), null);
    const bytes = MessageSchema.encode(MessageSchema.fromObject(example)).finish();
    const back = MessageSchema.toObject(MessageSchema.decode(bytes), {
      enums: String,
      longs: String,
      bytes: String,
    });
    assert.deepEqual(back, example, `the ${payload} example (unknown or default fields?)`);
  }
  assert.deepEqual([...seen].sort(), [...PAYLOADS].sort(), 'an example for every payload');
});

test('every text frame example has exactly the fields the server sends', () => {
  const seen = new Set<string>();
  for (const example of jsonExamples()) {
    const type = example.type;
    if (typeof type !== 'string' || PAYLOADS.some((name) => name in example)) continue;
    const fields = TEXT_FRAME_FIELDS[type];
    if (fields !== undefined) {
      seen.add(type);
      assert.deepEqual(Object.keys(example).sort(), fields, type);
    } else if (type === 'ERROR') {
      seen.add(type);
      assert.ok(Object.values(PresenceErrorCode).includes(example.code as PresenceErrorCode));
      for (const key of Object.keys(example)) {
        assert.ok(['type', 'code', 'message', 'message_id', 'retry_after_ms'].includes(key), key);
      }
    }
  }
  assert.deepEqual([...seen].sort(), ['ERROR', 'PRESENCE_JOIN', 'PRESENCE_LEAVE', 'SERVER_HELLO']);
  for (const code of Object.values(PresenceErrorCode)) {
    assert.ok(doc.includes(`| \`${code}\``), `error code ${code} is in the table`);
  }
});

test('the wire bytes quoted are what the codec produces', () => {
  const hex = Buffer.from(encodeMessage({ payload: 'ack', ack: { messageId: 'm-7' } }))
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  assert.ok(doc.includes(`\`${hex}\``), hex);
});

test('the metrics listed are the ones registered', () => {
  const registry = new Registry();
  registerPresenceMetrics(registry, new PresenceCounters(), {
    transport: new AppCounters(),
    activeRooms: () => 0,
    totals: () => ({ members: { relay: 0, protobuf: 0 }, entities: 0, ghosts: 0 }),
    pendingReliable: () => 0,
  });
  const registered = registry
    .getMetricsAsArray()
    .map((metric) => metric.name)
    .sort();
  const documented = [...doc.matchAll(/^\| `(hearth_presence_[a-z_]+)(?:\{[a-z]+\})?`/gm)]
    .map((match) => match[1] ?? '')
    .sort();
  assert.deepEqual(documented, registered);
});

test('the configuration keys listed are the schema keys, with their defaults', () => {
  const defaults = hearthConfigSchema.parse({}) as unknown as Record<string, unknown>;
  const keys = leafPaths(hearthConfigSchema).filter((key) => key.startsWith('apps.presence.'));
  assert.ok(keys.length > 10);
  for (const key of keys) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\``));
    assert.ok(row !== undefined, `no row for ${key}`);
    let value: unknown = defaults;
    for (const segment of key.split('.')) {
      value = (value as Record<string, unknown> | undefined)?.[segment];
    }
    const expected =
      value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
    assert.equal(row.split('|')[2]?.trim().replace(/`/g, ''), expected, key);
  }
});

test('the flows are drawn: join, relay, reliable delivery, authentication', () => {
  const diagrams = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  assert.ok(diagrams.length >= 5);
  for (const diagram of diagrams) assert.match(diagram, /^sequenceDiagram\n/);
  for (const heading of [
    '### Join (relay mode)',
    '### Relay',
    '### Reliable delivery with ack, retry and reconnect',
    '### Authentication',
  ]) {
    assert.ok(doc.includes(`\n${heading}\n`), heading);
  }
});
