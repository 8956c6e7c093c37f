// The `presence` app on the core (GraphWiz-XR rooms, specs/presence.md): `<prefix>/ws/{room_id}`
// in relay mode (opaque frames to the room's other clients) or protobuf mode (a world state,
// identities stamped by the server, volatile poses, reliable chat and entities with acks), JWT
// or anonymous admission, the per-IP attempt limit, stats and the performance report. Several
// nodes share rooms over the bus and the presence registry (world-replication.ts, client-claim.ts).

import { randomUUID } from 'node:crypto';
import type { AppContext, HearthApp } from '../../core/app.ts';
import { CloseCode } from '../../protocol/close-codes.ts';
import { PresenceErrorCode } from '../../protocol/presence/text-frames.ts';
import { presenceAdminRooms } from './admin-rooms.ts';
import { admitUpgrade, authenticateHello } from './admission.ts';
import { claimClientId, releaseClaim, type ClaimRequest } from './client-claim.ts';
import { announceDeparted, announceJoin, announceLeave } from './announcements.ts';
import type { PresenceConfig } from './config.ts';
import { registerPresenceRoutes } from './http-routes.ts';
import { LatencyProbe, LatencyTracker } from './latency-tracker.ts';
import { PresenceAuth } from './presence-auth.ts';
import { PresenceCounters, registerPresenceMetrics } from './presence-metrics.ts';
import { despawnEntities, handleProtobufFrame, openProtobuf, sendError } from './protobuf-mode.ts';
import { openRelay, relayFrame } from './relay-mode.ts';
import { ReliableQueue } from './reliable-queue.ts';
import { pendingReliable, retryTick } from './reliable-delivery.ts';
import {
  HELD_ROOM_PREFIX,
  RecentIds,
  REGISTRY_ROOM_PREFIX,
  heldRoom,
  registryRoom,
} from './runtime.ts';
import type {
  ClientSession,
  FollowedRoom,
  HeldId,
  PresenceConnection,
  RegisteredConnection,
  PresenceConnectionState,
  PresenceRuntime,
} from './runtime.ts';
import {
  departed,
  enterRoom,
  publishJoin,
  publishLeave,
  releaseHeld,
  unfollow,
} from './world-replication.ts';
import { WorldState, type Member, type PresenceMode } from './world-state.ts';

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
  let stopExpiry: (() => void) | undefined;
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
      const followed = new Map<string, FollowedRoom>();
      const world = new WorldState<ClientSession>(options.newClientId ?? randomUUID, (roomId) => {
        if (runtime !== undefined) unfollow(runtime, roomId);
      });
      const live = new Set<ClientSession>();
      const partial = {
        config,
        world,
        auth: await PresenceAuth.create(config.auth, context.loopbackOnly, context.logger),
        pubsub: context.pubsub,
        counters,
        transport: context.counters,
        latency,
        attempts: context.limits.rateLimiter('presence-attempts-per-ip', {
          limit: config.connection_attempts_per_ip_per_minute,
          windowMs: 60_000,
        }),
        registry: context.presence,
        live,
        followed,
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
      timer = setInterval(() => {
        retryTick(started, (roomId, clientId, despawned) => {
          releaseHeld(started, roomId, clientId);
          despawnEntities(started, roomId, despawned);
        });
      }, tickMs);
      timer.unref();
      // Clients of a node that died: announced as left, like any other last leave, and gone
      // for good (their entities too) on every node; so are the ids it held for a reconnect.
      stopExpiry = context.presence.onExpired((room, member) => {
        if (room.startsWith(HELD_ROOM_PREFIX)) {
          departed(started, room.slice(HELD_ROOM_PREFIX.length), member.memberId);
          return;
        }
        if (!room.startsWith(REGISTRY_ROOM_PREFIX)) return;
        const roomId = room.slice(REGISTRY_ROOM_PREFIX.length);
        const data = member.data as Partial<RegisteredConnection> | undefined;
        announceDeparted(
          started,
          roomId,
          member.memberId,
          data?.user_id ?? member.memberId,
          data?.display_name ?? '',
        );
        departed(started, roomId, member.memberId);
      });
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
      return join(running(), connection);
    },

    onMessage(connection: PresenceConnection, data: Buffer, isBinary: boolean) {
      const service = running();
      const { member, joining } = connection.state;
      if (member === undefined && joining !== undefined) {
        // Frames sent right after the hello wait for the join (the core keeps their order).
        return joining.then(
          () => {
            handleFrame(service, connection, data, isBinary);
          },
          () => undefined,
        );
      }
      handleFrame(service, connection, data, isBinary);
      return undefined;
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
      if (runtime === undefined) return;
      const service = runtime;
      if (!CLEAN_CLOSES.has(code)) service.counters.connectionErrors++;
      const { joining } = connection.state;
      if (joining === undefined) leave(service, connection);
      else
        void joining.then(
          () => {
            leave(service, connection);
          },
          () => undefined,
        );
    },

    adminRooms: (limit) => presenceAdminRooms(running(), limit),

    checkReady() {
      return runtime === undefined ? 'starting' : undefined;
    },

    stop() {
      clearInterval(timer);
      stopExpiry?.();
    },
  };
}

function handleFrame(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  const member = connection.state.member;
  if (member === undefined) return;
  const started = performance.now();
  if (member.mode === 'relay') relayFrame(runtime, connection, member, data, isBinary);
  else handleProtobufFrame(runtime, connection, member, data, isBinary);
  runtime.probe.observe(started);
}

/** Puts a connection in its room; the join settles before its frames are handled. */
function join(runtime: PresenceRuntime, connection: PresenceConnection): Promise<void> {
  const joining = joinRoom(runtime, connection).finally(() => {
    connection.state.joining = undefined;
  });
  connection.state.joining = joining;
  return joining;
}

async function joinRoom(runtime: PresenceRuntime, connection: PresenceConnection): Promise<void> {
  const { state } = connection;
  const { user, hello, mode, roomId } = state;
  const displayName =
    user?.displayName ?? nonEmpty(hello?.displayName) ?? state.queryDisplayName ?? '';
  const claim: ClaimRequest = {
    roomId,
    wanted: nonEmpty(hello?.clientId) ?? state.requestedClientId,
    userId: user?.userId ?? state.queryUserId,
    anonymous: user === undefined,
    connectionId: connection.id,
  };
  // The room is kept (with its replica of the other nodes) until the member is in it.
  await enterRoom(runtime, roomId);
  let claimed: string | undefined;
  try {
    claimed = await claimClientId(runtime, claim);
    const { member, resumed } = runtime.world.join(
      roomId,
      {
        requestedClientId: claimed,
        userId: claim.userId,
        anonymous: claim.anonymous,
        mode,
        displayName,
        displayNameFixed: user?.displayName !== undefined,
        session: (previous) => sessionFor(runtime, mode, previous),
      },
      runtime.now(),
    );
    if (claimed !== undefined && member.clientId !== claimed) releaseClaim(runtime, claim, claimed);
    opened(runtime, connection, member, resumed, displayName);
  } finally {
    runtime.world.unpin(roomId);
  }
}

function opened(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: Member<ClientSession>,
  resumed: boolean,
  displayName: string,
): void {
  const { state } = connection;
  member.session.connection = connection;
  state.member = member;
  connection.identity = {
    userId: member.userId,
    displayName: displayName === '' ? undefined : displayName,
    claims: state.user?.claims,
  };
  if (resumed) {
    runtime.counters.sessionsResumed++;
    releaseHeld(runtime, member.roomId, member.clientId);
  }
  if (member.mode === 'relay') openRelay(runtime, connection, member);
  else openProtobuf(runtime, connection, member, resumed);
  announceJoin(runtime, member, connection);
  publishJoin(runtime, member);
  const registered: RegisteredConnection = {
    connection_id: connection.id,
    user_id: member.userId,
    display_name: displayName,
    connected_at: connection.connectedAt,
    node_id: runtime.pubsub.nodeId,
  };
  runtime.registry
    .join(registryRoom(member.roomId), member.clientId, connection.id, { ...registered })
    .catch((error: unknown) => {
      runtime.logger.warn({ err: error, room: member.roomId }, 'presence registry join failed');
    });
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

function leave(runtime: PresenceRuntime, connection: PresenceConnection): void {
  const member = connection.state.member;
  if (member === undefined) return;
  const { session } = member;
  session.connection = undefined;
  runtime.live.delete(session);
  // Protobuf clients keep their id, pending messages and entities for the grace period.
  const grace = member.mode === 'protobuf' ? runtime.config.reconnect_grace_ms : 0;
  const result = runtime.world.leave(member, runtime.now(), grace);
  if (grace === 0) runtime.counters.reliableGivenUp.gone += session.queue?.clear() ?? 0;
  announceLeave(runtime, member, result.host);
  publishLeave(runtime, member.roomId, member.clientId);
  void unregister(runtime, member, connection.id, grace > 0);
  despawnEntities(runtime, member.roomId, result.despawned);
}

/**
 * Takes the connection out of the registry; a held id is registered first, so that another node
 * always sees the id either live or held and never gives it to someone else meanwhile.
 */
async function unregister(
  runtime: PresenceRuntime,
  member: Member<ClientSession>,
  connectionId: string,
  held: boolean,
): Promise<void> {
  const { roomId, clientId } = member;
  try {
    if (held && runtime.world.taken(roomId, clientId) === 'ghost') {
      const data: HeldId = {
        user_id: member.userId,
        anonymous: member.anonymous,
        node_id: runtime.pubsub.nodeId,
      };
      await runtime.registry.join(heldRoom(roomId), clientId, runtime.pubsub.nodeId, { ...data });
    }
    await runtime.registry.leave(registryRoom(roomId), clientId, connectionId);
  } catch (error: unknown) {
    runtime.logger.warn({ err: error, room: roomId }, 'presence registry leave failed');
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
