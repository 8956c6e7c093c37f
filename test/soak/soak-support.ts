// Small helpers shared by the chaos soak's parts: sleeping, polling a condition without
// throwing, a seeded pick, and the list of violations a check reports (bounded per kind, so a
// systematic failure prints a few examples and a count rather than thousands of lines).

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until true (→ true) or until `timeoutMs` has passed (→ false). */
export async function poll(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/** Violations found by the end checks, grouped by kind; at most `examples` listed per kind. */
export class Violations {
  readonly #byKind = new Map<string, { count: number; examples: string[] }>();
  readonly #examples: number;

  constructor(examples = 5) {
    this.#examples = examples;
  }

  add(kind: string, detail: string): void {
    let entry = this.#byKind.get(kind);
    if (entry === undefined) {
      entry = { count: 0, examples: [] };
      this.#byKind.set(kind, entry);
    }
    entry.count++;
    if (entry.examples.length < this.#examples) entry.examples.push(detail);
  }

  get total(): number {
    let total = 0;
    for (const { count } of this.#byKind.values()) total += count;
    return total;
  }

  /** One line per kind with its count, then its examples indented. */
  lines(): string[] {
    const lines: string[] = [];
    for (const [kind, { count, examples }] of this.#byKind) {
      lines.push(`${kind}: ${count}`);
      for (const example of examples) lines.push(`    ${example}`);
    }
    return lines;
  }
}

/** Counts occurrences of each key. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
