// `npm run fuzz [-- --runs N] [-- --seed S]`: the fuzz suites (test/fuzz/*.test.ts) with N
// generated cases per property (default 500; `npm test` runs them with 25), one file at a
// time, then the totals: inputs fed to the server and the decoders, failures, duration.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FuzzTally } from './support/fuzz-settings.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '500' }, seed: { type: 'string' } },
});
const directory = import.meta.dirname;
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => join(directory, name));
const scratch = mkdtempSync(join(tmpdir(), 'hearth-fuzz-'));
const totalsFile = join(scratch, 'totals.jsonl');
const started = Date.now();

const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-timeout=3600000', ...files],
  {
    cwd: resolve(directory, '../..'),
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_RUNS: values.runs,
      FUZZ_TOTALS_FILE: totalsFile,
      ...(values.seed === undefined ? {} : { FUZZ_SEED: values.seed }),
    },
  },
);

let tallies: FuzzTally[] = [];
try {
  tallies = readFileSync(totalsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FuzzTally);
} catch {
  // No file: every suite failed before reporting; the exit code says so below.
}
rmSync(scratch, { recursive: true, force: true });

const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nfuzz totals (${values.runs} cases per property, ${seconds} s):`);
for (const entry of tallies) console.log(`  ${entry.target}: ${entry.inputs} ${entry.kind}`);
const sum = (kind: FuzzTally['kind']): number =>
  tallies.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.inputs, 0);
console.log(
  `  all: ${sum('frames')} WebSocket frames, ${sum('requests')} HTTP requests, ` +
    `${sum('decoder inputs')} decoder inputs; ${result.status === 0 ? 'no failures' : 'FAILURES (see above)'}`,
);
process.exit(result.status ?? 1);
