// Finds the app an upgrade or request path belongs to: the longest mount prefix that is the
// path itself or a whole leading segment of it ("/chat" owns "/chat/ws", not "/chatter").

export interface Mounted {
  readonly prefix: string;
}

export class PrefixRouter<T extends Mounted> {
  private readonly entries: readonly T[];

  constructor(entries: readonly T[]) {
    const prefixes = new Set<string>();
    for (const entry of entries) {
      if (prefixes.has(entry.prefix)) throw new Error(`two apps are mounted at "${entry.prefix}"`);
      prefixes.add(entry.prefix);
    }
    this.entries = [...entries].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The owner of `path` and the rest of the path below its prefix (always starting with "/"). */
  match(path: string): { entry: T; rest: string } | undefined {
    for (const entry of this.entries) {
      const { prefix } = entry;
      if (prefix === '' || path === prefix || path.startsWith(`${prefix}/`)) {
        const rest = path.slice(prefix.length);
        return { entry, rest: rest === '' ? '/' : rest };
      }
    }
    return undefined;
  }
}
