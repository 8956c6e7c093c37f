// Password hashing with scrypt from node:crypto, stored as PHC-style strings
// (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`) that carry their own parameters, so hashes made under
// older settings keep verifying. A concurrency cap keeps a login flood from becoming a CPU/memory DoS.

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { HearthError } from '../../protocol/errors.ts';
import { ConcurrencyLimiter } from '../limits/concurrency-limiter.ts';

/** scrypt cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptCost {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

export interface PasswordHasherOptions {
  /**
   * scrypt cost for new hashes. Tests use `{ ln: 10, r: 8, p: 1 }`.
   * @default { ln: 17, r: 8, p: 1 } (OWASP: N=2^17, 128 MiB per hash)
   */
  readonly cost?: ScryptCost;
  /**
   * Hashes computed at the same time; each takes ~128 MiB and a core for ~0.2 s at the default cost.
   * @default 2
   */
  readonly maxConcurrent?: number;
  /**
   * Hashes allowed to wait; beyond that `hash`/`verify` reject with `HearthError('unavailable')`.
   * @default 64
   */
  readonly maxQueued?: number;
  /**
   * Longest password accepted, in UTF-8 bytes. Longer ones are refused before any hashing.
   * @default 1024
   */
  readonly maxPasswordBytes?: number;
}

export const PASSWORD_HASHER_DEFAULTS = {
  cost: { ln: 17, r: 8, p: 1 },
  maxConcurrent: 2,
  maxQueued: 64,
  maxPasswordBytes: 1024,
} as const satisfies Required<PasswordHasherOptions>;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// scrypt needs about 128·r·(N + p + 2) bytes; Node's default ceiling (32 MiB) is below OWASP's
// 128 MiB, so raise it. Stored hashes that would need more are refused as malformed rather than
// letting a corrupted (or planted) row allocate without bound.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const LIMITS = {
  ln: [1, 24],
  r: [1, 64],
  p: [1, 16],
  saltBytes: [8, 64],
  keyBytes: [16, 64],
} as const satisfies Record<string, Range>;

type Range = readonly [min: number, max: number];

interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export class PasswordHasher {
  readonly cost: ScryptCost;
  readonly #limiter: ConcurrencyLimiter;
  readonly #maxPasswordBytes: number;
  #dummyHash: string | undefined;

  constructor(options: PasswordHasherOptions = {}) {
    const cost = options.cost ?? PASSWORD_HASHER_DEFAULTS.cost;
    checkCost(cost);
    this.cost = Object.freeze({ ln: cost.ln, r: cost.r, p: cost.p });
    this.#limiter = new ConcurrencyLimiter({
      maxConcurrent: options.maxConcurrent ?? PASSWORD_HASHER_DEFAULTS.maxConcurrent,
      maxQueued: options.maxQueued ?? PASSWORD_HASHER_DEFAULTS.maxQueued,
    });
    this.#maxPasswordBytes = options.maxPasswordBytes ?? PASSWORD_HASHER_DEFAULTS.maxPasswordBytes;
  }

  /**
   * Hashes a password with a fresh 16-byte salt. Throws `HearthError('bad_request')` for a
   * password over `maxPasswordBytes`, `HearthError('unavailable')` when too many hashes wait.
   */
  async hash(password: string): Promise<string> {
    const secret = normalize(password);
    if (Buffer.byteLength(secret) > this.#maxPasswordBytes) {
      throw new HearthError('bad_request', 'password too long');
    }
    const salt = randomBytes(SALT_BYTES);
    const hash = await this.#limiter.run(() => derive(secret, salt, KEY_BYTES, this.cost));
    return formatPhc(this.cost, salt, hash);
  }

  /**
   * Checks a password against a stored hash, using the parameters recorded in the hash.
   * Resolves false for a wrong (or over-long) password. A stored hash that cannot be parsed
   * throws a plain `Error`: that is corrupt server data an operator must see, not a wrong
   * password, and it must not be answered as one.
   */
  async verify(password: string, phc: string): Promise<boolean> {
    const parsed = parsePhc(phc);
    const secret = normalize(password);
    if (Buffer.byteLength(secret) > this.#maxPasswordBytes) return false;
    const candidate = await this.#limiter.run(() =>
      derive(secret, parsed.salt, parsed.hash.length, parsed.cost),
    );
    return timingSafeEqual(candidate, parsed.hash);
  }

  /**
   * Does the work of one `verify` against a throw-away hash and resolves false. Call it when the
   * account does not exist, so response time does not tell which accounts do.
   */
  async verifyMissing(password: string): Promise<false> {
    // A random salt and key at the current cost: a well-formed hash nobody's password matches,
    // made without hashing (a cached hash promise that failed under load would fail every later
    // unknown-account login, which known accounts would not: an existence oracle).
    this.#dummyHash ??= formatPhc(this.cost, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
    await this.verify(password, this.#dummyHash);
    return false;
  }

  /** True when `phc` was made with other parameters (or is unreadable): rehash after login. */
  needsRehash(phc: string): boolean {
    let parsed: ParsedHash;
    try {
      parsed = parsePhc(phc);
    } catch {
      return true;
    }
    return (
      parsed.cost.ln !== this.cost.ln ||
      parsed.cost.r !== this.cost.r ||
      parsed.cost.p !== this.cost.p ||
      parsed.salt.length !== SALT_BYTES ||
      parsed.hash.length !== KEY_BYTES
    );
  }

  /** Hashes running and waiting, for metrics. */
  get load(): { readonly active: number; readonly queued: number } {
    return { active: this.#limiter.active, queued: this.#limiter.queued };
  }
}

// NFC so the same password typed on systems that compose accents differently (macOS vs
// Windows input methods) hashes the same (RFC 8265 OpaqueString does the same).
function normalize(password: string): string {
  return password.normalize('NFC');
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  cost: ScryptCost,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.ln,
    r: cost.r,
    p: cost.p,
    maxmem: MAX_MEMORY_BYTES,
  };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

function formatPhc(cost: ScryptCost, salt: Buffer, hash: Buffer): string {
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
}

const PHC_PATTERN =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Parses and bounds-checks a stored hash; throws a descriptive Error when it is malformed. */
function parsePhc(phc: string): ParsedHash {
  const match = PHC_PATTERN.exec(phc);
  if (match === null)
    throw new Error('malformed scrypt hash: not $scrypt$ln=..,r=..,p=..$salt$hash');
  const [, ln = '', r = '', p = '', salt = '', hash = ''] = match;
  const cost = { ln: Number(ln), r: Number(r), p: Number(p) };
  checkCost(cost);
  const parsed = { cost, salt: unb64(salt), hash: unb64(hash) };
  if (!within(parsed.salt.length, LIMITS.saltBytes)) {
    throw new Error(`malformed scrypt hash: salt of ${parsed.salt.length} bytes`);
  }
  if (!within(parsed.hash.length, LIMITS.keyBytes)) {
    throw new Error(`malformed scrypt hash: key of ${parsed.hash.length} bytes`);
  }
  return parsed;
}

function checkCost(cost: ScryptCost): void {
  const ok =
    within(cost.ln, LIMITS.ln) &&
    within(cost.r, LIMITS.r) &&
    within(cost.p, LIMITS.p) &&
    128 * cost.r * (2 ** cost.ln + cost.p + 2) <= MAX_MEMORY_BYTES;
  if (!ok) {
    throw new Error(`unsupported scrypt cost ln=${cost.ln},r=${cost.r},p=${cost.p}`);
  }
}

function within(value: number, [min, max]: Range): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

// PHC strings use standard base64 without padding.
function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function unb64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  // Buffer's decoder skips junk silently; a round trip proves the text was canonical base64.
  if (b64(bytes) !== text) throw new Error('malformed scrypt hash: bad base64');
  return bytes;
}
