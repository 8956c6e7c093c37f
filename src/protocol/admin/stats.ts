// The JSON of `GET /admin/stats` (operators only): one snapshot of a node and its apps. Shared by
// the route that writes it and the admin dashboard that reads it. Counts are totals since the
// node started; a reader derives rates from two snapshots and their `time_ms`.

/** Most rooms one app lists (the request's `rooms` parameter, default 20, caps lower). */
export const MAX_ADMIN_ROOMS = 100;

export interface AdminRoom {
  readonly id: string;
  /** A human name, when the app has one (chat room names). */
  readonly name?: string | undefined;
  /** One line more for the operator (room kind, connected locations…); never a secret. */
  readonly detail?: string | undefined;
  /** Live connections on this node. */
  readonly connections: number;
}

export interface AdminRooms {
  /** Rooms with at least one live connection on this node, listed or not. */
  readonly total: number;
  /** The busiest of them, most connections first (ties by id). */
  readonly rooms: readonly AdminRoom[];
}

export interface AppStats {
  readonly name: string;
  readonly prefix: string;
  readonly connections: { readonly active: number; readonly total: number };
  readonly frames: { readonly in: number; readonly out: number };
  readonly bytes: { readonly in: number; readonly out: number };
  /** Publishes through the shared pub/sub and the local deliveries they made (fan-out). */
  readonly fanout: { readonly publishes: number; readonly deliveries: number };
  readonly events: {
    readonly slow_consumer_closes: number;
    readonly rate_limited: number;
    /** null when the app keeps no `hearth_<app>_auth_failures_total` counter. */
    readonly auth_failures: number | null;
    readonly upgrades_refused: number;
    readonly heartbeat_timeouts: number;
    readonly oversized_frames: number;
    readonly handler_errors: number;
    readonly volatile_dropped: number;
  };
  /** null when the app has no rooms to show (no `adminRooms` hook) or listing them failed. */
  readonly rooms: AdminRooms | null;
  /** Why `rooms` is null when listing failed. */
  readonly rooms_error?: string;
}

export interface AdminStats {
  readonly node: {
    readonly id: string;
    readonly version: string;
    readonly started_at: string;
    readonly uptime_seconds: number;
  };
  /** Server clock when the snapshot was taken (epoch ms). */
  readonly time_ms: number;
  readonly process: { readonly rss_bytes: number; readonly heap_used_bytes: number };
  readonly apps: readonly AppStats[];
}

/** The levels `GET/POST /admin/log-level` knows, most severe first. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];
