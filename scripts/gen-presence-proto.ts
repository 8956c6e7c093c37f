// Generates the presence protocol's static protobuf code, `src/protocol/presence/generated/`
// (`presence.js` and its `presence.d.ts`), from `src/protocol/presence.proto` with protobufjs-cli
// (`pbjs -t static-module -w esm --dts`). The .proto is the source of truth people edit; the
// generated code is what runs: plain functions over protobufjs/minimal, with no .proto parser,
// no reflection and no code compiled at run time, so browsers run it under a Content-Security-
// Policy without 'unsafe-eval' (protobufjs's reflection build compiles with `new Function`).
// Run: `npm run proto:generate` (test/protocol/presence-generated.test.ts fails while they differ).

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { pbjs } from 'protobufjs-cli';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PROTO_PATH = join(REPO_ROOT, 'src/protocol/presence.proto');
export const GENERATED_DIR = join(REPO_ROOT, 'src/protocol/presence/generated');
export const GENERATED_FILES = ['presence.js', 'presence.d.ts'] as const;

/**
 * Everything the codec and its tests use (encode, decode, verify, from/toObject); nothing else.
 * No `--force-number`: int64 fields decode as protobufjs decides and the codec converts them.
 */
const PBJS_OPTIONS = [
  '--target=static-module',
  '--wrap=esm',
  '--dts',
  '--no-delimited',
  '--no-typeurl',
  '--no-service',
];

const HEADER = [
  '// GENERATED from src/protocol/presence.proto by `npm run proto:generate`, which runs',
  '// scripts/gen-presence-proto.ts: `pbjs ' + PBJS_OPTIONS.join(' ') + '`,',
  '// then Prettier. Do not edit: edit the .proto and regenerate (a test fails while they differ).',
  '',
].join('\n');

function runPbjs(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    pbjs.main(args, (error) => {
      if (error === null) resolve();
      else reject(error);
    });
  });
}

/** Writes the generated files for presence.proto into `outDir`, formatted as the repo's are. */
export async function generatePresenceCode(outDir: string): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'hearth-pbjs-'));
  try {
    // The .proto by its repo-relative path, so nothing machine-specific reaches the output.
    await runPbjs([
      ...PBJS_OPTIONS,
      `--out=${join(scratch, 'presence.js')}`,
      relative(process.cwd(), PROTO_PATH),
    ]);
    await mkdir(outDir, { recursive: true });
    for (const name of GENERATED_FILES) {
      const raw = await readFile(join(scratch, name), 'utf8');
      const filepath = join(GENERATED_DIR, name);
      const options = await resolveConfig(filepath);
      await writeFile(join(outDir, name), await format(HEADER + raw, { ...options, filepath }));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await generatePresenceCode(GENERATED_DIR);
  console.log(`wrote ${GENERATED_FILES.map((name) => join(GENERATED_DIR, name)).join(', ')}`);
}
