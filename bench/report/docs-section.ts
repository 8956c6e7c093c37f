// Replaces the generated section of docs/benchmarks.md (between the markers) and formats the
// page with the project's Prettier settings, so reruns replace it and `prettier --check` passes.

import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

export const BEGIN_MARKER = '<!-- bench:results:begin -->';
export const END_MARKER = '<!-- bench:results:end -->';

/** The app scenarios' generated section (Hearth only), under "App scenarios". */
export const APPS_BEGIN_MARKER = '<!-- bench:apps:begin -->';
export const APPS_END_MARKER = '<!-- bench:apps:end -->';

export async function replaceGeneratedSection(
  path: string,
  section: string,
  beginMarker = BEGIN_MARKER,
  endMarker = END_MARKER,
): Promise<void> {
  const page = await readFile(path, 'utf8');
  const begin = page.indexOf(beginMarker);
  const end = page.indexOf(endMarker);
  if (begin < 0 || end < begin) {
    throw new Error(`${path}: markers ${beginMarker} … ${endMarker} not found`);
  }
  const updated =
    page.slice(0, begin + beginMarker.length) + `\n\n${section}\n\n` + page.slice(end);
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(updated, { ...options, filepath: path }));
}
