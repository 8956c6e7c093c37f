// The `openlifter` app on the core: its WebSocket endpoint (`<prefix>/ws`), start-up (full
// reload of every meet from the store), and the dispatch of each client message to its handler.
// Protocol: specs/openlifter.md; storage: flat files under `<data_dir>/openlifter`.

import { join } from 'node:path';
import { PasswordHasher } from '../../core/auth/password-hasher.ts';
import type { AppContext, HearthApp } from '../../core/app.ts';
import { KeyedRateLimiter } from '../../core/limits/keyed-rate-limiter.ts';
import { HearthError } from '../../protocol/errors.ts';
import { handleCreateMeet, handleJoinMeet } from './access-handlers.ts';
import type { OpenLifterConfig } from './config.ts';
import { FlatFileMeetStore } from './flat-file-store.ts';
import type { MeetConnection, OpenLifterConnectionState } from './live-meet.ts';
import { MeetDirectory } from './meet-directory.ts';
import { handleRecoveryUpdates } from './meet-recovery.ts';
import { OpenLifterMetrics } from './openlifter-metrics.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import { SessionRegistry } from './session-registry.ts';
import type { MeetStore } from './store.ts';
import { handleClientPull, handlePublishMeet, handleUpdateInit } from './update-handlers.ts';
import { decodeClientFrame, send } from './wire.ts';

export interface OpenLifterAppOptions {
  /** @default a FlatFileMeetStore under `<storage.data_dir>/openlifter` */
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
        new FlatFileMeetStore({
          dataDir: join(context.dataDir, 'openlifter'),
          groupCommit: config.group_commit,
          onFsync: (durationMs) => {
            metrics.fsyncSeconds.observe(durationMs / 1000);
          },
        });
      await store.open();
      const sessions = new SessionRegistry(config.session_ttl_hours * 3_600_000);
      const meets = new MeetDirectory(store);
      await meets.load(sessions, context.logger);
      runtime = {
        config,
        store,
        meets,
        sessions,
        hasher: options.hasher ?? new PasswordHasher(),
        metrics,
        pubsub: context.pubsub,
        logger: context.logger,
        attemptsPerIp: new KeyedRateLimiter({
          limit: config.join_attempts_per_ip_per_minute,
          windowMs: 60_000,
        }),
        attemptsPerMeet: new KeyedRateLimiter({
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

    async checkReady() {
      return runtime === undefined ? 'starting' : await runtime.store.checkWritable();
    },

    async stop() {
      await runtime?.store.close();
    },
  };
}
