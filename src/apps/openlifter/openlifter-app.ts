// The `openlifter` app on the core: its WebSocket endpoint (`<prefix>/ws`), start-up (full
// reload of every meet from the store), and the dispatch of each client message to its handler.
// Protocol: specs/openlifter.md; storage: flat files under `<data_dir>/openlifter`, or
// PostgreSQL when `storage.postgres_url` is set (several nodes may then serve the same meets).

import { join } from 'node:path';
import { PasswordHasher } from '../../core/auth/password-hasher.ts';
import type { AppContext, HearthApp } from '../../core/app.ts';
import { HearthError } from '../../protocol/errors.ts';
import { handleCreateMeet, handleJoinMeet } from './access-handlers.ts';
import { openlifterAdminRooms } from './admin-rooms.ts';
import type { OpenLifterConfig } from './config.ts';
import { FlatFileMeetStore } from './flat-file-store.ts';
import type { MeetConnection, OpenLifterConnectionState } from './live-meet.ts';
import { MeetDirectory } from './meet-directory.ts';
import { handleRecoveryUpdates } from './meet-recovery.ts';
import { OpenLifterMetrics } from './openlifter-metrics.ts';
import { PostgresMeetStore } from './postgres-meet-store.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import { SessionRegistry } from './session-registry.ts';
import { SharedMeets } from './shared-meets.ts';
import { isSharedMeetStore, type MeetStore } from './store.ts';
import type { ClientMessage } from '../../protocol/openlifter/messages.ts';
import { handleClientPull, handlePublishMeet, handleUpdateInit } from './update-handlers.ts';
import { decodeClientFrame, send } from './wire.ts';

export interface OpenLifterAppOptions {
  /**
   * @default a PostgresMeetStore on the node's pool when `storage.postgres_url` is set, else a
   * FlatFileMeetStore under `<storage.data_dir>/openlifter`
   */
  readonly store?: (context: AppContext) => MeetStore;
  /** @default a PasswordHasher with OWASP scrypt parameters */
  readonly hasher?: PasswordHasher;
}

/** CREATE_MEET carries a whole meet's endpoints and PUBLISH_MEET a results CSV. */
const MAX_FRAME_BYTES = 5 * 1024 * 1024;

export function createOpenLifterApp(
  config: OpenLifterConfig,
  options: OpenLifterAppOptions = {},
): HearthApp<OpenLifterConnectionState> {
  let runtime: OpenLifterRuntime | undefined;
  const running = (): OpenLifterRuntime => {
    if (runtime === undefined) throw new Error('openlifter app used before start');
    return runtime;
  };

  return {
    name: 'openlifter',
    prefix: config.prefix,
    websocket: { max_payload_bytes: MAX_FRAME_BYTES },

    async start(context) {
      const metrics = new OpenLifterMetrics(context.metrics.registry);
      const store =
        options.store?.(context) ??
        (context.postgres === undefined ? undefined : new PostgresMeetStore(context.postgres)) ??
        new FlatFileMeetStore({
          dataDir: join(context.dataDir, 'openlifter'),
          groupCommit: config.group_commit,
          onFsync: (durationMs) => {
            metrics.fsyncSeconds.observe(durationMs / 1000);
          },
        });
      await store.open();
      const sessions = new SessionRegistry(config.session_ttl_hours * 3_600_000);
      let shared: SharedMeets | undefined;
      const meets = new MeetDirectory(store, { onAdded: (meet) => shared?.follow(meet) });
      if (isSharedMeetStore(store)) {
        const { pubsub, logger } = context;
        shared = new SharedMeets({ store, meets, sessions, pubsub, logger });
      }
      await meets.load(sessions, context.logger);
      runtime = {
        config,
        store,
        shared,
        meets,
        sessions,
        hasher: options.hasher ?? new PasswordHasher(),
        metrics,
        pubsub: context.pubsub,
        logger: context.logger,
        // Counted across the cluster when there is one, per node otherwise.
        attemptsPerIp: context.limits.rateLimiter('openlifter-attempts-per-ip', {
          limit: config.join_attempts_per_ip_per_minute,
          windowMs: 60_000,
        }),
        attemptsPerMeet: context.limits.rateLimiter('openlifter-join-attempts-per-meet', {
          limit: config.join_attempts_per_meet_per_minute,
          windowMs: 60_000,
        }),
        now: () => Date.now(),
      };
    },

    admit(request) {
      if (request.path !== '/ws') throw new HearthError('not_found', 'no such endpoint');
      return { state: { sessions: new Map() } };
    },

    onMessage(connection: MeetConnection, data: Buffer, isBinary: boolean) {
      const decoded = decodeClientFrame(data, isBinary);
      if (!decoded.ok) {
        send(connection, decoded.reply);
        return undefined;
      }
      const service = running();
      const { message } = decoded;
      // A session (or meet) another node created is loaded before the handlers look it up.
      const loading =
        'sessionToken' in message ? service.shared?.prepare(message.sessionToken) : undefined;
      if (loading !== undefined) {
        return loading.then(() => dispatch(service, connection, message));
      }
      return dispatch(service, connection, message);
    },

    onRateLimited(connection, retryAfterMs) {
      send(connection, { msgType: 'RATE_LIMITED', retryAfterMs });
    },

    onClose(connection: MeetConnection) {
      const service = runtime;
      if (service === undefined) return;
      for (const meetId of connection.state.sessions.keys()) {
        service.meets.get(meetId)?.connections.delete(connection);
      }
    },

    adminRooms: (limit) => openlifterAdminRooms(running(), limit),

    async checkReady() {
      return runtime === undefined ? 'starting' : await runtime.store.checkWritable();
    },

    async stop() {
      await runtime?.store.close();
    },
  };
}

function dispatch(
  service: OpenLifterRuntime,
  connection: MeetConnection,
  message: ClientMessage,
): Promise<void> | undefined {
  switch (message.msgType) {
    case 'CREATE_MEET':
      return handleCreateMeet(service, connection, message);
    case 'JOIN_MEET':
      return handleJoinMeet(service, connection, message);
    case 'UPDATE_INIT':
      return handleUpdateInit(service, connection, message);
    case 'CLIENT_PULL':
      return handleClientPull(service, connection, message);
    case 'PUBLISH_MEET':
      return handlePublishMeet(service, connection, message);
    case 'RECOVERY_UPDATES':
      handleRecoveryUpdates(service, connection, message);
      return undefined;
    case 'PING':
      send(connection, { msgType: 'PONG' });
      return undefined;
  }
}
