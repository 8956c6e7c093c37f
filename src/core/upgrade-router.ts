// Finds the app an upgrade or request path belongs to: the longest mount prefix that is the
// path itself or a whole leading segment of it ("/chat" owns "/chat/ws", not "/chatter").

export interface Mounted {
  readonly prefix: string;
}

export class PrefixRouter<T extends Mounted> {
  /** Longest prefix first; `segment` is the prefix and "/", built once rather than per match. */
  private readonly routes: readonly { readonly entry: T; readonly segment: string }[];

  constructor(entries: readonly T[]) {
    const prefixes = new Set<string>();
    for (const entry of entries) {
      if (prefixes.has(entry.prefix)) throw new Error(`two apps are mounted at "${entry.prefix}"`);
      prefixes.add(entry.prefix);
    }
    this.routes = [...entries]
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .map((entry) => ({ entry, segment: `${entry.prefix}/` }));
  }

  /** The owner of `path` and the rest of the path below its prefix (always starting with "/"). */
  match(path: string): { entry: T; rest: string } | undefined {
    for (const { entry, segment } of this.routes) {
      const { prefix } = entry;
      if (prefix === '' || path === prefix || path.startsWith(segment)) {
        const rest = path.slice(prefix.length);
        return { entry, rest: rest === '' ? '/' : rest };
      }
    }
    return undefined;
  }
}
