// The plug-in interface between the core and an application: where it is mounted, its HTTP
// routes, how an upgrade is admitted (at once, or deferred to a first message), and what happens
// on open, on each frame and on close. Apps never see ws or the raw socket, only Connection.

import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Connection } from './connection.ts';
import type { WebSocketSettings } from './config/schema.ts';
import type { AdminCheck } from './http/admin-guard.ts';
import type { AdminRooms } from './observability/admin-rooms.ts';
import type { Logger } from './observability/logger.ts';
import type { AppCounters } from './observability/app-counters.ts';
import type { HearthMetrics } from './observability/metrics.ts';
import type { PubSub } from './pubsub.ts';
import type { PresenceRegistry } from './presence/presence-registry.ts';
import type { LimitStore } from './limits/rate-limit-store.ts';
import type { PostgresDatabase } from './storage/postgres.ts';

/** Who a connection speaks for, once authenticated. */
export interface Identity {
  readonly userId: string;
  readonly displayName?: string | undefined;
  /** Extra facts from the credential (JWT claims, session data). */
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
}

/** What an app sees of an upgrade request before the WebSocket exists. */
export interface UpgradeRequest {
  /** Path below the app's prefix, always starting with "/" (e.g. "/ws/room-1"). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly ip: string;
  /** Subprotocols the client offered, in its order. */
  readonly protocols: readonly string[];
  /** True when the server and this client are both on loopback. */
  readonly loopback: boolean;
}

/**
 * An app's answer to an upgrade. Refusals are thrown as HearthError (→ HTTP status).
 * `deferred` opens the socket unauthenticated; the app's `authenticate` is then called with
 * frames until it returns an identity, within `auth_timeout_ms` and `max_preauth_bytes`.
 */
export interface Admission<State> {
  readonly identity?: Identity | undefined;
  readonly deferred?: boolean;
  readonly state: State;
  /** Subprotocol to select (must be one the client offered). */
  readonly protocol?: string | undefined;
}

/** What the core hands an app when it starts. */
export interface AppContext {
  readonly name: string;
  readonly prefix: string;
  readonly logger: Logger;
  readonly metrics: HearthMetrics;
  readonly counters: AppCounters;
  readonly pubsub: PubSub;
  readonly presence: PresenceRegistry;
  /** Rate limits counted across the cluster when there is one (per node otherwise). */
  readonly limits: LimitStore;
  readonly settings: WebSocketSettings;
  readonly dataDir: string;
  /**
   * The node's shared PostgreSQL pool when `storage.postgres_url` is set (opened before apps
   * start, closed after they stop, part of /ready); undefined: use embedded stores.
   */
  readonly postgres?: PostgresDatabase | undefined;
  /** True when the server listens on loopback addresses only. */
  readonly loopbackOnly: boolean;
  /** Throws HearthError 401/403 unless a request may use operator endpoints (admin token). */
  readonly adminCheck: AdminCheck;
  /** Aborted when the server stops. */
  readonly signal: AbortSignal;
}

export interface HearthApp<State = unknown> {
  /** Short name used in logs, metrics and config (`apps.<name>`). */
  readonly name: string;
  /** Mount prefix ("" = root). Upgrades and routes under it belong to this app. */
  readonly prefix: string;
  /** Overrides of the shared websocket settings (max payload, rate, buffers…). */
  readonly websocket?: Partial<WebSocketSettings>;

  /** Open stores and timers. Called once before the server listens. */
  start?(context: AppContext): Promise<void> | void;
  /** Register HTTP routes; the instance is already scoped to the app's prefix. */
  routes?(http: FastifyInstance, context: AppContext): Promise<void> | void;
  /** Admit or refuse an upgrade (throw HearthError). Default: admit anonymously. */
  admit?(request: UpgradeRequest): Promise<Admission<State>> | Admission<State>;
  /** Deferred auth: called with each frame until it returns an identity. */
  authenticate?(
    connection: Connection<State>,
    data: Buffer,
    isBinary: boolean,
  ): Promise<Identity | undefined> | Identity | undefined;
  onOpen?(connection: Connection<State>): Promise<void> | void;
  /** Frames are delivered one at a time per connection, in order, even when this is async. */
  onMessage(connection: Connection<State>, data: Buffer, isBinary: boolean): Promise<void> | void;
  /**
   * The app's last frame before the server closes a connection on purpose (drain, rate limit,
   * auth failure or timeout, the app's own close): e.g. chat's `Disconnect{reason}`. Not called
   * when the connection is cut without a handshake (slow consumer, heartbeat timeout).
   */
  beforeClose?(connection: Connection<State>, code: number, reason: string): void;
  /** Called when a frame was dropped by the per-connection rate limit. */
  onRateLimited?(connection: Connection<State>, retryAfterMs: number): void;
  onClose?(connection: Connection<State>, code: number, reason: string): Promise<void> | void;
  /**
   * For operators (`GET /admin/stats`, the admin dashboard): this node's rooms (or meets…) that
   * have live connections, at most `limit` (≤ 100) of them, most connections first, and how many
   * there are in all (`busiestRooms` in observability/admin-rooms.ts does the picking). Names
   * and ids may be shown; passwords, tokens and message contents never. Called only after
   * `start`, and often (a dashboard polls every second): cost proportional to live connections.
   */
  adminRooms?(limit: number): Promise<AdminRooms> | AdminRooms;
  /** Readiness: throws or returns a problem description when the app cannot serve. */
  checkReady?(): Promise<string | undefined> | string | undefined;
  /** Flush and close stores. Called during drain, after connections were closed. */
  stop?(): Promise<void> | void;
}
