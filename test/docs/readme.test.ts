// The README stays true: every configuration key the schema accepts has a row in its table,
// with the real default, and the quick start names the scripts that really exist.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hearthConfigSchema as configSchema } from '../../src/config.ts';
import { leafPaths } from '../../src/core/config/schema-introspection.ts';
import { REPO_ROOT } from '../support/child-server.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

function documentedDefault(key: string): string | undefined {
  const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\`${key}\`\\s*\\|`).test(line));
  return row?.split('|')[2]?.trim().replace(/`/g, '');
}

function defaultAt(key: string): unknown {
  let value: unknown = configSchema.parse({});
  for (const segment of key.split('.'))
    value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

test('every configuration key is documented in the README with its default', () => {
  const keys = leafPaths(configSchema);
  assert.ok(keys.includes('server.port') && keys.includes('admin.token'), 'schema walk works');
  for (const key of keys) {
    const documented = documentedDefault(key);
    assert.ok(documented !== undefined, `README has no row for ${key}`);
    const value = defaultAt(key);
    const expected =
      value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
    assert.equal(documented, expected, `README default for ${key}`);
  }
});

test('the quick start uses the npm scripts that exist', () => {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  assert.match(readme, /npm install && npm start/);
  assert.equal(scripts.start, 'node src/cli/main.ts serve');
  assert.ok(scripts.test !== undefined);
  assert.match(readme, /\nnpm test\n/);
});
