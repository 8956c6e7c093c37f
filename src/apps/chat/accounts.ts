// Accounts and sessions: creating users (first-run setup, admins, the CLI), login with scrypt
// under per-IP and per-account attempt limits, and opaque session tokens of which only the
// SHA-256 is stored. Errors are HearthErrors whose messages are safe to show.

import { randomUUID } from 'node:crypto';
import type { PasswordHasher } from '../../core/auth/password-hasher.ts';
import {
  generateSessionToken,
  hashSessionToken,
  isSessionTokenFormat,
} from '../../core/auth/session-tokens.ts';
import type { LimitStore, SharedRateLimiter } from '../../core/limits/rate-limit-store.ts';
import { checkLabel } from '../../protocol/chat/content.ts';
import { MAX_NAME_CHARS } from '../../protocol/chat/http.ts';
import { HearthError } from '../../protocol/errors.ts';
import type { ChatMetrics } from './chat-metrics.ts';
import type { ChatConfig } from './config.ts';
import { EmailTakenError, type ChatStore, type SessionRecord, type UserRecord } from './store.ts';

export interface NewAccount {
  /** Lower-cased already (the HTTP schemas do it). */
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly admin: boolean;
}

export interface Authenticated {
  readonly user: UserRecord;
  readonly session: SessionRecord;
}

/** Creates a user (hashing the password); `onlyIfFirst` for first-run setup. */
export async function createAccount(
  store: ChatStore,
  hasher: PasswordHasher,
  account: NewAccount,
  options: { onlyIfFirst?: boolean; now?: number } = {},
): Promise<UserRecord> {
  const name = checkLabel(account.name, MAX_NAME_CHARS);
  if (name === undefined) {
    throw new HearthError('bad_request', `name must be 1-${MAX_NAME_CHARS} printable characters`);
  }
  const email = account.email.trim().toLowerCase();
  const passwordHash = await hasher.hash(account.password);
  try {
    const user = await store.createUser(
      {
        id: randomUUID(),
        email,
        name,
        passwordHash,
        admin: account.admin,
        createdAt: options.now ?? Date.now(),
      },
      { onlyIfFirst: options.onlyIfFirst === true },
    );
    if (user === undefined) throw new HearthError('forbidden', 'setup is already done');
    return user;
  } catch (error) {
    if (error instanceof EmailTakenError) {
      throw new HearthError('bad_request', 'a user with this email exists');
    }
    throw error;
  }
}

export class Accounts {
  private readonly store: ChatStore;
  private readonly hasher: PasswordHasher;
  private readonly metrics: ChatMetrics;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly attemptsPerIp: SharedRateLimiter;
  private readonly attemptsPerAccount: SharedRateLimiter;

  constructor(deps: {
    store: ChatStore;
    hasher: PasswordHasher;
    metrics: ChatMetrics;
    config: ChatConfig;
    now: () => number;
    /** Where the attempt limits count (across the cluster when shared). */
    limits: LimitStore;
  }) {
    this.store = deps.store;
    this.hasher = deps.hasher;
    this.metrics = deps.metrics;
    this.ttlMs = deps.config.session_ttl_days * 86_400_000;
    this.now = deps.now;
    const { limits } = deps.config;
    this.attemptsPerIp = deps.limits.rateLimiter('chat-login-attempts-per-ip', {
      limit: limits.login_attempts_per_ip_per_minute,
      windowMs: 60_000,
    });
    this.attemptsPerAccount = deps.limits.rateLimiter('chat-login-attempts-per-account', {
      limit: limits.login_attempts_per_account_per_minute,
      windowMs: 60_000,
    });
  }

  get sessionTtlMs(): number {
    return this.ttlMs;
  }

  /** First-run setup: the first user, an admin, and a session for them. */
  async setup(
    account: Omit<NewAccount, 'admin'>,
    ip: string,
  ): Promise<{ user: UserRecord; token: string }> {
    await this.throttle(this.attemptsPerIp, ip);
    if ((await this.store.countUsers()) > 0) {
      throw new HearthError('forbidden', 'setup is already done');
    }
    const user = await createAccount(
      this.store,
      this.hasher,
      { ...account, admin: true },
      { onlyIfFirst: true, now: this.now() },
    );
    return { user, token: await this.openSession(user) };
  }

  createUser(account: NewAccount): Promise<UserRecord> {
    return createAccount(this.store, this.hasher, account, { now: this.now() });
  }

  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ user: UserRecord; token: string }> {
    await this.throttle(this.attemptsPerIp, ip);
    await this.throttle(this.attemptsPerAccount, email);
    const user = await this.store.userByEmail(email);
    // An unknown email costs the same time as a wrong password: accounts cannot be probed.
    const ok =
      user === undefined
        ? await this.hasher.verifyMissing(password)
        : await this.hasher.verify(password, user.passwordHash);
    if (user === undefined || !ok) {
      this.metrics.authFailures.inc({ kind: 'login' });
      throw new HearthError('unauthorized', 'invalid email or password');
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.store.updatePasswordHash(user.id, await this.hasher.hash(password));
    }
    return { user, token: await this.openSession(user) };
  }

  /** The live session of a token, or undefined (malformed, unknown, expired or revoked). */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    if (!isSessionTokenFormat(token)) return undefined;
    return this.store.sessionByHash(hashSessionToken(token), this.now());
  }

  /** Revokes a session; true when it existed. */
  revoke(tokenHash: string): Promise<boolean> {
    return this.store.deleteSession(tokenHash);
  }

  sweepExpired(): Promise<number> {
    return this.store.deleteExpiredSessions(this.now());
  }

  private async openSession(user: UserRecord): Promise<string> {
    const token = generateSessionToken();
    const now = this.now();
    await this.store.createSession({
      tokenHash: hashSessionToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt: now + this.ttlMs,
    });
    return token;
  }

  private async throttle(limiter: SharedRateLimiter, key: string): Promise<void> {
    const decision = await limiter.consume(key);
    if (decision.allowed) return;
    this.metrics.limitHit('login_attempts');
    throw new HearthError('rate_limited', 'too many attempts, try again later', {
      retryAfterMs: Number.isFinite(decision.retryAfterMs) ? decision.retryAfterMs : 60_000,
    });
  }
}
