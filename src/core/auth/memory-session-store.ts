// In-process session store: records keyed by token hash, expired on read and by `sweep`, and
// bounded by `maxSessions`. For a single node and tests; apps that need sessions to survive a
// restart or span nodes keep them in their own stores with the same helpers.

import {
  generateSessionToken,
  hashSessionToken,
  isExpired,
  isSessionTokenFormat,
} from './session-tokens.ts';
import type { SessionRecord } from './session-tokens.ts';

export interface MemorySessionStoreOptions {
  /**
   * Most sessions kept. When full, expired sessions are dropped first, then the one that would
   * expire soonest, so a login flood cannot grow memory without bound.
   * @default 100_000
   */
  readonly maxSessions?: number;
}

export const MEMORY_SESSION_STORE_DEFAULTS = {
  maxSessions: 100_000,
} as const satisfies Required<MemorySessionStoreOptions>;

export interface CreatedSession<TData> {
  /** The secret to hand to the client once; it is not kept anywhere. */
  readonly token: string;
  readonly record: SessionRecord<TData>;
}

export class MemorySessionStore<TData = unknown> {
  readonly #maxSessions: number;
  readonly #records = new Map<string, SessionRecord<TData>>();

  constructor(options: MemorySessionStoreOptions = {}) {
    const maxSessions = options.maxSessions ?? MEMORY_SESSION_STORE_DEFAULTS.maxSessions;
    if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) {
      throw new RangeError(`maxSessions must be a positive integer, got ${maxSessions}`);
    }
    this.#maxSessions = maxSessions;
  }

  /** Sessions held, live or not yet swept. */
  get size(): number {
    return this.#records.size;
  }

  /** Starts a session for `subject` that lives `ttlMs` from `now`. */
  create(subject: string, ttlMs: number, now: number, data?: TData): CreatedSession<TData> {
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
      throw new RangeError(`ttlMs must be a positive finite number, got ${ttlMs}`);
    }
    if (this.#records.size >= this.#maxSessions) this.#makeRoom(now);
    const token = generateSessionToken();
    const tokenHash = hashSessionToken(token);
    const record: SessionRecord<TData> =
      data === undefined
        ? { tokenHash, subject, expiresAt: now + ttlMs }
        : { tokenHash, subject, expiresAt: now + ttlMs, data };
    this.#records.set(tokenHash, record);
    return { token, record };
  }

  /**
   * The live session for `token`, or undefined. An expired one is deleted on the way. The map
   * is keyed by the token's SHA-256, so lookup timing tells an attacker nothing about tokens.
   */
  lookup(token: string, now: number): SessionRecord<TData> | undefined {
    if (!isSessionTokenFormat(token)) return undefined;
    const tokenHash = hashSessionToken(token);
    const record = this.#records.get(tokenHash);
    if (record === undefined) return undefined;
    if (isExpired(record, now)) {
      this.#records.delete(tokenHash);
      return undefined;
    }
    return record;
  }

  /** Ends the session for `token`; true if there was one. */
  revoke(token: string): boolean {
    if (!isSessionTokenFormat(token)) return false;
    return this.#records.delete(hashSessionToken(token));
  }

  /** Drops every expired session; returns how many. */
  sweep(now: number): number {
    let dropped = 0;
    for (const [tokenHash, record] of this.#records) {
      if (isExpired(record, now)) {
        this.#records.delete(tokenHash);
        dropped++;
      }
    }
    return dropped;
  }

  // O(n), but only when the store is full, which is the rare (flood) case; a heap would cost
  // more memory on every session to speed up that one path.
  #makeRoom(now: number): void {
    if (this.sweep(now) > 0) return;
    let soonest: SessionRecord<TData> | undefined;
    for (const record of this.#records.values()) {
      if (soonest === undefined || record.expiresAt < soonest.expiresAt) soonest = record;
    }
    if (soonest !== undefined) this.#records.delete(soonest.tokenHash);
  }
}
