// Who is who: user ids to names, from the user list of the HTTP API. An id the page has not
// seen yet (a user created after it loaded) triggers one refresh, at most every few seconds, and
// a listener re-renders the names then.

import type { WireUser } from '../../client/chat/index.ts';

const REFRESH_GAP_MS = 5000;

export class People {
  readonly #fetchUsers: () => Promise<readonly WireUser[]>;
  readonly #onChange: () => void;
  readonly #names = new Map<string, string>();
  #lastFetch = -Infinity;
  #fetching: Promise<void> | undefined;

  constructor(fetchUsers: () => Promise<readonly WireUser[]>, onChange: () => void) {
    this.#fetchUsers = fetchUsers;
    this.#onChange = onChange;
  }

  /** Loads the user list now. */
  async refresh(): Promise<void> {
    this.#lastFetch = performance.now();
    this.#fetching ??= this.#fetchUsers()
      .then((users) => {
        for (const user of users) this.#names.set(user.id, user.name);
        this.#onChange();
      })
      .catch(() => {
        // Names are a nicety: a failed refresh shows placeholders until the next one.
      })
      .finally(() => {
        this.#fetching = undefined;
      });
    return this.#fetching;
  }

  nameOf(userId: string): string {
    const name = this.#names.get(userId);
    if (name !== undefined) return name;
    if (performance.now() - this.#lastFetch > REFRESH_GAP_MS) void this.refresh();
    return 'someone';
  }

  /** "Ana is typing…", "Ana and Bo are typing…", "Ana, Bo and Cy are typing…"; '' for nobody. */
  typingText(userIds: readonly string[]): string {
    const names = userIds.map((id) => this.nameOf(id));
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0] ?? ''} is typing…`;
    const last = names.pop() ?? '';
    return `${names.join(', ')} and ${last} are typing…`;
  }
}
