// docs/protocols/chat.md stays true to the code: every message type of the protocol has a JSON
// example there, every client example passes the server's own validation, and every metric and
// configuration key (with its default) is documented.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { ChatMetrics } from '../../../src/apps/chat/chat-metrics.ts';
import { hearthConfigSchema } from '../../../src/config.ts';
import { leafPaths } from '../../../src/core/config/schema-introspection.ts';
import {
  ClientMessageType,
  decodeClientMessage,
  ServerMessageType,
} from '../../../src/protocol/chat/messages.ts';
import { REPO_ROOT } from '../../support/child-server.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs/protocols/chat.md'), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1] ?? '') as { type?: string; data?: Record<string, unknown> },
);

test('every message type has a JSON example', () => {
  const documented = new Set(examples.map((example) => example.type));
  for (const type of [...Object.values(ClientMessageType), ...Object.values(ServerMessageType)]) {
    assert.ok(documented.has(type), `no JSON example of ${type}`);
  }
});

test('every client example is a valid client message', () => {
  const clientTypes = new Set<string>(Object.values(ClientMessageType));
  let checked = 0;
  for (const example of examples) {
    if (example.type === undefined || !clientTypes.has(example.type)) continue;
    // NewMessage and typing exist in both directions; the server's carry what clients do not.
    if (example.data?.message !== undefined || example.data?.user_id !== undefined) continue;
    const decoded = decodeClientMessage(JSON.stringify(example));
    assert.ok(decoded.ok, `${example.type}: ${decoded.ok ? '' : decoded.message}`);
    checked++;
  }
  assert.ok(checked >= Object.keys(ClientMessageType).length);
});

test('every chat metric is documented', () => {
  const registry = new Registry();
  new ChatMetrics(registry);
  for (const metric of registry.getMetricsAsArray()) {
    assert.ok(doc.includes(`\`${metric.name}\``), `${metric.name} is not documented`);
  }
});

test('every chat configuration key is documented with its default', () => {
  const defaults = hearthConfigSchema.parse({}) as unknown as Record<string, unknown>;
  for (const key of leafPaths(hearthConfigSchema).filter((path) => path.startsWith('apps.chat.'))) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\``));
    assert.ok(row !== undefined, `${key} is not in the configuration table`);
    let value: unknown = defaults;
    for (const segment of key.split('.')) value = (value as Record<string, unknown>)[segment];
    const expected = typeof value === 'string' ? value : JSON.stringify(value);
    assert.equal(row.split('|')[2]?.trim().replace(/`/g, ''), expected, key);
  }
});
