// The dashboard's calls to the admin endpoints (relative to the page, so they work under any
// mount point): the stats snapshot and the log level, with the admin token as a bearer token
// when there is one, and every answer sorted into what the page must do about it.

import type { AdminStats, LogLevel } from '../../protocol/admin/stats.ts';

export type AdminAnswer<T> =
  | { readonly kind: 'ok'; readonly value: T }
  /** 401: a token is required, or the one given is wrong. */
  | { readonly kind: 'unauthorized' }
  /** 403: this server has admin endpoints switched off (exposed, no token configured). */
  | { readonly kind: 'forbidden'; readonly message: string }
  /** The server could not be reached or answered something unexpected. */
  | { readonly kind: 'failed'; readonly message: string };

/** Requests give up after this long (the dashboard polls every second). */
const TIMEOUT_MS = 5000;

export class AdminApi {
  token: string;

  constructor(token: string) {
    this.token = token;
  }

  stats(): Promise<AdminAnswer<AdminStats>> {
    return this.call<AdminStats>('stats?rooms=20', { method: 'GET' });
  }

  logLevel(): Promise<AdminAnswer<{ level: LogLevel }>> {
    return this.call('log-level', { method: 'GET' });
  }

  setLogLevel(level: LogLevel): Promise<AdminAnswer<{ level: LogLevel; previous: LogLevel }>> {
    return this.call('log-level', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level }),
    });
  }

  private async call<T>(path: string, init: RequestInit): Promise<AdminAnswer<T>> {
    const headers = new Headers(init.headers);
    if (this.token !== '') headers.set('authorization', `Bearer ${this.token}`);
    let response: Response;
    try {
      response = await fetch(new URL(path, location.href), {
        ...init,
        headers,
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return { kind: 'failed', message: 'the server did not answer' };
    }
    if (response.status === 401) return { kind: 'unauthorized' };
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (response.status === 403)
      return { kind: 'forbidden', message: messageOf(body) ?? 'forbidden' };
    if (!response.ok || body === undefined) {
      return {
        kind: 'failed',
        message: messageOf(body) ?? `the server answered ${response.status}`,
      };
    }
    return { kind: 'ok', value: body as T };
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
