// Summarises a V8 CPU profile (`--cpu-prof`, e.g. from `npm run bench -- --profile hearth`):
// self and inclusive time per function and self time per file, as plain text tables.
// Usage: node bench/tools/profile-summary.ts FILE.cpuprofile [--top N] [--filter TEXT]

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../lib/platform.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inRepo = path.startsWith(REPO_ROOT) ? path.slice(REPO_ROOT.length) : path;
  return inRepo.replace(/^.*node_modules\//, 'node_modules/');
}

function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  return url === '' ? name : `${name}  ${shortUrl(url)}:${lineNumber + 1}`;
}

function fileOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  return url === '' ? functionName : shortUrl(url);
}

function table(title: string, totals: Map<string, number>, allMs: number, top: number): string {
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, ms]) =>
        `${ms.toFixed(1).padStart(9)} ms ${((ms / allMs) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
  return [title, ...rows].join('\n');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, filter: { type: 'string' } },
});
const [file] = positionals;
if (file === undefined) {
  console.error(
    'usage: node bench/tools/profile-summary.ts FILE.cpuprofile [--top N] [--filter TEXT]',
  );
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const top = Number(values.top);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const files = new Map<string, number>();
let allMs = 0;
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  const node = byId.get(id);
  if (node === undefined) return;
  allMs += ms;
  const key = keyOf(node);
  self.set(key, (self.get(key) ?? 0) + ms);
  files.set(fileOf(node), (files.get(fileOf(node)) ?? 0) + ms);
  // Each function once per sample, however deep the recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (frame !== undefined) seen.add(keyOf(frame));
  }
  for (const frame of seen) inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
});

const filter = values.filter;
const only = (totals: Map<string, number>): Map<string, number> =>
  filter === undefined ? totals : new Map([...totals].filter(([key]) => key.includes(filter)));
console.log(`${file}: ${allMs.toFixed(0)} ms sampled\n`);
console.log(table('Self time by function', only(self), allMs, top), '\n');
console.log(table('Inclusive time by function', only(inclusive), allMs, top), '\n');
console.log(table('Self time by file', only(files), allMs, top));
