// Replaces the generated section of docs/benchmarks.md (between the markers) and formats the
// page with the project's Prettier settings, so reruns replace it and `prettier --check` passes.

import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

export const BEGIN_MARKER = '<!-- bench:results:begin -->';
export const END_MARKER = '<!-- bench:results:end -->';

export async function replaceGeneratedSection(path: string, section: string): Promise<void> {
  const page = await readFile(path, 'utf8');
  const begin = page.indexOf(BEGIN_MARKER);
  const end = page.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    throw new Error(`${path}: markers ${BEGIN_MARKER} … ${END_MARKER} not found`);
  }
  const updated =
    page.slice(0, begin + BEGIN_MARKER.length) + `\n\n${section}\n\n` + page.slice(end);
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(updated, { ...options, filepath: path }));
}
