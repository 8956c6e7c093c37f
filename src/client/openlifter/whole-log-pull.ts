// The server's whole log, assembled from SERVER_PULL pages. After the server lost state the engine
// adopts the server's log in full, but a SERVER_PULL carries at most one page (256 KiB) of it, so
// the log is gathered page by page, from 0, until it reaches the head the server announces; only
// then does it replace the engine's log. Pure and synchronous.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';

/**
 * What a SERVER_PULL did to the assembly: 'complete' (`entries` is the server's log 1..head),
 * 'more' (pull again from `next`), or 'unrelated' (it does not continue the assembly: an answer
 * to some other pull, applied to the engine's log as usual).
 */
export type WholeLogOutcome = 'complete' | 'more' | 'unrelated';

export class WholeLogPull {
  #entries: RelayedUpdate[] = [];

  /** The `lastServerSeq` of the pull that fetches the next page: the entries assembled so far. */
  get next(): number {
    return this.#entries.length;
  }

  /** The assembled log, 1..next in order. */
  get entries(): readonly RelayedUpdate[] {
    return this.#entries;
  }

  /**
   * Offers one SERVER_PULL (its entries and announced head). A page takes part when it continues
   * the assembly without a gap (a page starting at 1 starts it afresh: an answer to a pull from
   * 0), or when it is empty and the assembly already reaches the head. Pages need not answer
   * this assembly's own pulls: any pull answer that continues it holds the server's entries,
   * which never change on one connection.
   */
  offer(entries: readonly RelayedUpdate[], head: number): WholeLogOutcome {
    const first = entries[0]?.serverSeqNum;
    const start = first === 1 ? 1 : this.#entries.length + 1;
    if (first !== undefined && first !== start) return 'unrelated';
    if (!entries.every((entry, index) => entry.serverSeqNum === start + index)) return 'unrelated';
    const total = start - 1 + entries.length;
    if (total > head) {
      // More than the server says it has: its log shrank under us (it lost state again). The
      // pages gathered so far may be wrong; start over.
      this.#entries = [];
      return 'unrelated';
    }
    if (entries.length === 0 && total < head) return 'unrelated';
    if (start === 1) this.#entries = [];
    this.#entries.push(...entries);
    return total === head ? 'complete' : 'more';
  }
}
