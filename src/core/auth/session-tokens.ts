// Opaque session tokens: 256 random bits sent to the client, of which only the SHA-256 is ever
// stored, so a leaked session table cannot be replayed. Pure helpers shared by every session
// store (the in-memory one here, and the apps' own persistent ones).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** One session as a store keeps it: never the token itself. */
export interface SessionRecord<TData = unknown> {
  /** `hashSessionToken(token)`: the store's key. */
  readonly tokenHash: string;
  /** Who the session belongs to (a user id). */
  readonly subject: string;
  /** Unix time in ms after which the session is dead. */
  readonly expiresAt: number;
  /** Whatever the app keeps with the session. */
  readonly data?: TData;
}

/** A new 256-bit random token, base64url without padding (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when `token` has the shape `generateSessionToken` produces; lets stores skip junk cheaply. */
export function isSessionTokenFormat(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * The stored form of a token: SHA-256, hex. A plain hash (no salt, no slow KDF) is right here:
 * the input already has 256 bits of entropy, and lookups must stay cheap.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time string comparison. Both sides are hashed first so inputs of different lengths
 * compare in the same time and the length of the secret is not leaked.
 */
export function safeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

/** A session is dead from `expiresAt` on (inclusive). */
export function isExpired(record: Pick<SessionRecord, 'expiresAt'>, now: number): boolean {
  return now >= record.expiresAt;
}
