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
import { clientAddress, isLocalRequest, isLoopbackAddress } from './client-address.ts';
import { websocketSettingsFor, type CoreConfig } from './config/schema.ts';
import { createAdminCheck, type AdminCheck } from './http/admin-guard.ts';
import { registerCoreRoutes, registerMetricsRoute } from './http/core-routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { ConnectionCaps } from './limits/connection-caps.ts';
import { createLogger, redactUrl, type Logger } from './observability/logger.ts';
import { HearthMetrics } from './observability/metrics.ts';
import { OriginPolicy } from './origin-policy.ts';
import { MemoryPresenceRegistry } from './presence/memory-presence-registry.ts';
import type { PresenceRegistry } from './presence/presence-registry.ts';
import { PubSub } from './pubsub.ts';
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
  readonly nodeId: string;
  readonly http: FastifyInstance;
  readonly adminCheck: AdminCheck;
  private readonly bus: Bus;
  private readonly hosts: AppHost[];
  private readonly router: PrefixRouter<AppHost>;
  private readonly caps: ConnectionCaps;
  private readonly origins: OriginPolicy;
  private readonly scheduler = new WriteScheduler();
  private readonly lifetime = new AbortController();
  private metricsServer: FastifyInstance | undefined;
  private connectionCounter = 0;
  private draining = false;
  private closed = false;

  constructor(options: HearthServerOptions) {
    const { config } = options;
    this.config = config;
    this.logger = options.logger ?? createLogger(config.log);
    this.nodeId = randomBytes(4).toString('hex');
    this.bus = options.bus ?? new LocalBus(this.nodeId);
    this.presence = options.presence ?? new MemoryPresenceRegistry();
    this.pubsub = new PubSub(this.bus, this.metrics, this.logger);
    this.caps = new ConnectionCaps({
      maxTotal: config.server.max_connections,
      maxPerIp: config.server.max_connections_per_ip,
      maxPerUser: Number.POSITIVE_INFINITY,
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
    await this.bus.close();
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
      settings: host.settings,
      dataDir,
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
      readinessProblems: () => this.readinessProblems(),
    });
    const httpServer: Server = http.server;
    httpServer.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      this.onUpgrade(request, socket, head);
    });
    return http;
  }

  private async listenMetrics(port: number): Promise<void> {
    const metricsHttp = Fastify({ logger: false });
    registerMetricsRoute(metricsHttp, this.metrics);
    await metricsHttp.listen({ host: this.config.metrics.host, port });
    this.metricsServer = metricsHttp;
  }

  private async readinessProblems(): Promise<string[]> {
    const problems: string[] = [];
    if (this.draining) problems.push('draining');
    try {
      await access(resolve(this.config.storage.data_dir), constants.W_OK);
    } catch {
      problems.push('data directory is not writable');
    }
    const busProblem = this.bus.health();
    if (busProblem !== undefined) problems.push(`bus: ${busProblem}`);
    for (const host of this.hosts) {
      try {
        const problem = await host.app.checkReady?.();
        if (problem !== undefined) problems.push(`${host.app.name}: ${problem}`);
      } catch (error) {
        this.logger.warn({ err: error, app: host.app.name }, 'readiness check failed');
        problems.push(`${host.app.name}: not ready`);
      }
    }
    return problems;
  }

  private onUpgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', (error) => {
      this.logger.debug({ err: error }, 'upgrade socket error');
    });
    const refuse = (app: string, status: number, body: Record<string, unknown>, headers = {}) => {
      this.metrics.upgradesRefused.inc({ app, status: String(status) });
      refuseUpgrade(socket, status, body, headers);
    };
    if (this.draining) {
      refuse('none', 503, { error: 'unavailable', message: 'server is shutting down' });
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://hearth.invalid');
    } catch {
      refuse('none', 400, { error: 'bad_request', message: 'bad request target' });
      return;
    }
    const match = this.router.match(url.pathname);
    if (match === undefined) {
      refuse('none', 404, { error: 'not_found', message: 'no app is mounted at this path' });
      return;
    }
    const host = match.entry;
    const appName = host.app.name;
    if (!this.origins.allows(request.headers.origin, request.headers.host)) {
      refuse(appName, 403, { error: 'forbidden', message: 'origin not allowed' });
      return;
    }
    const ip = clientAddress(request, this.config.server.trust_proxy);
    const slot = this.caps.tryAcquireIp(ip);
    if (slot.status !== 'ok') {
      if (slot.status === 'total') {
        refuse(appName, 503, { error: 'unavailable', message: 'server is at capacity' });
      } else {
        host.counters.rateLimitHits++;
        refuse(appName, 429, { error: 'too_many_connections', message: 'too many connections' });
      }
      return;
    }
    const upgrade: UpgradeRequest = {
      path: match.rest,
      query: url.searchParams,
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
    socket.once('close', slot.release);
    host.upgrade(request, socket, head, upgrade).catch((error: unknown) => {
      slot.release();
      if (isHearthError(error)) {
        const headers: Record<string, string> =
          error.retryAfterMs === undefined
            ? {}
            : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
        refuse(appName, error.httpStatus, error.toJSON(), headers);
        return;
      }
      this.logger.error({ err: error, app: appName }, 'upgrade failed');
      refuse(appName, 500, { error: 'internal_error', message: 'internal error' });
    });
  }
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
