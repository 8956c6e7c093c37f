// Who may call operator endpoints (/admin/*, user-naming stats). With `admin.token` set, a
// matching bearer token is required from everyone. Without one, only a server that listens on
// loopback alone answers them, and only to requests that are really local (no proxy headers, a
// loopback Host): zero-config local use stays easy and an exposed server never has open admin.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { HearthError } from '../../protocol/errors.ts';
import { safeEqual } from '../auth/session-tokens.ts';
import { isLocalRequest } from '../client-address.ts';

export interface AdminGuardOptions {
  readonly token: string | undefined;
  readonly loopbackOnly: boolean;
  /** Behind a proxy no request is local, whatever its peer address. */
  readonly trustProxy: boolean;
}

export type AdminCheck = (request: FastifyRequest) => void;

/** Throws HearthError (401/403) unless the request may use operator endpoints. */
export function createAdminCheck(options: AdminGuardOptions): AdminCheck {
  return (request) => {
    if (options.token !== undefined) {
      const presented = bearerToken(request.headers.authorization);
      if (presented === '' || !safeEqual(presented, options.token)) {
        throw new HearthError('unauthorized', 'admin token required');
      }
      return;
    }
    const local = isLocalRequest(
      request.headers,
      request.socket.remoteAddress ?? '',
      options.trustProxy,
    );
    if (!options.loopbackOnly || !local) {
      throw new HearthError(
        'forbidden',
        'admin endpoints are disabled: set admin.token, or listen on loopback only',
      );
    }
  };
}

/** The token of an `Authorization: Bearer …` header (scheme case-insensitive), or "". */
export function bearerToken(header: string | undefined): string {
  const match = /^bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? '';
}

/** A Fastify preHandler running the check. */
export function adminPreHandler(check: AdminCheck) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    try {
      check(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
