// Who a presence client is: a JWT (query `auth_token`, `Authorization: Bearer`, or
// ClientHello.auth_token) checked by the core's allowlist verifier, or an anonymous client where
// the policy allows it. `sub` is the user id; a `user_id` query parameter must equal it; the
// `display_name` / `name` claims name the user. Refusals are HearthErrors (401/403).

import { readFile } from 'node:fs/promises';
import { createJwtVerifier, type JwtVerifier } from '../../core/auth/jwt-verifier.ts';
import { bearerToken } from '../../core/http/admin-guard.ts';
import type { UpgradeRequest } from '../../core/app.ts';
import type { Logger } from '../../core/observability/logger.ts';
import { HearthError } from '../../protocol/errors.ts';
import type { PresenceConfig } from './config.ts';
import type { AuthFailure } from './presence-metrics.ts';

export interface VerifiedUser {
  readonly userId: string;
  /** From the `display_name` or `name` claim. */
  readonly displayName: string | undefined;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Longest display name accepted (query, ClientHello, claims are cut to it). */
export const MAX_DISPLAY_NAME_LENGTH = 128;

/**
 * The anonymous policy: "auto" allows anonymous clients only when no key is configured and the
 * server listens on loopback only (zero-config local development), never on an exposed server.
 */
export function anonymousAllowed(
  policy: PresenceConfig['auth']['anonymous'],
  keysConfigured: boolean,
  loopbackOnly: boolean,
): boolean {
  if (policy === 'allow') return true;
  if (policy === 'deny') return false;
  return !keysConfigured && loopbackOnly;
}

/** The token an upgrade presents: `Authorization: Bearer` first, then `?auth_token=`. */
export function upgradeToken(request: UpgradeRequest): string | undefined {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer !== '') return bearer;
  const query = request.query.get('auth_token');
  return query === null || query === '' ? undefined : query;
}

/** A refusal that remembers why, for the auth-failure metric. */
export class AuthRefusal extends HearthError {
  readonly reason: AuthFailure;

  constructor(reason: AuthFailure, error: HearthError) {
    super(error.code, error.message, { cause: error.cause });
    this.reason = reason;
  }
}

export class PresenceAuth {
  readonly allowsAnonymous: boolean;
  private readonly verifier: JwtVerifier | undefined;

  private constructor(verifier: JwtVerifier | undefined, allowsAnonymous: boolean) {
    this.verifier = verifier;
    this.allowsAnonymous = allowsAnonymous;
  }

  /** Imports the configured keys (failing loudly on a bad configuration) and logs the policy. */
  static async create(
    config: PresenceConfig['auth'],
    loopbackOnly: boolean,
    logger: Logger,
  ): Promise<PresenceAuth> {
    const publicKeysPem = await Promise.all(
      config.public_key_files.map((file) => readFile(file, 'utf8')),
    );
    const keysConfigured =
      config.hs_secret !== undefined || publicKeysPem.length > 0 || config.jwks_file !== undefined;
    let verifier: JwtVerifier | undefined;
    if (keysConfigured) {
      try {
        verifier = await createJwtVerifier({
          algorithms: config.algorithms,
          ...(config.hs_secret === undefined ? {} : { hsSecret: config.hs_secret }),
          publicKeysPem,
          ...(config.jwks_file === undefined ? {} : { jwksFile: config.jwks_file }),
          ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
          ...(config.audience === undefined ? {} : { audience: config.audience }),
        });
      } catch (error) {
        throw new Error(
          `apps.presence.auth: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    const allowsAnonymous = anonymousAllowed(config.anonymous, keysConfigured, loopbackOnly);
    if (allowsAnonymous) {
      logger.warn(
        { policy: config.anonymous, keysConfigured, loopbackOnly },
        config.anonymous === 'allow'
          ? 'presence: anonymous connections are allowed (apps.presence.auth.anonymous = "allow"); do not use in production'
          : 'presence: no JWT key is configured and the server listens on loopback only, so anonymous connections are allowed',
      );
    } else if (!keysConfigured) {
      logger.warn(
        'presence: no JWT key is configured and anonymous connections are not allowed: every connection will be refused (set apps.presence.auth.hs_secret, public_key_files or jwks_file)',
      );
    }
    return new PresenceAuth(verifier, allowsAnonymous);
  }

  /**
   * The user a token proves, or undefined for an anonymous client (no token, and anonymous
   * allowed). `claimedUserId` is the `user_id` query parameter, which must match `sub`.
   */
  async identify(
    token: string | undefined,
    claimedUserId: string | undefined,
  ): Promise<VerifiedUser | undefined> {
    if (token === undefined || this.verifier === undefined) {
      // Without keys a token cannot be checked; where anonymous clients are allowed it is
      // ignored (its claims are not trusted), elsewhere refused.
      if (this.allowsAnonymous) return undefined;
      throw new AuthRefusal(
        'missing',
        new HearthError(
          'unauthorized',
          token === undefined ? 'authentication required' : 'token verification is not configured',
        ),
      );
    }
    let verified;
    try {
      verified = await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof HearthError)) throw error;
      throw new AuthRefusal(error.message === 'token expired' ? 'expired' : 'invalid', error);
    }
    // Identities go out in protobuf frames, whose UTF-8 encoder mangles lone surrogates: a
    // subject that is not well-formed Unicode would yield frames clients cannot decode.
    if (!verified.sub.isWellFormed()) {
      throw new AuthRefusal('invalid', new HearthError('unauthorized', 'invalid token subject'));
    }
    if (claimedUserId !== undefined && claimedUserId !== verified.sub) {
      throw new AuthRefusal(
        'user_mismatch',
        new HearthError('forbidden', 'user_id does not match the token'),
      );
    }
    const { claims } = verified;
    const name = stringClaim(claims.display_name) ?? stringClaim(claims.name);
    return { userId: verified.sub, displayName: name, claims };
  }
}

function stringClaim(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // Well-formed after the cut too: slicing can split a surrogate pair (see `sub` above).
  return value.slice(0, MAX_DISPLAY_NAME_LENGTH).toWellFormed();
}
