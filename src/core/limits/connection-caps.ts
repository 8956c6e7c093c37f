// Caps on open connections of this node: in total and per client IP, checked at the upgrade
// before auth. (Per-user caps are the apps' own, cluster-wide through the presence registry:
// see src/apps/chat/user-connections.ts.) Counters exist only while non-zero, so the table
// never holds more entries than there are open connections.

export interface ConnectionCapsOptions {
  /** Open connections on this node, all IPs together. */
  readonly maxTotal: number;
  /** Open connections from one IP key (callers should key IPv6 by prefix). */
  readonly maxPerIp: number;
}

/**
 * A slot taken for one connection. It is an object with a method rather than a closure: one is
 * held per open connection, and memory per idle connection is a target (docs/benchmarks.md).
 */
export class HeldSlot {
  readonly status = 'ok';
  readonly #key: string;
  #giveBack: ((key: string) => void) | undefined;

  constructor(key: string, giveBack: (key: string) => void) {
    this.#key = key;
    this.#giveBack = giveBack;
  }

  /** Gives the slot back. Safe to call more than once: only the first call counts. */
  release(): void {
    const giveBack = this.#giveBack;
    if (giveBack === undefined) return;
    this.#giveBack = undefined;
    giveBack(this.#key);
  }
}

export type IpSlot = HeldSlot | { readonly status: 'total' | 'ip' };

export class ConnectionCaps {
  readonly #options: ConnectionCapsOptions;
  readonly #perIp = new Map<string, number>();
  #total = 0;
  /** One function per caps object, shared by every slot it hands out. */
  readonly #releaseIp = (ip: string): void => {
    this.#total--;
    decrement(this.#perIp, ip);
  };

  constructor(options: ConnectionCapsOptions) {
    for (const name of ['maxTotal', 'maxPerIp'] as const) {
      const value = options[name];
      // Infinity is allowed and means "no cap".
      if (!(value >= 1) || (Number.isFinite(value) && !Number.isSafeInteger(value))) {
        throw new RangeError(`${name} must be a positive integer or Infinity, got ${value}`);
      }
    }
    this.#options = { ...options };
  }

  /** Open connections counted (those holding an IP slot). */
  get total(): number {
    return this.#total;
  }

  /** IPs with at least one open connection (the size of the per-IP table). */
  get distinctIps(): number {
    return this.#perIp.size;
  }

  countForIp(ip: string): number {
    return this.#perIp.get(ip) ?? 0;
  }

  /** Takes a slot for a connection from `ip`; the total cap is checked first. */
  tryAcquireIp(ip: string): IpSlot {
    if (this.#total >= this.#options.maxTotal) return { status: 'total' };
    const count = this.#perIp.get(ip) ?? 0;
    if (count >= this.#options.maxPerIp) return { status: 'ip' };
    this.#perIp.set(ip, count + 1);
    this.#total++;
    return new HeldSlot(ip, this.#releaseIp);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const count = counts.get(key) ?? 0;
  if (count <= 1) counts.delete(key);
  else counts.set(key, count - 1);
}
