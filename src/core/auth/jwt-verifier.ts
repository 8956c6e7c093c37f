// JWT verification (jose): an explicit algorithm allowlist, keys imported once at start-up, each
// key bound to the algorithms its type fits, so algorithm confusion ("none", HS256 signed with a
// public key's PEM) cannot happen. Every refusal is `HearthError('unauthorized')` with a safe message.

import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  importJWK,
  importSPKI,
  jwtVerify,
} from 'jose';
import type {
  CryptoKey,
  JSONWebKeySet,
  JWK,
  JWTPayload,
  JWTVerifyOptions,
  LocalJWKSet,
  ProtectedHeaderParameters,
} from 'jose';
import { HearthError } from '../../protocol/errors.ts';

export interface JwtVerifierOptions {
  /** Accepted `alg` values, e.g. `['HS256']`. `none` is refused. Each needs a configured key. */
  readonly algorithms: readonly string[];
  /** Shared secret (UTF-8 bytes) for HS256/HS384/HS512. */
  readonly hsSecret?: string;
  /** SPKI PEM public keys (`-----BEGIN PUBLIC KEY-----`) for RS*, PS*, ES* and EdDSA. */
  readonly publicKeysPem?: readonly string[];
  /** Path of a JWKS JSON file (public keys only), read once by `createJwtVerifier`. */
  readonly jwksFile?: string;
  /** Required `iss` when set. */
  readonly issuer?: string;
  /** Required `aud` (one of the token's audiences) when set. */
  readonly audience?: string;
  /**
   * Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
   * @default 5
   */
  readonly clockToleranceSec?: number;
  /**
   * Longest token accepted, in characters; longer ones are refused before any parsing.
   * @default 8192
   */
  readonly maxTokenLength?: number;
  /**
   * Clock, in ms since the epoch (tests inject one).
   * @default Date.now
   */
  readonly now?: () => number;
}

export const JWT_VERIFIER_DEFAULTS = {
  clockToleranceSec: 5,
  maxTokenLength: 8192,
  now: Date.now,
} as const;

export interface VerifiedToken {
  /** The `sub` claim: the user id. */
  readonly sub: string;
  readonly claims: JWTPayload;
}

export interface JwtVerifier {
  readonly algorithms: readonly string[];
  /** Verifies signature and claims; throws `HearthError('unauthorized')` otherwise. */
  verify(token: string): Promise<VerifiedToken>;
}

type VerificationKey = CryptoKey | Uint8Array;

interface KeyShape {
  readonly kty: 'oct' | 'RSA' | 'EC' | 'OKP';
  readonly crv?: string;
}

/** The algorithms Hearth accepts, and the key type each one needs. */
const SUPPORTED: Readonly<Record<string, KeyShape>> = {
  HS256: { kty: 'oct' },
  HS384: { kty: 'oct' },
  HS512: { kty: 'oct' },
  RS256: { kty: 'RSA' },
  RS384: { kty: 'RSA' },
  RS512: { kty: 'RSA' },
  PS256: { kty: 'RSA' },
  PS384: { kty: 'RSA' },
  PS512: { kty: 'RSA' },
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  ES512: { kty: 'EC', crv: 'P-521' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { kty: 'OKP', crv: 'Ed25519' },
};

const MIN_RSA_BITS = 2048;

/**
 * Builds a verifier, importing every key once. Fails loudly on a bad configuration: `none` or an
 * unknown algorithm allowed, no key at all, an allowed algorithm without a key, a key that fits
 * no allowed algorithm, a PEM given as the HS secret, an unreadable JWKS file.
 */
export async function createJwtVerifier(options: JwtVerifierOptions): Promise<JwtVerifier> {
  const algorithms = checkAlgorithms(options.algorithms);
  const keys = new Map<string, VerificationKey[]>();
  const addKey = (alg: string, key: VerificationKey): void => {
    const list = keys.get(alg);
    if (list === undefined) keys.set(alg, [key]);
    else list.push(key);
  };

  if (options.hsSecret !== undefined) {
    checkHsSecret(options.hsSecret, options.publicKeysPem ?? []);
    const hsAlgorithms = algorithms.filter((alg) => SUPPORTED[alg]?.kty === 'oct');
    if (hsAlgorithms.length === 0) {
      throw new Error('JWT config: hsSecret is set but no HS algorithm is in `algorithms`');
    }
    const secret = new TextEncoder().encode(options.hsSecret);
    for (const alg of hsAlgorithms) addKey(alg, secret);
  }

  for (const [index, pem] of (options.publicKeysPem ?? []).entries()) {
    for (const [alg, key] of await importPem(pem, index, algorithms)) addKey(alg, key);
  }

  let jwks: LocalJWKSet | undefined;
  const jwksAlgorithms = new Set<string>();
  if (options.jwksFile !== undefined) {
    const set = await readJwks(options.jwksFile);
    jwks = createLocalJWKSet(set);
    for (const alg of await jwksCoverage(set, algorithms)) jwksAlgorithms.add(alg);
    if (jwksAlgorithms.size === 0) {
      throw new Error(
        `JWT config: ${options.jwksFile} has no key for any of ${algorithms.join(', ')}`,
      );
    }
  }

  if (keys.size === 0 && jwks === undefined) {
    throw new Error('JWT config: no key configured (set hsSecret, publicKeysPem or jwksFile)');
  }
  for (const alg of algorithms) {
    if (!keys.has(alg) && !jwksAlgorithms.has(alg)) {
      throw new Error(`JWT config: algorithm ${alg} is allowed but no configured key fits it`);
    }
  }

  return new AllowlistJwtVerifier({
    algorithms,
    keys,
    jwks,
    jwksAlgorithms,
    issuer: options.issuer,
    audience: options.audience,
    clockToleranceSec: options.clockToleranceSec ?? JWT_VERIFIER_DEFAULTS.clockToleranceSec,
    maxTokenLength: options.maxTokenLength ?? JWT_VERIFIER_DEFAULTS.maxTokenLength,
    now: options.now ?? JWT_VERIFIER_DEFAULTS.now,
  });
}

interface VerifierState {
  readonly algorithms: readonly string[];
  readonly keys: ReadonlyMap<string, readonly VerificationKey[]>;
  readonly jwks: LocalJWKSet | undefined;
  readonly jwksAlgorithms: ReadonlySet<string>;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockToleranceSec: number;
  readonly maxTokenLength: number;
  readonly now: () => number;
}

class AllowlistJwtVerifier implements JwtVerifier {
  readonly algorithms: readonly string[];
  readonly #state: VerifierState;

  constructor(state: VerifierState) {
    this.#state = state;
    this.algorithms = state.algorithms;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const state = this.#state;
    if (token.length === 0 || token.length > state.maxTokenLength) {
      throw unauthorized(new Error(`token length ${token.length}`));
    }
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      throw unauthorized(error);
    }
    // Refuse algorithms outside the allowlist before touching any key.
    const alg = header.alg;
    if (alg === undefined || !state.algorithms.includes(alg)) {
      throw unauthorized(new Error(`alg ${String(alg)} is not allowed`));
    }

    const verifyOptions: JWTVerifyOptions = {
      algorithms: [...state.algorithms],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: state.clockToleranceSec,
      currentDate: new Date(state.now()),
      ...(state.issuer === undefined ? {} : { issuer: state.issuer }),
      ...(state.audience === undefined ? {} : { audience: state.audience }),
    };
    let payload: JWTPayload | undefined;
    let lastError: unknown = new Error(`no key for alg ${alg}`);
    try {
      // Only keys imported for this very algorithm are tried: an RSA key is never offered to
      // HS256, and a secret never to RS256. Several keys (rotation) are tried in turn.
      for await (const key of this.#candidates(alg, header)) {
        try {
          payload = (await jwtVerify(token, key, verifyOptions)).payload;
          break;
        } catch (error) {
          if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
          lastError = error;
        }
      }
    } catch (error) {
      throw unauthorized(error);
    }
    if (payload === undefined) throw unauthorized(lastError);
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw unauthorized(new Error('sub claim is not a non-empty string'));
    }
    return { sub: payload.sub, claims: payload };
  }

  async *#candidates(
    alg: string,
    header: ProtectedHeaderParameters,
  ): AsyncGenerator<VerificationKey, void, undefined> {
    yield* this.#state.keys.get(alg) ?? [];
    const jwks = this.#state.jwks;
    if (jwks === undefined || !this.#state.jwksAlgorithms.has(alg)) return;
    let key: CryptoKey;
    try {
      key = await jwks(header);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) return; // e.g. an unknown `kid`
      if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
      // No `kid` and several keys of this type: try each.
      for await (const each of error) yield each;
      return;
    }
    yield key;
  }
}

function checkAlgorithms(algorithms: readonly string[]): string[] {
  if (algorithms.length === 0) throw new Error('JWT config: `algorithms` is empty');
  for (const alg of algorithms) {
    if (alg.toLowerCase() === 'none') {
      throw new Error('JWT config: algorithm "none" is refused (unsigned tokens prove nothing)');
    }
    if (SUPPORTED[alg] === undefined) {
      throw new Error(
        `JWT config: unsupported algorithm ${alg} (supported: ${Object.keys(SUPPORTED).join(', ')})`,
      );
    }
  }
  return [...new Set(algorithms)];
}

function checkHsSecret(secret: string, pems: readonly string[]): void {
  if (secret.length === 0) throw new Error('JWT config: hsSecret is empty');
  // The classic confusion: a public key used as an HMAC secret lets anyone who has the public
  // key forge tokens. Refuse anything that looks like key material.
  if (secret.includes('-----BEGIN') || pems.some((pem) => pem.trim() === secret.trim())) {
    throw new Error('JWT config: hsSecret looks like a PEM key; an HMAC secret must be a secret');
  }
}

/** Imports one PEM once per allowed algorithm its key type fits. */
async function importPem(
  pem: string,
  index: number,
  algorithms: readonly string[],
): Promise<[string, CryptoKey][]> {
  const where = `publicKeysPem[${index}]`;
  if (pem.includes('PRIVATE KEY')) {
    throw new Error(`JWT config: ${where} is a private key; configure the public key only`);
  }
  const imported: [string, CryptoKey][] = [];
  let lastError: unknown;
  for (const alg of algorithms) {
    if (SUPPORTED[alg]?.kty === 'oct') continue;
    let key: CryptoKey;
    try {
      key = await importSPKI(pem.trim(), alg);
    } catch (error) {
      lastError = error; // the key's type does not fit this algorithm
      continue;
    }
    const bits = (key.algorithm as { modulusLength?: number }).modulusLength;
    if (bits !== undefined && bits < MIN_RSA_BITS) {
      throw new Error(
        `JWT config: ${where} is a ${bits}-bit RSA key; at least ${MIN_RSA_BITS} needed`,
      );
    }
    imported.push([alg, key]);
  }
  if (imported.length === 0) {
    throw new Error(`JWT config: ${where} fits none of ${algorithms.join(', ')}`, {
      cause: lastError,
    });
  }
  return imported;
}

async function readJwks(path: string): Promise<JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`JWT config: cannot read JWKS file ${path}`, { cause });
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error(`JWT config: ${path} is not a JWKS ({"keys": [...]})`);
  return parsed as JSONWebKeySet;
}

/**
 * The allowed algorithms some key of `set` can verify (same selection rules as jose's
 * `createLocalJWKSet`). Each fitting key is imported here once, so a broken key fails at start-up.
 */
async function jwksCoverage(set: JSONWebKeySet, algorithms: readonly string[]): Promise<string[]> {
  const covered: string[] = [];
  for (const alg of algorithms) {
    const shape = SUPPORTED[alg];
    if (shape === undefined || shape.kty === 'oct') continue; // a JWKS holds public keys only
    const fitting = set.keys.filter((jwk) => fits(jwk, alg, shape));
    for (const jwk of fitting) {
      if (jwk.d !== undefined) throw new Error(`JWT config: JWKS key ${jwk.kid ?? '?'} is private`);
      try {
        await importJWK(jwk, alg);
      } catch (cause) {
        throw new Error(`JWT config: JWKS key ${jwk.kid ?? '?'} is unusable for ${alg}`, { cause });
      }
    }
    if (fitting.length > 0) covered.push(alg);
  }
  return covered;
}

function fits(jwk: JWK, alg: string, shape: KeyShape): boolean {
  return (
    jwk.kty === shape.kty &&
    (shape.crv === undefined || jwk.crv === shape.crv) &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    (jwk.use === undefined || jwk.use === 'sig')
  );
}

function unauthorized(cause: unknown): HearthError {
  if (cause instanceof HearthError) return cause;
  if (cause instanceof errors.JWTExpired) {
    return new HearthError('unauthorized', 'token expired', { cause });
  }
  if (cause instanceof errors.JWTClaimValidationFailed && cause.claim === 'nbf') {
    return new HearthError('unauthorized', 'token not yet valid', { cause });
  }
  return new HearthError('unauthorized', 'invalid token', { cause });
}
