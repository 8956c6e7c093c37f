// HTTP routes for accounts: first-run setup, login/logout (token in the body and an HttpOnly
// cookie), the caller's own record, the user directory, and admins adding users.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createUserBodySchema,
  loginBodySchema,
  setupBodySchema,
} from '../../protocol/chat/http.ts';
import { CloseCode } from '../../protocol/close-codes.ts';
import { HearthError } from '../../protocol/errors.ts';
import { clearedSessionCookie, requireSession, sessionCookie } from './http-auth.ts';
import { parseWith } from './http-common.ts';
import type { ChatRuntime } from './runtime.ts';
import type { UserRecord } from './store.ts';
import { wireUser } from './wire.ts';

export function registerAccountRoutes(http: FastifyInstance, runtime: ChatRuntime): void {
  http.post('/api/setup', async (request, reply) => {
    const body = parseWith(setupBodySchema, request.body);
    const { user, token } = await runtime.accounts.setup(body, request.ip);
    runtime.logger.info({ user: user.id }, 'chat set up: first admin created');
    return loggedIn(runtime, request, reply.code(201), user, token);
  });

  http.post('/api/auth/login', async (request, reply) => {
    const body = parseWith(loginBodySchema, request.body);
    const { user, token } = await runtime.accounts.login(body.email, body.password, request.ip);
    return loggedIn(runtime, request, reply, user, token);
  });

  http.post('/api/auth/logout', async (request, reply) => {
    const session = await requireSession(runtime, request);
    await runtime.accounts.revoke(session.tokenHash);
    // Sockets opened with this session end with it.
    for (const connection of [...runtime.live.ofSession(session.tokenHash)]) {
      connection.close(CloseCode.Unauthorized, 'logged out');
    }
    void reply.header('Set-Cookie', clearedSessionCookie(cookieOptions(runtime, request)));
    return { ok: true };
  });

  http.get('/api/users/me', async (request) => {
    const { user } = await requireSession(runtime, request);
    return { user: wireUser(user, { withEmail: true }) };
  });

  http.get('/api/users', async (request) => {
    const { user: caller } = await requireSession(runtime, request);
    const users = await runtime.store.listUsers();
    return { users: users.map((user) => wireUser(user, { withEmail: caller.admin })) };
  });

  http.post('/api/users', async (request, reply) => {
    const { user: caller } = await requireSession(runtime, request);
    if (!caller.admin) throw new HearthError('forbidden', 'only admins add users');
    const body = parseWith(createUserBodySchema, request.body);
    const user = await runtime.accounts.createUser(body);
    runtime.logger.info({ user: user.id, by: caller.id }, 'chat user created');
    return reply.code(201).send({ user: wireUser(user, { withEmail: true }) });
  });
}

function loggedIn(
  runtime: ChatRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRecord,
  token: string,
): FastifyReply {
  void reply.header(
    'Set-Cookie',
    sessionCookie(token, {
      ...cookieOptions(runtime, request),
      maxAgeMs: runtime.accounts.sessionTtlMs,
    }),
  );
  return reply.send({ user: wireUser(user, { withEmail: true }), session_token: token });
}

function cookieOptions(runtime: ChatRuntime, request: FastifyRequest) {
  return {
    path: runtime.prefix === '' ? '/' : runtime.prefix,
    secure: request.protocol === 'https',
  };
}
