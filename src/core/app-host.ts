// Runs one app's WebSocket side: admits upgrades through the app, opens Connections, enforces
// deferred authentication (timeout, capped pre-auth bytes), the per-connection frame rate and
// the transport heartbeat, and delivers frames to the app one at a time per connection.

import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode } from '../protocol/close-codes.ts';
import { HearthError } from '../protocol/errors.ts';
import type { Admission, HearthApp, Identity, UpgradeRequest } from './app.ts';
import type { WebSocketSettings } from './config/schema.ts';
import { Connection, type ConnectionShared } from './connection.ts';
import type { AppCounters } from './observability/app-counters.ts';
import type { Logger } from './observability/logger.ts';
import type { HearthMetrics } from './observability/metrics.ts';
import type { PubSub } from './pubsub.ts';
import type { WriteScheduler } from './write-scheduler.ts';

/**
 * What each frame costs against `max_preauth_bytes` on top of its payload, so a flood of empty
 * frames (each one offered to `authenticate`) is capped too, not only large ones.
 */
const PREAUTH_FRAME_COST = 64;

/** Frames queued behind a slow async handler before the host stops reading the socket. */
const MAX_INBOX_FRAMES = 256;

/**
 * The Connection of a ws socket, set in `open`. The host's ws listeners are shared by all its
 * sockets (ws calls them with the socket as `this`) and find their connection here: four
 * closures per connection, kept for its whole life, were most of the core's memory per idle
 * connection beyond what ws itself holds (docs/benchmarks.md, finding 1).
 */
const CONNECTION = Symbol('hearth.connection');

type HostedSocket<State> = WebSocket & { [CONNECTION]: Connection<State> };

/** The ws listeners of one host, shared by all its sockets. */
interface SocketListeners {
  readonly pong: (this: WebSocket) => void;
  readonly error: (this: WebSocket, error: Error & { code?: string }) => void;
  readonly message: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  readonly close: (this: WebSocket, code: number, reason: Buffer) => void;
}

export interface AppHostDeps {
  readonly settings: WebSocketSettings;
  readonly metrics: HearthMetrics;
  readonly logger: Logger;
  readonly scheduler: WriteScheduler;
  readonly pubsub: PubSub;
  readonly nextConnectionId: () => string;
}

interface PendingAuth {
  readonly timer: NodeJS.Timeout;
  bytes: number;
  /** Frames that arrived while `authenticate` was still running. */
  backlog: [Buffer, boolean][] | undefined;
}

export class AppHost<State = unknown> {
  readonly app: HearthApp<State>;
  readonly settings: WebSocketSettings;
  readonly counters: AppCounters;
  readonly connections = new Set<Connection<State>>();
  private readonly deps: AppHostDeps;
  private readonly shared: ConnectionShared;
  private readonly wss: WebSocketServer;
  private readonly pendingAuth = new Map<Connection<State>, PendingAuth>();
  private readonly inbox = new Map<Connection<State>, [Buffer, boolean][]>();
  private readonly selectedProtocols = new WeakMap<IncomingMessage, string>();
  private readonly listeners: SocketListeners;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** Set by closeAll: upgrades still being admitted are refused (503) rather than opened. */
  private closing = false;

  constructor(app: HearthApp<State>, deps: AppHostDeps) {
    this.app = app;
    this.deps = deps;
    this.settings = deps.settings;
    this.counters = deps.metrics.countersFor(app.name);
    this.shared = {
      app: app.name,
      settings: deps.settings,
      counters: this.counters,
      scheduler: deps.scheduler,
      logger: deps.logger,
      beforeClose: app.beforeClose?.bind(app) as ConnectionShared['beforeClose'],
    };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: deps.settings.max_payload_bytes,
      // Compression is off: it costs CPU per recipient (no frame-once fan-out) and opens
      // decompression-bomb attacks. Clients that offer it are answered without it.
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (_offered, request) => this.selectedProtocols.get(request) ?? false,
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- read by the shared ws listeners
    const host = this;
    const connectionOf = (ws: WebSocket): Connection<State> =>
      (ws as HostedSocket<State>)[CONNECTION];
    this.listeners = {
      pong() {
        connectionOf(this).alive = true;
      },
      error(error) {
        // ws closes the socket itself (1009 for oversized frames, 1002 for protocol errors).
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') host.counters.oversizedFrames++;
        host.deps.logger.debug(
          { conn: connectionOf(this).id, app: host.app.name, err: error },
          'socket error',
        );
      },
      message(data, isBinary) {
        host.receive(connectionOf(this), data as Buffer, isBinary);
      },
      // ws emits 'close' once per socket, so `on` does what `once` would without its wrapper.
      close(code, reason) {
        host.closed(connectionOf(this), code, reason);
      },
    };
  }

  get prefix(): string {
    return this.app.prefix;
  }

  start(): void {
    this.heartbeatTimer = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, this.settings.heartbeat_interval_ms);
    this.heartbeatTimer.unref();
  }

  /**
   * Admission by the app, then the WebSocket handshake. Refusals are HearthErrors, thrown at once
   * when the app admits synchronously, else rejected by the returned promise. A synchronous
   * `admit` completes the handshake within the upgrade event: no promise, no microtask turn.
   */
  upgrade(
    request: IncomingMessage,
    socket: Socket,
    head: Buffer,
    upgrade: UpgradeRequest,
  ): Promise<void> | undefined {
    const admission = this.app.admit ? this.app.admit(upgrade) : { state: undefined as State };
    if (admission instanceof Promise) {
      return admission.then((admitted) => {
        this.handshake(request, socket, head, upgrade, admitted);
      });
    }
    this.handshake(request, socket, head, upgrade, admission);
    return undefined;
  }

  private handshake(
    request: IncomingMessage,
    socket: Socket,
    head: Buffer,
    upgrade: UpgradeRequest,
    admission: Admission<State>,
  ): void {
    if (socket.destroyed) return;
    // Drain began while the app was deciding: this connection would miss the drain's close.
    if (this.closing) throw new HearthError('unavailable', 'server is shutting down');
    if (admission.protocol !== undefined) {
      if (!upgrade.protocols.includes(admission.protocol)) {
        throw new HearthError('bad_request', 'subprotocol was not offered');
      }
      this.selectedProtocols.set(request, admission.protocol);
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.open(ws, socket, upgrade, admission);
    });
  }

  /** Close every connection with the given code; resolves when all are gone or at the deadline. */
  async closeAll(code: number, reason: string, deadline: number): Promise<void> {
    this.closing = true;
    for (const connection of this.connections) connection.close(code, reason);
    for (const connection of this.pendingAuth.keys()) connection.close(code, reason);
    while (this.connections.size + this.pendingAuth.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const connection of [...this.connections, ...this.pendingAuth.keys()]) {
      connection.terminate();
    }
  }

  /** Cut every connection, including those still authenticating (their timers go with them). */
  terminateAll(): void {
    this.closing = true;
    for (const connection of [...this.connections, ...this.pendingAuth.keys()]) {
      connection.terminate();
    }
    for (const pending of this.pendingAuth.values()) clearTimeout(pending.timer);
  }

  stop(): void {
    clearInterval(this.heartbeatTimer);
    this.wss.close();
  }

  private open(
    ws: WebSocket,
    socket: Socket,
    upgrade: UpgradeRequest,
    admission: Admission<State>,
  ): void {
    const connection = new Connection<State>(
      {
        id: this.deps.nextConnectionId(),
        ip: upgrade.ip,
        protocol: ws.protocol,
        identity: admission.identity,
        state: admission.state,
      },
      ws,
      socket,
      this.shared,
    );
    this.counters.connectionsTotal++;
    (ws as HostedSocket<State>)[CONNECTION] = connection;
    const { listeners } = this;
    ws.on('pong', listeners.pong);
    ws.on('error', listeners.error);
    ws.on('message', listeners.message);
    ws.on('close', listeners.close);

    if (admission.deferred === true && admission.identity === undefined) {
      const timer = setTimeout(() => {
        connection.close(CloseCode.AuthTimeout, 'authentication timeout');
      }, this.settings.auth_timeout_ms);
      this.pendingAuth.set(connection, { timer, bytes: 0, backlog: undefined });
    } else {
      this.markOpen(connection);
    }
  }

  /** Admitted with an identity, or authenticated: the app sees the connection from now on. */
  private markOpen(connection: Connection<State>): void {
    this.connections.add(connection);
    this.counters.connectionsActive++;
    this.callHook(connection, () => this.app.onOpen?.(connection));
  }

  private closed(connection: Connection<State>, code: number, reason: Buffer): void {
    const pending = this.pendingAuth.get(connection);
    if (pending) clearTimeout(pending.timer);
    this.pendingAuth.delete(connection);
    this.inbox.delete(connection);
    connection.disposed();
    // Only opened connections are in the set (not those that never authenticated).
    if (!this.connections.delete(connection)) return;
    this.counters.connectionsActive--;
    this.deps.pubsub.unsubscribeAll(connection);
    // When this server closed it (slow consumer, rate, drain), report the code it chose even
    // if the peer never completed the handshake.
    const closeCode = connection.closeCode ?? code;
    this.callHook(connection, () => this.app.onClose?.(connection, closeCode, reason.toString()));
  }

  private receive(connection: Connection<State>, data: Buffer, isBinary: boolean): void {
    // Once this server has decided to close the connection, late frames are not acted on.
    if (connection.closeCode !== undefined) return;
    connection.alive = true;
    this.counters.framesIn++;
    this.counters.bytesIn += data.length;
    const pending = this.pendingAuth.get(connection);
    if (pending) {
      this.receiveBeforeAuth(connection, pending, data, isBinary);
      return;
    }
    const retryAfterMs = connection.admitFrame(Date.now());
    if (retryAfterMs > 0) {
      this.app.onRateLimited?.(connection, retryAfterMs);
      return;
    }
    const queue = this.inbox.get(connection);
    if (queue !== undefined) {
      queue.push([data, isBinary]);
      if (queue.length === MAX_INBOX_FRAMES) connection.pauseReading();
      return;
    }
    this.handle(connection, data, isBinary);
  }

  private receiveBeforeAuth(
    connection: Connection<State>,
    pending: PendingAuth,
    data: Buffer,
    isBinary: boolean,
  ): void {
    pending.bytes += data.length + PREAUTH_FRAME_COST;
    if (pending.bytes > this.settings.max_preauth_bytes) {
      connection.close(CloseCode.PolicyViolation, 'too much data before authentication');
      return;
    }
    if (pending.backlog !== undefined) {
      pending.backlog.push([data, isBinary]);
      return;
    }
    const app = this.app;
    if (!app.authenticate) {
      connection.close(CloseCode.Unauthorized, 'authentication required');
      return;
    }
    pending.backlog = [];
    Promise.resolve()
      .then(() => app.authenticate?.(connection, data, isBinary))
      .then(
        (identity) => {
          this.authenticationSettled(connection, pending, identity);
        },
        (error: unknown) => {
          this.handlerFailed(connection, error);
        },
      );
  }

  private authenticationSettled(
    connection: Connection<State>,
    pending: PendingAuth,
    identity: Identity | undefined,
  ): void {
    if (!this.pendingAuth.has(connection) || connection.closeCode !== undefined) return;
    const backlog = pending.backlog ?? [];
    pending.backlog = undefined;
    if (identity === undefined) {
      // Not authenticated yet: offer the frames that waited to `authenticate`, in order.
      for (const [data, isBinary] of backlog) {
        pending.bytes -= data.length + PREAUTH_FRAME_COST;
        this.receiveBeforeAuth(connection, pending, data, isBinary);
      }
      return;
    }
    clearTimeout(pending.timer);
    this.pendingAuth.delete(connection);
    connection.identity = identity;
    this.markOpen(connection);
    for (const [data, isBinary] of backlog) this.receive(connection, data, isBinary);
  }

  /**
   * Runs the app's handler. When it is async, later frames wait in `backlog` (the connection's
   * inbox) until it settles, so every app sees a connection's frames one at a time, in order.
   */
  private handle(
    connection: Connection<State>,
    data: Buffer,
    isBinary: boolean,
    backlog: [Buffer, boolean][] = [],
  ): void {
    const started = performance.now();
    let result: Promise<void> | void;
    try {
      result = this.app.onMessage(connection, data, isBinary);
    } catch (error) {
      this.handlerFailed(connection, error);
      return;
    }
    if (!(result instanceof Promise)) {
      this.observeDuration(started);
      return;
    }
    this.inbox.set(connection, backlog);
    result.then(
      () => {
        this.observeDuration(started);
        this.handleBacklog(connection);
      },
      (error: unknown) => {
        this.handlerFailed(connection, error);
        this.handleBacklog(connection);
      },
    );
  }

  private handleBacklog(connection: Connection<State>): void {
    const backlog = this.inbox.get(connection);
    if (backlog === undefined) return;
    this.inbox.delete(connection);
    // Closed meanwhile (by the app or a refusal): the frames that waited are not acted on.
    if (connection.closeCode !== undefined) return;
    if (backlog.length >= MAX_INBOX_FRAMES) connection.resumeReading();
    for (let frame = backlog.shift(); frame !== undefined; frame = backlog.shift()) {
      this.handle(connection, frame[0], frame[1], backlog);
      if (this.inbox.has(connection)) return;
    }
  }

  private observeDuration(started: number): void {
    this.deps.metrics.handlerDuration.observe(
      { app: this.app.name },
      (performance.now() - started) / 1000,
    );
  }

  private callHook(connection: Connection<State>, hook: () => unknown): void {
    try {
      const result = hook();
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          this.handlerFailed(connection, error);
        });
      }
    } catch (error) {
      this.handlerFailed(connection, error);
    }
  }

  /** The backstop: refusals close with their code; anything else is logged and closes 1011. */
  private handlerFailed(connection: Connection<State>, error: unknown): void {
    if (error instanceof HearthError) {
      connection.close(error.closeCode, error.message);
      return;
    }
    this.counters.handlerErrors++;
    this.deps.logger.error(
      { conn: connection.id, app: this.app.name, err: error },
      'handler failed',
    );
    connection.close(CloseCode.InternalError, 'internal error');
  }
}
