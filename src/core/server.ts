// A Hearth node: one HTTP server (Fastify) and the WebSocket upgrades on it, routed by path to
// the mounted apps; the core endpoints; the shared pub/sub, presence, limits and metrics; and the
// lifecycle (listen, graceful drain, close).

import { randomBytes } from 'node:crypto';
import { access, constants, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { HearthError, isHearthError } from '../protocol/errors.ts';
import { HEARTH_VERSION } from '../version.ts';
import type { AppContext, HearthApp, UpgradeRequest } from './app.ts';
import { AppHost } from './app-host.ts';
import type { Bus } from './bus/bus.ts';
import { LocalBus } from './bus/local-bus.ts';
import { RedisCluster } from './cluster/redis-cluster.ts';
import { clientAddress, isLocalRequest, isLoopbackAddress } from './client-address.ts';
import { websocketSettingsFor, type CoreConfig } from './config/schema.ts';
import { createAdminCheck, type AdminCheck } from './http/admin-guard.ts';
import { registerAdminStatsRoute } from './http/admin-stats.ts';
import { registerCoreRoutes, registerMetricsRoute, type Readiness } from './http/core-routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { ConnectionCaps, type HeldSlot } from './limits/connection-caps.ts';
import { MemoryLimitStore, type LimitStore } from './limits/rate-limit-store.ts';
import { createLogger, redactUrl, type Logger } from './observability/logger.ts';
import { HearthMetrics } from './observability/metrics.ts';
import { OriginPolicy } from './origin-policy.ts';
import { MemoryPresenceRegistry } from './presence/memory-presence-registry.ts';
import type { PresenceRegistry } from './presence/presence-registry.ts';
import { PubSub } from './pubsub.ts';
import { parseRequestTarget } from './request-target.ts';
import { PostgresDatabase } from './storage/postgres.ts';
import { refuseUpgrade } from './upgrade-refusal.ts';
import { PrefixRouter } from './upgrade-router.ts';
import { WriteScheduler } from './write-scheduler.ts';

export interface HearthServerOptions {
  readonly config: CoreConfig;
  readonly apps: readonly HearthApp[];
  /** @default a pino logger built from `config.log` */
  readonly logger?: Logger;
  /** @default a LocalBus of its own */
  readonly bus?: Bus;
  /** @default a MemoryPresenceRegistry */
  readonly presence?: PresenceRegistry;
  /** @default a MemoryLimitStore */
  readonly limits?: LimitStore;
  /** HTTP routes beyond the apps' own, at the root (the composition root's web pages). */
  readonly routes?: (http: FastifyInstance) => void;
}

export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

export class HearthServer {
  readonly config: CoreConfig;
  readonly logger: Logger;
  readonly metrics = new HearthMetrics();
  readonly pubsub: PubSub;
  readonly presence: PresenceRegistry;
  /** Rate limits shared across the cluster (per node without one). */
  readonly limits: LimitStore;
  readonly nodeId: string;
  readonly http: FastifyInstance;
  readonly adminCheck: AdminCheck;
  private readonly bus: Bus;
  /** Redis bus, presence and limits, when `cluster.redis_url` is set. */
  private readonly cluster: RedisCluster | undefined;
  private readonly extraRoutes: ((http: FastifyInstance) => void) | undefined;
  private readonly hosts: AppHost[];
  private readonly router: PrefixRouter<AppHost>;
  private readonly caps: ConnectionCaps;
  private readonly origins: OriginPolicy;
  private readonly scheduler = new WriteScheduler();
  private readonly lifetime = new AbortController();
  private metricsServer: FastifyInstance | undefined;
  /** The shared PostgreSQL pool, when `storage.postgres_url` is set (opened by listen). */
  private postgres: PostgresDatabase | undefined;
  private connectionCounter = 0;
  private draining = false;
  private closed = false;

  constructor(options: HearthServerOptions) {
    const { config } = options;
    this.config = config;
    this.logger = options.logger ?? createLogger(config.log);
    this.nodeId = randomBytes(4).toString('hex');
    const redisUrl = config.cluster.redis_url;
    this.cluster =
      redisUrl === undefined || options.bus !== undefined || options.presence !== undefined
        ? undefined
        : new RedisCluster({
            config: { ...config.cluster, redis_url: redisUrl },
            nodeId: this.nodeId,
            logger: this.logger,
            registry: this.metrics.registry,
          });
    this.bus = options.bus ?? this.cluster?.bus ?? new LocalBus(this.nodeId);
    this.presence = options.presence ?? this.cluster?.presence ?? new MemoryPresenceRegistry();
    this.limits = options.limits ?? this.cluster?.limits ?? new MemoryLimitStore();
    this.extraRoutes = options.routes;
    this.pubsub = new PubSub(this.bus, this.metrics, this.logger);
    this.caps = new ConnectionCaps({
      maxTotal: config.server.max_connections,
      maxPerIp: config.server.max_connections_per_ip,
    });
    this.origins = new OriginPolicy(config.server.allowed_origins);
    this.adminCheck = createAdminCheck({
      token: config.admin.token,
      loopbackOnly: this.loopbackOnly,
      trustProxy: config.server.trust_proxy,
    });
    this.hosts = options.apps.map(
      (app) =>
        new AppHost(app, {
          settings: websocketSettingsFor(config, {
            ...app.websocket,
            // An app's config section (`apps.<name>.websocket`) wins over its built-in defaults.
            ...config.apps[app.name]?.websocket,
          }),
          metrics: this.metrics,
          logger: this.logger,
          scheduler: this.scheduler,
          pubsub: this.pubsub,
          nextConnectionId: () => `${this.nodeId}-${(++this.connectionCounter).toString(36)}`,
        }),
    );
    this.router = new PrefixRouter(this.hosts);
    this.http = this.createHttp();
  }

  /** True when the configured address is a loopback one (trusted for zero-config use). */
  get loopbackOnly(): boolean {
    return isLoopbackAddress(this.config.server.host) || this.config.server.host === 'localhost';
  }

  /** Start every app, register routes, and listen. */
  async listen(): Promise<ListeningAddress> {
    const dataDir = resolve(this.config.storage.data_dir);
    await mkdir(dataDir, { recursive: true });
    await this.cluster?.start();
    this.postgres ??= await this.openPostgres();
    for (const host of this.hosts) {
      const context = this.contextFor(host, dataDir);
      await host.app.start?.(context);
      const app = host.app;
      if (app.routes) {
        await this.http.register(
          async (scoped) => {
            await app.routes?.(scoped, context);
          },
          { prefix: host.app.prefix },
        );
      }
      host.start();
    }
    this.extraRoutes?.(this.http);
    await this.http.listen({ host: this.config.server.host, port: this.config.server.port });
    if (this.config.metrics.port !== undefined) await this.listenMetrics(this.config.metrics.port);
    const address = this.address();
    this.logger.info(
      { node: this.nodeId, version: HEARTH_VERSION, url: address.url },
      'hearth listening',
    );
    return address;
  }

  address(): ListeningAddress {
    const info = this.http.server.address() as AddressInfo | null;
    if (info === null) throw new Error('server is not listening');
    return listeningAddress(info);
  }

  /** Where each app listens, for the start-up banner. */
  appUrls(): { app: string; http: string; websocket: string }[] {
    const { url } = this.address();
    return this.hosts.map((host) => ({
      app: host.app.name,
      http: `${url}${host.app.prefix}/`,
      websocket: `${url.replace(/^http/, 'ws')}${host.app.prefix}`,
    }));
  }

  metricsAddress(): ListeningAddress | undefined {
    const info = this.metricsServer?.server.address() as AddressInfo | null | undefined;
    return info ? listeningAddress(info) : undefined;
  }

  /**
   * Graceful drain: refuse new upgrades (503) and report unready, close every connection with the
   * drain close code so clients reconnect elsewhere, let apps flush their stores, then close.
   */
  async drain(reason = 'server shutting down'): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const { drain_timeout_ms: timeout, drain_close_code: code } = this.config.server;
    const deadline = Date.now() + timeout;
    this.logger.info({ timeoutMs: timeout, code }, 'draining');
    await Promise.all(this.hosts.map((host) => host.closeAll(code, reason, deadline)));
    await this.close();
    this.logger.info('drained');
  }

  /** Stop at once: terminate connections, stop apps, close listeners. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.draining = true;
    this.lifetime.abort();
    for (const host of this.hosts) {
      host.terminateAll();
      host.stop();
    }
    for (const host of this.hosts) {
      try {
        await host.app.stop?.();
      } catch (error) {
        this.logger.error({ err: error, app: host.app.name }, 'app failed to stop cleanly');
      }
    }
    this.http.server.closeAllConnections();
    await this.http.close();
    await this.metricsServer?.close();
    await this.postgres?.close();
    await this.bus.close();
    await this.cluster?.close();
  }

  private contextFor(host: AppHost, dataDir: string): AppContext {
    return {
      name: host.app.name,
      prefix: host.app.prefix,
      logger: this.logger.child({ app: host.app.name }),
      metrics: this.metrics,
      counters: host.counters,
      pubsub: this.pubsub,
      presence: this.presence,
      limits: this.limits,
      settings: host.settings,
      dataDir,
      postgres: this.postgres,
      loopbackOnly: this.loopbackOnly,
      adminCheck: this.adminCheck,
      signal: this.lifetime.signal,
    };
  }

  private createHttp(): FastifyInstance {
    const { server } = this.config;
    // Fastify types the instance by its logger; ours is a pino Logger, which Fastify's route
    // types only accept as their base logger type, hence the widening cast.
    const http = Fastify({
      loggerInstance: this.logger,
      // Requests are logged by our onResponse hook, at debug level and with tokens redacted.
      logController: new LogController({ disableRequestLogging: true }),
      // One proxy hop at most is trusted (the rightmost X-Forwarded-For entry), as in clientAddress.
      trustProxy: server.trust_proxy ? (_address: string, hop: number) => hop === 0 : false,
      bodyLimit: 1024 * 1024,
      serverFactory: (handler) =>
        createServer(
          {
            headersTimeout: server.headers_timeout_ms,
            requestTimeout: server.headers_timeout_ms * 3,
            // Check for slow headers every second, not the default 30 s (slow-loris guard).
            connectionsCheckingInterval: 1000,
          },
          handler,
        ),
    }) as unknown as FastifyInstance;
    installErrorHandler(http);
    void http.register(cors, {
      origin: (origin, callback) => {
        callback(null, origin === undefined || this.origins.allowsCrossOrigin(origin));
      },
      // Credentials (cookies) only for origins named one by one, never for "*".
      credentials: !this.config.server.allowed_origins.includes('*'),
    });
    http.addHook('onRequest', (request, _reply, done) => {
      if (this.origins.allows(request.headers.origin, request.headers.host)) done();
      else done(new HearthError('forbidden', 'origin not allowed'));
    });
    http.addHook('onResponse', (request, reply, done) => {
      request.log.debug(
        {
          method: request.method,
          url: redactUrl(request.url),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
      done();
    });
    registerCoreRoutes(http, {
      logger: this.logger,
      metrics: this.metrics,
      metricsEnabled: this.config.metrics.enabled,
      adminCheck: this.adminCheck,
      version: HEARTH_VERSION,
      readiness: () => this.readiness(),
    });
    registerAdminStatsRoute(http, {
      adminCheck: this.adminCheck,
      metrics: this.metrics,
      logger: this.logger,
      nodeId: this.nodeId,
      version: HEARTH_VERSION,
      apps: this.hosts,
    });
    const httpServer: Server = http.server;
    httpServer.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      this.onUpgrade(request, socket, head);
    });
    return http;
  }

  private async openPostgres(): Promise<PostgresDatabase | undefined> {
    const {
      postgres_url: url,
      postgres_pool_size: poolSize,
      postgres_schema: schema,
    } = this.config.storage;
    if (url === undefined) return undefined;
    const database = await PostgresDatabase.connect({
      url,
      poolSize,
      schema,
      applicationName: `hearth-${this.nodeId}`,
      onIdleError: (error) => {
        this.logger.warn({ err: error }, 'postgres connection error');
      },
    });
    this.logger.info({ url: database.safeUrl, schema, poolSize }, 'postgres connected');
    return database;
  }

  private async listenMetrics(port: number): Promise<void> {
    const metricsHttp = Fastify({ logger: false });
    registerMetricsRoute(metricsHttp, this.metrics);
    await metricsHttp.listen({ host: this.config.metrics.host, port });
    this.metricsServer = metricsHttp;
  }

  /**
   * Unready: draining, or unable to persist (data directory, PostgreSQL, an app's store). Only
   * degraded: Redis lost, the node serving its own clients (see core-routes.ts).
   */
  private async readiness(): Promise<Readiness> {
    const problems: string[] = [];
    if (this.draining) problems.push('draining');
    try {
      await access(resolve(this.config.storage.data_dir), constants.W_OK);
    } catch {
      problems.push('data directory is not writable');
    }
    const degraded = this.cluster?.health() ?? this.busHealth();
    const postgresProblem = await this.postgres?.health();
    if (postgresProblem !== undefined) problems.push(postgresProblem);
    for (const host of this.hosts) {
      try {
        const problem = await host.app.checkReady?.();
        if (problem !== undefined) problems.push(`${host.app.name}: ${problem}`);
      } catch (error) {
        this.logger.warn({ err: error, app: host.app.name }, 'readiness check failed');
        problems.push(`${host.app.name}: not ready`);
      }
    }
    return { problems, degraded };
  }

  /** A bus passed in by the embedder (no RedisCluster): its own health is all there is. */
  private busHealth(): string[] {
    const problem = this.bus.health();
    return problem === undefined ? [] : [`bus: ${problem}`];
  }

  /**
   * One listener for every upgrading socket. A closure per upgrade would live as long as the
   * connection and keep the whole upgrade's scope with it (memory per idle connection).
   */
  private readonly onUpgradeSocketError = (error: Error): void => {
    this.logger.debug({ err: error }, 'upgrade socket error');
  };

  private onUpgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', this.onUpgradeSocketError);
    if (this.draining) {
      this.refuse(socket, 'none', 503, {
        error: 'unavailable',
        message: 'server is shutting down',
      });
      return;
    }
    const target = parseRequestTarget(request.url ?? '/');
    if (target === undefined) {
      this.refuse(socket, 'none', 400, { error: 'bad_request', message: 'bad request target' });
      return;
    }
    const match = this.router.match(target.path);
    if (match === undefined) {
      this.refuse(socket, 'none', 404, {
        error: 'not_found',
        message: 'no app is mounted at this path',
      });
      return;
    }
    const host = match.entry;
    const appName = host.app.name;
    if (!this.origins.allows(request.headers.origin, request.headers.host)) {
      this.refuse(socket, appName, 403, { error: 'forbidden', message: 'origin not allowed' });
      return;
    }
    const ip = clientAddress(request, this.config.server.trust_proxy);
    const slot = this.caps.tryAcquireIp(ip);
    if (slot.status !== 'ok') {
      if (slot.status === 'total') {
        this.refuse(socket, appName, 503, {
          error: 'unavailable',
          message: 'server is at capacity',
        });
      } else {
        host.counters.rateLimitHits++;
        this.refuse(socket, appName, 429, {
          error: 'too_many_connections',
          message: 'too many connections',
        });
      }
      return;
    }
    const upgrade: UpgradeRequest = {
      path: match.rest,
      query: new URLSearchParams(target.search),
      headers: request.headers,
      ip,
      protocols: parseProtocols(request.headers['sec-websocket-protocol']),
      loopback:
        this.loopbackOnly &&
        isLocalRequest(
          request.headers,
          request.socket.remoteAddress ?? '',
          this.config.server.trust_proxy,
        ),
    };
    // The slot is held for as long as the TCP connection lives, whatever ends it: a refusal,
    // a handshake ws rejects by itself (bad key or version), or the WebSocket closing.
    holdUntilClose(socket, slot);
    // Apps that admit synchronously are refused by a throw, the others by a rejection.
    try {
      host.upgrade(request, socket, head, upgrade)?.catch((error: unknown) => {
        this.upgradeFailed(socket, slot, appName, error);
      });
    } catch (error) {
      this.upgradeFailed(socket, slot, appName, error);
    }
  }

  private upgradeFailed(socket: Socket, slot: HeldSlot, appName: string, error: unknown): void {
    slot.release();
    if (isHearthError(error)) {
      const headers: Record<string, string> =
        error.retryAfterMs === undefined
          ? {}
          : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
      this.refuse(socket, appName, error.httpStatus, error.toJSON(), headers);
      return;
    }
    this.logger.error({ err: error, app: appName }, 'upgrade failed');
    this.refuse(socket, appName, 500, { error: 'internal_error', message: 'internal error' });
  }

  private refuse(
    socket: Socket,
    app: string,
    status: number,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): void {
    this.metrics.upgradesRefused.inc({ app, status: String(status) });
    refuseUpgrade(socket, status, body, headers);
  }
}

/** The IP slot of an upgrading socket, given back by the one shared 'close' listener below. */
const HELD_SLOT = Symbol('hearth.slot');

type SlotSocket = Socket & { [HELD_SLOT]?: HeldSlot };

function holdUntilClose(socket: Socket, slot: HeldSlot): void {
  (socket as SlotSocket)[HELD_SLOT] = slot;
  // A socket emits 'close' once, so `on` does what `once` would without a wrapper per socket.
  socket.on('close', releaseHeldSlot);
}

function releaseHeldSlot(this: SlotSocket): void {
  this[HELD_SLOT]?.release();
}

function listeningAddress(info: AddressInfo): ListeningAddress {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return { host: info.address, port: info.port, url: `http://${host}:${info.port}` };
}

/** The app's own config section (`apps.<name>`), when the schema has one. */
function parseProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}
