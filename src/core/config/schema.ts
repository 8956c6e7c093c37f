// The one validated configuration schema for Hearth, with every default in one place.
// Sources are merged before validation (see load.ts); this module only says what is valid.
// Keys are snake_case because they are written by people in TOML/YAML files and env variables.

import { z } from 'zod';

const port = z.number().int().min(0).max(65535);
const positiveInt = z.number().int().positive();
/** Timer delays: Node turns anything above 2^31 − 1 ms into 1 ms, silently. */
const durationMs = positiveInt.max(2_147_483_647);

/** What each transport setting accepts (without defaults: see WEBSOCKET_DEFAULTS). */
const websocketFields = {
  /** Largest frame a client may send, in bytes; bigger → close 1009. @default 65536 */
  max_payload_bytes: positiveInt.max(64 * 1024 * 1024),
  /** Transport ping period; a peer that has not answered the previous ping is cut. @default 30000 */
  heartbeat_interval_ms: durationMs.min(100),
  /** Bytes queued for one client before reliable sends close it as a slow consumer. @default 1048576 */
  max_buffered_bytes: positiveInt,
  /** Bytes queued for one client past which volatile frames are dropped or coalesced. @default 65536 */
  volatile_buffered_bytes: positiveInt,
  /** Frames per second a client may send (token bucket refill). @default 100 */
  frames_per_second: positiveInt,
  /** Token bucket size: how many frames a client may send in one burst. @default 200 */
  frame_burst: positiveInt,
  /** Frames dropped in a row for rate before the connection is closed with 4429. @default 200 */
  rate_limit_close_after: positiveInt,
  /** Time allowed to authenticate when an app defers auth to a first message. @default 10000 */
  auth_timeout_ms: durationMs,
  /** Bytes a connection may send before it has authenticated. @default 65536 */
  max_preauth_bytes: positiveInt,
};

export const WEBSOCKET_DEFAULTS = {
  max_payload_bytes: 64 * 1024,
  heartbeat_interval_ms: 30_000,
  max_buffered_bytes: 1024 * 1024,
  volatile_buffered_bytes: 64 * 1024,
  frames_per_second: 100,
  frame_burst: 200,
  rate_limit_close_after: 200,
  auth_timeout_ms: 10_000,
  max_preauth_bytes: 64 * 1024,
} as const satisfies Record<keyof typeof websocketFields, number>;

/** Transport settings shared by every app (`websocket.*`), every key defaulted. */
export const websocketSchema = z
  .object({
    max_payload_bytes: websocketFields.max_payload_bytes.default(
      WEBSOCKET_DEFAULTS.max_payload_bytes,
    ),
    heartbeat_interval_ms: websocketFields.heartbeat_interval_ms.default(
      WEBSOCKET_DEFAULTS.heartbeat_interval_ms,
    ),
    max_buffered_bytes: websocketFields.max_buffered_bytes.default(
      WEBSOCKET_DEFAULTS.max_buffered_bytes,
    ),
    volatile_buffered_bytes: websocketFields.volatile_buffered_bytes.default(
      WEBSOCKET_DEFAULTS.volatile_buffered_bytes,
    ),
    frames_per_second: websocketFields.frames_per_second.default(
      WEBSOCKET_DEFAULTS.frames_per_second,
    ),
    frame_burst: websocketFields.frame_burst.default(WEBSOCKET_DEFAULTS.frame_burst),
    rate_limit_close_after: websocketFields.rate_limit_close_after.default(
      WEBSOCKET_DEFAULTS.rate_limit_close_after,
    ),
    auth_timeout_ms: websocketFields.auth_timeout_ms.default(WEBSOCKET_DEFAULTS.auth_timeout_ms),
    max_preauth_bytes: websocketFields.max_preauth_bytes.default(
      WEBSOCKET_DEFAULTS.max_preauth_bytes,
    ),
  })
  .strict();

/**
 * An app's overrides (`apps.<name>.websocket`): only the keys given. Built from the fields
 * without defaults: a partial of the defaulted schema would fill every absent key with its
 * default and so silently override the shared settings and the app's own.
 */
const websocketOverridesSchema = z.object(websocketFields).partial().strict();

export type WebSocketSettings = z.infer<typeof websocketSchema>;

/**
 * An absent section is parsed as `{}`, so every key in it takes its default. The apps' extra
 * keys must all have defaults for that; TypeScript cannot check it through the generics.
 */
const EMPTY_SECTION = {} as never;

/** Settings every app section has: `enabled`, `prefix` and websocket overrides. */
const appCommon = {
  /** Serve this app. @default true */
  enabled: z.boolean().default(true),
  /** Overrides of the shared websocket settings for this app. */
  websocket: websocketOverridesSchema.default({}),
};

const prefixSchema = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must be empty or start with "/" and not end with "/"');

/**
 * An app's config section (`apps.<name>`): the common settings, mounted at `defaultPrefix`
 * unless configured otherwise, plus the app's own keys.
 */
export function appSection<Extra extends z.ZodRawShape>(defaultPrefix: string, extra: Extra) {
  return z
    .object({ ...appCommon, prefix: prefixSchema.default(defaultPrefix), ...extra })
    .strict()
    .prefault(EMPTY_SECTION);
}

/** What the core reads of any app section. */
export interface AppSettings {
  readonly enabled: boolean;
  readonly prefix: string;
  readonly websocket: Partial<WebSocketSettings>;
}

const coreSections = {
  server: z
    .object({
      /** Address to listen on. Loopback by default: safe zero-config use. @default "127.0.0.1" */
      host: z.string().min(1).default('127.0.0.1'),
      /** Port to listen on (0 picks a free one). @default 8080 */
      port: port.default(8080),
      /** Origins allowed for HTTP (CORS) and upgrades. Empty = same origin only; "*" = any. @default [] */
      allowed_origins: z.array(z.string().min(1)).default([]),
      /** Trust X-Forwarded-For from a proxy in front of Hearth. @default false */
      trust_proxy: z.boolean().default(false),
      /** Time allowed for a client to send request headers (slow-loris guard). @default 10000 */
      headers_timeout_ms: durationMs.default(10_000),
      /** Maximum open WebSocket connections on this node. @default 10000 */
      max_connections: positiveInt.default(10_000),
      /** Maximum open WebSocket connections from one IP. @default 1000 */
      max_connections_per_ip: positiveInt.default(1000),
      /** Time given to a graceful drain before the process exits anyway. @default 10000 */
      drain_timeout_ms: durationMs.default(10_000),
      /** Close code used when draining: 1001 (going away) or 1012 (service restart). @default 1012 */
      drain_close_code: z.union([z.literal(1001), z.literal(1012)]).default(1012),
    })
    .strict()
    .prefault({}),
  websocket: websocketSchema.prefault({}),
  log: z
    .object({
      /** Lowest level written; can be changed at runtime via POST /admin/log-level. @default "info" */
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      /** "json" for machines, "pretty" for people. @default "json" */
      format: z.enum(['json', 'pretty']).default('json'),
      /** Also write the log to this file (JSON lines). */
      file: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  metrics: z
    .object({
      /** Serve Prometheus metrics at /metrics on the main port. @default true */
      enabled: z.boolean().default(true),
      /** Also serve /metrics on this separate port (e.g. 9091). */
      port: port.optional(),
      /** Address of the separate metrics port. @default "127.0.0.1" */
      host: z.string().min(1).default('127.0.0.1'),
    })
    .strict()
    .prefault({}),
  admin: z
    .object({
      /** Bearer token for /admin/* and other operator endpoints. Unset: loopback-only servers only. */
      token: z.string().min(16, 'must be at least 16 characters').optional(),
    })
    .strict()
    .prefault({}),
  web: z
    .object({
      /** Serve the web pages (/openlifter/, /chat/, /presence/, /admin/…). @default true */
      enabled: z.boolean().default(true),
    })
    .strict()
    .prefault({}),
  cluster: z
    .object({
      /** Redis for fan-out, presence and shared limits (e.g. "redis://:pw@host:6379/0"). Unset: a single node. */
      redis_url: z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
        .optional(),
      /** Prefix of every Redis key and pub/sub channel (several clusters can share one Redis). @default "hearth" */
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
        .default('hearth'),
      /** A node silent this long is dead: the others announce its members as left. @default 15000 */
      node_ttl_ms: durationMs.min(100).default(15_000),
      /** How often a node renews its heartbeat and looks for dead nodes (at most node_ttl_ms / 3). @default 3000 */
      heartbeat_interval_ms: durationMs.min(10).default(3000),
    })
    .strict()
    .refine((cluster) => cluster.heartbeat_interval_ms * 3 <= cluster.node_ttl_ms, {
      message: 'heartbeat_interval_ms must be at most a third of node_ttl_ms',
      path: ['heartbeat_interval_ms'],
    })
    .prefault({}),
  storage: z
    .object({
      /** Where embedded stores keep their files. @default "./data" */
      data_dir: z.string().min(1).default('./data'),
      /** PostgreSQL for the stores that support it (chat, OpenLifter), e.g. "postgres://user:pw@db:5432/hearth". Unset: embedded stores under data_dir. */
      postgres_url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
      /** Most PostgreSQL connections this node opens (shared by its stores). @default 10 */
      postgres_pool_size: positiveInt.max(1000).default(10),
      /** PostgreSQL schema the stores use (created if missing); unset: the server's search_path. */
      postgres_schema: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case unquoted identifier')
        .optional(),
    })
    .strict()
    .prefault({}),
};

/**
 * The whole configuration schema: the core's sections plus one section per app under `apps`.
 * Built by the composition root (src/config.ts), since the core does not know the apps.
 */
export function buildConfigSchema<Apps extends Record<string, z.ZodType<AppSettings>>>(apps: Apps) {
  return z
    .object({ ...coreSections, apps: z.object(apps).strict().prefault(EMPTY_SECTION) })
    .strict();
}

/** The configuration as the core sees it, whatever apps are mounted. */
export type CoreConfig = z.infer<z.ZodObject<typeof coreSections>> & {
  readonly apps: Readonly<Record<string, AppSettings>>;
};

/** Keys whose values are secrets: never printed, logged or returned. */
export const SECRET_KEY_PATTERN = /(token|secret|password|private_key)$/;

/** Settings of one app's connections: the shared websocket block with the app's overrides. */
export function websocketSettingsFor(
  config: CoreConfig,
  overrides: Partial<WebSocketSettings>,
): WebSocketSettings {
  return { ...config.websocket, ...overrides };
}
