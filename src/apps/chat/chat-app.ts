// The `chat` app on the core: its WebSocket endpoint (`<prefix>/ws`) with the three ways to
// authenticate, its HTTP API (`<prefix>/api/…`), start-up and shutdown. Protocol: specs/chat.md
// and docs/protocols/chat.md; storage: SQLite at `<data_dir>/chat/chat.db`.

import type { AppContext, HearthApp, Identity, UpgradeRequest } from '../../core/app.ts';
import { PasswordHasher } from '../../core/auth/password-hasher.ts';
import { hashSessionToken } from '../../core/auth/session-tokens.ts';
import { parseMessageId } from '../../protocol/chat/message-id.ts';
import { DisconnectReason, decodeClientMessage } from '../../protocol/chat/messages.ts';
import { CloseCode } from '../../protocol/close-codes.ts';
import { HearthError } from '../../protocol/errors.ts';
import { Accounts } from './accounts.ts';
import { chatAdminRooms } from './admin-rooms.ts';
import { ChatMetrics } from './chat-metrics.ts';
import { ChatPresence } from './chat-presence.ts';
import { ClusterFanout } from './cluster-fanout.ts';
import type { ChatConfig } from './config.ts';
import { openConnection } from './connect-flow.ts';
import { registerAccountRoutes } from './http-accounts.ts';
import { bearerToken, cookieToken } from './http-auth.ts';
import { registerRoomRoutes } from './http-rooms.ts';
import {
  LiveConnections,
  newConnectionState,
  type ChatConnection,
  type ChatConnectionState,
} from './live-connections.ts';
import { MessageFeed } from './message-feed.ts';
import { MessageWriter } from './message-writer.ts';
import { RoomEvents } from './room-events.ts';
import type { ChatRuntime } from './runtime.ts';
import { PostgresChatStore } from './postgres-store.ts';
import { SqliteChatStore, chatDatabasePath } from './sqlite-store.ts';
import type { ChatStore, UserRecord } from './store.ts';
import { TypingService } from './typing-service.ts';
import { UserConnections } from './user-connections.ts';
import { send } from './wire.ts';
import { handleFrame } from './ws-handlers.ts';

export interface ChatAppOptions {
  /** @default see `defaultStore` */
  readonly store?: (context: AppContext) => ChatStore;
  /** @default a PasswordHasher with OWASP scrypt parameters */
  readonly hasher?: PasswordHasher;
  /** @default Date.now */
  readonly now?: () => number;
}

/** How often expired sessions are deleted from the store. */
const SESSION_SWEEP_MS = 60 * 60 * 1000;

export function createChatApp(
  config: ChatConfig,
  options: ChatAppOptions = {},
): HearthApp<ChatConnectionState> {
  let runtime: ChatRuntime | undefined;
  let events: RoomEvents | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let cluster: ClusterFanout | undefined;
  const running = (): ChatRuntime => {
    if (runtime === undefined) throw new Error('chat app used before start');
    return runtime;
  };
  const now = options.now ?? (() => Date.now());

  return {
    name: 'chat',
    prefix: config.prefix,

    async start(context) {
      const store = options.store?.(context) ?? defaultStore(context);
      await store.open();
      const metrics = new ChatMetrics(context.metrics.registry);
      const hasher = options.hasher ?? new PasswordHasher();
      const live = new LiveConnections();
      const feed = new MessageFeed(await store.lastMessageId());
      const { pubsub } = context;
      // Every node's committed messages are fanned out here in id order, whoever wrote them:
      // recovery reads the store up to the feed's head and takes the rest live.
      const fanout = new ClusterFanout({
        pubsub,
        store,
        feed,
        metrics,
        coreMetrics: context.metrics,
        logger: context.logger,
        localCommit: () => runtime?.writer.committing() ?? Promise.resolve(),
        applyMembership: (roomId, room, memberIds, announced) =>
          events?.apply(roomId, room, memberIds, announced) ?? Promise.resolve(),
      });
      cluster = fanout;
      // Counted across the cluster when there is one, per node otherwise.
      const perMinute = (name: string, limit: number) =>
        context.limits.rateLimiter(`chat-${name}`, { limit, windowMs: 60_000 });
      runtime = {
        config,
        prefix: context.prefix,
        store,
        accounts: new Accounts({ store, hasher, metrics, config, now, limits: context.limits }),
        hasher,
        metrics,
        pubsub,
        presence: new ChatPresence(
          context.presence,
          pubsub,
          config.presence_grace_ms,
          context.logger,
        ),
        typing: new TypingService(config.typing_expiry_ms, pubsub, live, now),
        live,
        feed,
        writer: new MessageWriter({
          insert: (batch) => store.insertMessages(batch),
          publish: (message) => {
            fanout.committed(message);
          },
        }),
        limiters: {
          messages: perMinute('messages-per-user', config.limits.messages_per_minute),
          typing: perMinute('typing-per-user', config.limits.typing_per_minute),
          connectAttempts: perMinute(
            'connection-attempts-per-ip',
            config.limits.connection_attempts_per_ip_per_minute,
          ),
        },
        userConnections: new UserConnections(
          context.presence,
          config.limits.connections_per_user,
          context.logger,
        ),
        counters: context.counters,
        settings: context.settings,
        logger: context.logger,
        now,
      };
      events = new RoomEvents(runtime);
      const accounts = runtime.accounts;
      sweeper = setInterval(() => {
        accounts.sweepExpired().catch((error: unknown) => {
          context.logger.error({ err: error }, 'chat session sweep failed');
        });
      }, SESSION_SWEEP_MS);
      sweeper.unref();
      if ((await store.countUsers()) === 0) {
        context.logger.warn(
          `chat has no users: POST ${context.prefix}/api/setup or run \`hearth chat add-user\` to create the first admin`,
        );
      }
    },

    routes(http) {
      const service = running();
      registerAccountRoutes(http, service);
      if (events !== undefined) registerRoomRoutes(http, service, events);
    },

    async admit(request: UpgradeRequest) {
      const service = running();
      if (request.path !== '/ws') throw new HearthError('not_found', 'no such endpoint');
      const attempt = await service.limiters.connectAttempts.consume(request.ip);
      if (!attempt.allowed) {
        service.metrics.limitHit('connection_attempts_per_ip');
        throw new HearthError('rate_limited', 'too many connection attempts', {
          retryAfterMs: Number.isFinite(attempt.retryAfterMs) ? attempt.retryAfterMs : 60_000,
        });
      }
      if (service.counters.connectionsActive >= config.limits.max_connections) {
        service.metrics.limitHit('max_connections');
        throw new HearthError('unavailable', 'chat is at capacity, try again later');
      }
      const lastSeen = lastSeenFromQuery(request.query);
      const bearer = bearerToken(request.headers);
      const explicit = bearer === undefined ? (request.query.get('token') ?? undefined) : bearer;
      if (explicit === null)
        throw new HearthError('unauthorized', 'malformed Authorization header');
      // The cookie is a convenience for same-origin pages: a stale one falls back to Auth.
      const token = explicit ?? cookieToken(request.headers);
      const authenticated =
        token === undefined ? undefined : await service.accounts.authenticate(token);
      if (authenticated === undefined) {
        if (explicit !== undefined) {
          service.metrics.authFailures.inc({ kind: 'upgrade' });
          throw new HearthError('unauthorized', 'invalid or expired session');
        }
        return { deferred: true, state: newConnectionState(undefined, undefined, lastSeen) };
      }
      const { user } = authenticated;
      return {
        identity: identityOf(user),
        state: newConnectionState(user, hashSessionToken(token ?? ''), lastSeen),
      };
    },

    async authenticate(connection: ChatConnection, data: Buffer, isBinary: boolean) {
      const service = running();
      const text = isBinary ? '' : data.toString('utf8');
      const decoded = decodeClientMessage(text);
      if (decoded.ok && decoded.message.type === 'Auth') {
        const { session_token: token, last_seen_message_id: lastSeen } = decoded.message.data;
        const authenticated = await service.accounts.authenticate(token);
        if (authenticated !== undefined) {
          const { state } = connection;
          state.user = authenticated.user;
          state.sessionHash = hashSessionToken(token);
          if (lastSeen !== undefined)
            state.lastSeen = lastSeen === null ? null : (parseMessageId(lastSeen) ?? null);
          return identityOf(authenticated.user);
        }
      } else if (!isAuthAttempt(text)) {
        // Nothing but Auth is accepted first; the core caps what may be sent before it.
        send(connection, {
          type: 'Error',
          data: { code: 'unauthorized', message: 'authenticate first: send Auth' },
        });
        return undefined;
      }
      service.metrics.authFailures.inc({ kind: 'auth_message' });
      send(connection, { type: 'AuthError', data: { error: 'invalid or expired session' } });
      throw new HearthError('unauthorized', 'invalid or expired session');
    },

    onOpen(connection: ChatConnection) {
      const service = running();
      connection.state.phase = 'opening';
      const opening = openConnection(service, connection);
      connection.state.opening = opening.catch(() => undefined);
      return opening;
    },

    onMessage(connection: ChatConnection, data: Buffer, isBinary: boolean) {
      const service = running();
      const { state } = connection;
      // Frames that arrive while the connection is being opened wait for SyncComplete.
      if (state.phase === 'opening') {
        return (state.opening ?? Promise.resolve()).then(() =>
          state.phase === 'ready' ? handleFrame(service, connection, data, isBinary) : undefined,
        );
      }
      if (state.phase !== 'ready') return undefined;
      return handleFrame(service, connection, data, isBinary);
    },

    beforeClose(connection: ChatConnection, code: number, reason: string) {
      // Spec: `Disconnect` before every intentional close, whoever decided it (app or core).
      send(connection, { type: 'Disconnect', data: { reason: disconnectReason(code, reason) } });
    },

    onRateLimited(connection: ChatConnection, retryAfterMs: number) {
      send(connection, {
        type: 'Error',
        data: { code: 'rate_limited', message: 'too many frames', retry_after_ms: retryAfterMs },
      });
    },

    onClose(connection: ChatConnection) {
      const service = runtime;
      const { state } = connection;
      state.phase = 'closed';
      state.releaseUserSlot?.();
      state.releaseUserSlot = undefined;
      if (service === undefined) return;
      service.live.unregister(connection);
      service.typing.connectionClosed(connection);
      service.presence.leaveLater(connection);
    },

    adminRooms: (limit) => chatAdminRooms(running(), limit),

    async checkReady() {
      return runtime === undefined ? 'starting' : await runtime.store.checkWritable();
    },

    async stop() {
      clearInterval(sweeper);
      cluster?.stop();
      const service = runtime;
      if (service === undefined) return;
      service.typing.close();
      service.presence.stop();
      await service.writer.idle();
      await service.store.close();
    },
  };
}

/**
 * PostgreSQL when the node has one (`storage.postgres_url`: several nodes share it), else
 * SQLite at `<storage.data_dir>/chat/chat.db`.
 */
function defaultStore(context: AppContext): ChatStore {
  return context.postgres === undefined
    ? new SqliteChatStore(chatDatabasePath(context.dataDir))
    : new PostgresChatStore(context.postgres);
}

function identityOf(user: UserRecord): Identity {
  return { userId: user.id, displayName: user.name, claims: { admin: user.admin } };
}

function lastSeenFromQuery(query: URLSearchParams): number | null {
  const raw = query.get('last_seen_message_id');
  if (raw === null || raw === '') return null;
  const id = parseMessageId(raw);
  if (id === undefined)
    throw new HearthError('bad_request', 'last_seen_message_id is not a message id');
  return id;
}

/** A frame that tried to be Auth (so a bad one is an AuthError, not "send Auth first"). */
function isAuthAttempt(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Auth'
    );
  } catch {
    return false;
  }
}

/** The `Disconnect` reason for a close code (and the close reason where one code has several). */
function disconnectReason(code: number, reason: string): DisconnectReason {
  switch (code) {
    case CloseCode.GoingAway:
      return DisconnectReason.GoingAway;
    case CloseCode.ServiceRestart:
      return DisconnectReason.ServerRestart;
    case CloseCode.Unauthorized:
      return reason === 'logged out' ? DisconnectReason.LoggedOut : DisconnectReason.Unauthorized;
    case CloseCode.AuthTimeout:
      return DisconnectReason.AuthTimeout;
    case CloseCode.RateLimited:
      return reason === 'too many connections'
        ? DisconnectReason.TooManyConnections
        : DisconnectReason.RateLimited;
    case CloseCode.PolicyViolation:
      return DisconnectReason.PolicyViolation;
    case CloseCode.InternalError:
      return DisconnectReason.InternalError;
    default:
      return DisconnectReason.Closing;
  }
}
