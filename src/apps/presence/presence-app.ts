// The `presence` app on the core (GraphWiz-XR rooms, specs/presence.md): `<prefix>/ws/{room_id}`
// in relay mode (opaque frames to the room's other clients) or protobuf mode (a world state,
// identities stamped by the server, volatile poses, reliable chat and entities with acks), JWT
// or anonymous admission, the per-IP attempt limit, stats and the performance report.

import { randomUUID } from 'node:crypto';
import type { AppContext, HearthApp } from '../../core/app.ts';
import { KeyedRateLimiter } from '../../core/limits/keyed-rate-limiter.ts';
import { CloseCode } from '../../protocol/close-codes.ts';
import { PresenceErrorCode } from '../../protocol/presence/text-frames.ts';
import { admitUpgrade, authenticateHello } from './admission.ts';
import { announceJoin, announceLeave } from './announcements.ts';
import type { PresenceConfig } from './config.ts';
import { registerPresenceRoutes } from './http-routes.ts';
import { LatencyProbe, LatencyTracker } from './latency-tracker.ts';
import { PresenceAuth } from './presence-auth.ts';
import { PresenceCounters, registerPresenceMetrics } from './presence-metrics.ts';
import { despawnEntities, handleProtobufFrame, openProtobuf, sendError } from './protobuf-mode.ts';
import { openRelay, relayFrame } from './relay-mode.ts';
import { ReliableQueue } from './reliable-queue.ts';
import { pendingReliable, retryTick } from './reliable-delivery.ts';
import { RecentIds } from './runtime.ts';
import type {
  ClientSession,
  PresenceConnection,
  PresenceConnectionState,
  PresenceRuntime,
} from './runtime.ts';
import { WorldState, type PresenceMode } from './world-state.ts';

export interface PresenceAppOptions {
  /** @default Date.now */
  readonly now?: () => number;
  /** @default crypto.randomUUID */
  readonly newClientId?: () => string;
}

/** Inbound reliable message ids remembered per client for dedup. */
const RECENT_IDS = 1024;
/** Closes that are not errors: normal, going away, no status, drain restart. */
const CLEAN_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.Normal,
  CloseCode.GoingAway,
  1005,
  CloseCode.ServiceRestart,
]);

export function createPresenceApp(
  config: PresenceConfig,
  options: PresenceAppOptions = {},
): HearthApp<PresenceConnectionState> {
  let runtime: PresenceRuntime | undefined;
  let timer: NodeJS.Timeout | undefined;
  const running = (): PresenceRuntime => {
    if (runtime === undefined) throw new Error('presence app used before start');
    return runtime;
  };
  const now = options.now ?? Date.now;

  return {
    name: 'presence',
    prefix: config.prefix,
    // The spec's limits, whatever the shared defaults say; `apps.presence.websocket` overrides.
    websocket: { max_payload_bytes: 64 * 1024, frames_per_second: 100 },

    async start(context: AppContext) {
      const counters = new PresenceCounters();
      const latency = new LatencyTracker();
      let nextId = 0;
      const world = new WorldState<ClientSession>(options.newClientId ?? randomUUID);
      const live = new Set<ClientSession>();
      const partial = {
        config,
        world,
        auth: await PresenceAuth.create(config.auth, context.loopbackOnly, context.logger),
        pubsub: context.pubsub,
        counters,
        transport: context.counters,
        latency,
        attempts: new KeyedRateLimiter({
          limit: config.connection_attempts_per_ip_per_minute,
          windowMs: 60_000,
        }),
        live,
        logger: context.logger,
        startedAt: now(),
        nextMessageId: () => `${context.pubsub.nodeId}-${(++nextId).toString(36)}`,
        now,
      };
      const { latency: histogram } = registerPresenceMetrics(context.metrics.registry, counters, {
        transport: context.counters,
        activeRooms: () => world.activeRooms,
        totals: () => world.totals(),
        pendingReliable: () => (runtime === undefined ? 0 : pendingReliable(runtime)),
      });
      const probe = new LatencyProbe(latency, (ms) => {
        histogram.observe(ms / 1000);
      });
      const started: PresenceRuntime = { ...partial, probe };
      runtime = started;
      const { retry_interval_ms: retry } = config.reliable;
      const grace = config.reconnect_grace_ms > 0 ? config.reconnect_grace_ms : retry;
      // One timer for the app (not one per connection): resends, give-ups, grace periods.
      const tickMs = Math.min(1000, Math.max(10, Math.floor(Math.min(retry, grace) / 5)));
      let sweptAt = now();
      timer = setInterval(() => {
        retryTick(started, (roomId, despawned) => {
          despawnEntities(started, roomId, despawned);
        });
        // Forget IPs whose attempt budget is whole again, once per limit window.
        if (now() - sweptAt >= 60_000) {
          sweptAt = now();
          started.attempts.sweep(sweptAt);
        }
      }, tickMs);
      timer.unref();
    },

    routes(http, context) {
      registerPresenceRoutes(http, context, running);
    },

    admit(request) {
      return admitUpgrade(running(), request);
    },

    authenticate(connection: PresenceConnection, data, isBinary) {
      return authenticateHello(running(), connection, data, isBinary);
    },

    onOpen(connection: PresenceConnection) {
      join(running(), connection);
    },

    onMessage(connection: PresenceConnection, data: Buffer, isBinary: boolean) {
      const service = running();
      const member = connection.state.member;
      if (member === undefined) return;
      const started = performance.now();
      if (member.mode === 'relay') relayFrame(service, connection, member, data, isBinary);
      else handleProtobufFrame(service, connection, member, data, isBinary);
      service.probe.observe(started);
    },

    onRateLimited(connection: PresenceConnection, retryAfterMs) {
      // Relay clients have their own framing: an unexpected frame could confuse them.
      const { state } = connection;
      const at = now();
      if (state.mode !== 'protobuf' || at - state.rateNoticeAt < 1000) return;
      state.rateNoticeAt = at;
      sendError(
        connection,
        PresenceErrorCode.RateLimited,
        'too many frames: the excess is dropped (reliable ones are not acknowledged)',
        '',
        retryAfterMs,
      );
    },

    onClose(connection: PresenceConnection, code) {
      if (runtime !== undefined) leave(runtime, connection, code);
    },

    checkReady() {
      return runtime === undefined ? 'starting' : undefined;
    },

    stop() {
      clearInterval(timer);
    },
  };
}

function join(runtime: PresenceRuntime, connection: PresenceConnection): void {
  const { state } = connection;
  const { user, hello, mode } = state;
  const displayName =
    user?.displayName ?? nonEmpty(hello?.displayName) ?? state.queryDisplayName ?? '';
  const { member, resumed } = runtime.world.join(
    state.roomId,
    {
      requestedClientId: nonEmpty(hello?.clientId) ?? state.requestedClientId,
      userId: user?.userId ?? state.queryUserId,
      anonymous: user === undefined,
      mode,
      displayName,
      displayNameFixed: user?.displayName !== undefined,
      session: (previous) => sessionFor(runtime, mode, previous),
    },
    runtime.now(),
  );
  member.session.connection = connection;
  state.member = member;
  connection.identity = {
    userId: member.userId,
    displayName: displayName === '' ? undefined : displayName,
    claims: user?.claims,
  };
  if (resumed) runtime.counters.sessionsResumed++;
  if (mode === 'relay') openRelay(runtime, connection, member);
  else openProtobuf(runtime, connection, member, resumed);
  announceJoin(runtime, member, connection);
}

/** The session of a client joining: the one it resumes when the mode allows, else a new one. */
function sessionFor(
  runtime: PresenceRuntime,
  mode: PresenceMode,
  previous: ClientSession | undefined,
): ClientSession {
  if (mode === 'protobuf' && previous !== undefined) return previous;
  // A relay client taking back a protobuf client's id cannot receive its pending messages.
  runtime.counters.reliableGivenUp.gone += previous?.queue?.clear() ?? 0;
  if (mode === 'relay') return { connection: undefined, queue: undefined, recent: undefined };
  const { retry_interval_ms, max_retries, max_pending } = runtime.config.reliable;
  return {
    connection: undefined,
    queue: new ReliableQueue({
      retryIntervalMs: retry_interval_ms,
      maxRetries: max_retries,
      maxPending: max_pending,
    }),
    recent: new RecentIds(RECENT_IDS),
  };
}

function leave(runtime: PresenceRuntime, connection: PresenceConnection, code: number): void {
  const member = connection.state.member;
  if (!CLEAN_CLOSES.has(code)) runtime.counters.connectionErrors++;
  if (member === undefined) return;
  const { session } = member;
  session.connection = undefined;
  runtime.live.delete(session);
  // Protobuf clients keep their id, pending messages and entities for the grace period.
  const grace = member.mode === 'protobuf' ? runtime.config.reconnect_grace_ms : 0;
  const result = runtime.world.leave(member, runtime.now(), grace);
  if (grace === 0) runtime.counters.reliableGivenUp.gone += session.queue?.clear() ?? 0;
  announceLeave(runtime, member, result.host);
  despawnEntities(runtime, member.roomId, result.despawned);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
