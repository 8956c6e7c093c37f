// The chat HTTP API as the page uses it (docs/protocols/chat.md, "HTTP API"): setup, login,
// logout, the user directory and message history. JSON in, JSON out; the session token goes in
// the Authorization header. Errors carry the server's own message, which is safe to show.

import type { WireMessage, WireUser } from '../../client/chat/index.ts';

export class ApiError extends Error {
  readonly status: number;
  /** The server's error code: bad_request, unauthorized, forbidden, rate_limited, … */
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface Session {
  readonly user: WireUser;
  readonly token: string;
}

export interface MessagePage {
  readonly messages: readonly WireMessage[];
  readonly hasMore: boolean;
}

export class ChatApi {
  readonly #base: string;

  /** `prefix` is the chat app's prefix, e.g. "/chat". */
  constructor(prefix: string) {
    this.#base = `${prefix}/api`;
  }

  /** First-run setup: the first user, an admin (403 once any user exists). */
  async setup(email: string, name: string, password: string): Promise<Session> {
    const body = await this.#request('POST', '/setup', undefined, { email, name, password });
    return sessionOf(body);
  }

  async login(email: string, password: string): Promise<Session> {
    const body = await this.#request('POST', '/auth/login', undefined, { email, password });
    return sessionOf(body);
  }

  async logout(token: string): Promise<void> {
    await this.#request('POST', '/auth/logout', token);
  }

  async me(token: string): Promise<WireUser> {
    const body = await this.#request('GET', '/users/me', token);
    return (body as { user: WireUser }).user;
  }

  async users(token: string): Promise<readonly WireUser[]> {
    const body = await this.#request('GET', '/users', token);
    return (body as { users: WireUser[] }).users;
  }

  /** The latest `limit` messages of a room older than `before` (or the latest, without it). */
  async messagesBefore(
    token: string,
    roomId: string,
    before: string | undefined,
    limit: number,
  ): Promise<MessagePage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) query.set('before', before);
    const path = `/rooms/${encodeURIComponent(roomId)}/messages?${query.toString()}`;
    const body = (await this.#request('GET', path, token)) as {
      messages: WireMessage[];
      has_more: boolean;
    };
    return { messages: body.messages, hasMore: body.has_more };
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    token: string | undefined,
    json?: unknown,
  ): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = (body ?? {}) as { error?: string; message?: string };
      throw new ApiError(
        response.status,
        error.error ?? 'internal_error',
        error.message ?? `the server answered ${response.status}`,
      );
    }
    return body;
  }
}

function sessionOf(body: unknown): Session {
  const { user, session_token: token } = body as { user: WireUser; session_token: string };
  return { user, token };
}
