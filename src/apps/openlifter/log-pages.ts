// Cutting runs of log entries into frames of bounded size. A pull answer or a relay holding a
// whole meet could pass a connection's send-buffer cap and get the client cut off as a slow
// consumer (again on every reconnect, for a pull); pages keep every frame well under it.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';

/** Entries per frame, by their JSON size. A single larger entry still travels (alone). */
export const MAX_PULL_PAGE_BYTES = 256 * 1024;

/** The entries cut into consecutive pages of at most `maxBytes` (one entry at least each). */
export function pageEntries(
  entries: readonly RelayedUpdate[],
  maxBytes = MAX_PULL_PAGE_BYTES,
): RelayedUpdate[][] {
  const pages: RelayedUpdate[][] = [];
  let page: RelayedUpdate[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = JSON.stringify(entry).length;
    if (page.length > 0 && bytes + size > maxBytes) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(entry);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** The first page only: what one SERVER_PULL carries. */
export function firstPage(entries: readonly RelayedUpdate[]): RelayedUpdate[] {
  return pageEntries(entries)[0] ?? [];
}
