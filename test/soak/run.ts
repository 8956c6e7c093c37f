// `npm run soak -- --minutes N [--seed S] [--keep-data] [--json FILE]`: the chaos soak from
// the command line. Progress lines while it runs, the report at the end; exit code 1 on any
// violation.

import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatReport, runSoak } from './soak.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!(minutes > 0) || !Number.isInteger(seed)) {
  console.error('usage: npm run soak -- --minutes N [--seed S] [--keep-data] [--json FILE]');
  process.exit(2);
}

const report = await runSoak({ minutes, seed, keepData: values['keep-data'] });
console.log(formatReport(report));
if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exitCode = report.ok ? 0 : 1;
