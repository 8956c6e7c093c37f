// How an HTTP request or an upgrade names its session: `Authorization: Bearer <token>`, or the
// HttpOnly session cookie set at login. The cookie is built and read here, so its name and
// attributes (HttpOnly, SameSite=Lax, Secure over HTTPS, scoped to the app's path) live in one place.

import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { hashSessionToken } from '../../core/auth/session-tokens.ts';
import { HearthError } from '../../protocol/errors.ts';
import type { Authenticated } from './accounts.ts';
import type { ChatRuntime } from './runtime.ts';

export const SESSION_COOKIE = 'hearth_chat_session';

export interface RequestSession extends Authenticated {
  readonly tokenHash: string;
}

/** The bearer token of an Authorization header; undefined without one, null when malformed. */
export function bearerToken(headers: IncomingHttpHeaders): string | null | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export function cookieToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() === SESSION_COOKIE) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** The user behind a request, or 401. */
export async function requireSession(
  runtime: ChatRuntime,
  request: FastifyRequest,
): Promise<RequestSession> {
  const bearer = bearerToken(request.headers);
  const token = bearer === undefined ? cookieToken(request.headers) : bearer;
  if (token === undefined || token === null) {
    throw new HearthError('unauthorized', 'log in first');
  }
  const authenticated = await runtime.accounts.authenticate(token);
  if (authenticated === undefined) {
    runtime.metrics.authFailures.inc({ kind: 'http_session' });
    throw new HearthError('unauthorized', 'invalid or expired session');
  }
  return { ...authenticated, tokenHash: hashSessionToken(token) };
}

export function sessionCookie(
  token: string,
  options: { path: string; maxAgeMs: number; secure: boolean },
): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${options.path}`,
    `Max-Age=${Math.floor(options.maxAgeMs / 1000)}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(options: { path: string; secure: boolean }): string {
  return sessionCookie('', { ...options, maxAgeMs: 0 });
}
