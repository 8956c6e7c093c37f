// The options of a PresenceClient: defaults, validation (construction fails loudly on values the
// server would refuse anyway), and the room URL built for every connection attempt.

import { isValidId } from '../../protocol/presence/text-frames.ts';
import type { ReconnectingSocketOptions } from '../reconnecting-socket.ts';
import { RelayCodec, type PresenceCodec } from './codecs.ts';

export interface PresenceClientOptions {
  /** The presence endpoint without the room, e.g. `wss://host/presence/ws`. */
  readonly url: string;
  /** 1–128 letters, digits, `-`, `_`, `.`, `:`. */
  readonly roomId: string;
  /**
   * The client id to ask for. After the first hello the id the server assigned is asked for on
   * every reconnect, so the client keeps it (and, in protobuf mode, its pending messages).
   * @default a server-assigned UUID
   */
  readonly clientId?: string;
  /** The name shown to others (a token's `display_name`/`name` claim wins). At most 128. */
  readonly displayName?: string;
  /** Sent as `user_id`: with a token it must equal `sub`; anonymous clients are known by it. */
  readonly userId?: string;
  /**
   * A JWT, or a function called before every connection attempt (to refresh it). Relay mode
   * sends it as the `auth_token` query parameter (the only place a browser can put it); protobuf
   * mode in ClientHello.auth_token, so it stays out of URLs and logs.
   */
  readonly token?: string | (() => string | Promise<string>);
  /**
   * Relay (opaque frames, JSON control frames) or `new ProtobufCodec()` from ./protobuf.ts.
   * @default new RelayCodec()
   */
  readonly codec?: PresenceCodec;
  /**
   * Protobuf mode: at most one pose per entity leaves per interval, the newest (50 ms = 20 Hz).
   * @default 50
   */
  readonly poseIntervalMs?: number;
  /**
   * Protobuf mode: a reliable message not acknowledged this long after it was written is written
   * again on the same connection (the server drops frames over its rate limit unacknowledged).
   * @default 5000
   */
  readonly reliableRetryMs?: number;
  /**
   * Protobuf mode: unacknowledged reliable messages kept; beyond, sending one throws
   * `outbox-full`.
   * @default 1000
   */
  readonly maxPendingReliable?: number;
  /**
   * Protobuf mode: server message ids remembered to ignore resent messages.
   * @default 4096
   */
  readonly dedupeCapacity?: number;
  /** @default globalThis.WebSocket */
  readonly WebSocket?: typeof WebSocket;
  /** Reconnect behaviour and the relay-mode offline queue; see ReconnectingSocketOptions. */
  readonly socket?: Pick<
    ReconnectingSocketOptions,
    | 'backoff'
    | 'backOffMinDelayMs'
    | 'stableAfterMs'
    | 'connectTimeoutMs'
    | 'maxQueuedMessages'
    | 'maxQueuedBytes'
    | 'random'
  >;
}

export interface PresenceSettings {
  readonly poseIntervalMs: number;
  readonly reliableRetryMs: number;
  readonly maxPendingReliable: number;
  readonly dedupeCapacity: number;
}

export const DEFAULT_PRESENCE_CLIENT_OPTIONS: Readonly<PresenceSettings> = Object.freeze({
  poseIntervalMs: 50,
  reliableRetryMs: 5000,
  maxPendingReliable: 1000,
  dedupeCapacity: 4096,
});

/** The longest delay setTimeout honours; longer ones overflow and fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The server refuses longer display names (HTTP 400 / close 1008). */
const MAX_DISPLAY_NAME_LENGTH = 128;

export interface ResolvedPresenceOptions {
  readonly settings: PresenceSettings;
  readonly codec: PresenceCodec;
  /** The endpoint, resolved, with a ws:/wss: scheme and without a trailing slash. */
  readonly baseUrl: URL;
}

/** @throws RangeError for ids, names, URLs or numbers the server or the timers cannot take. */
export function resolvePresenceOptions(options: PresenceClientOptions): ResolvedPresenceOptions {
  if (!isValidId(options.roomId)) {
    throw new RangeError(`roomId must be 1-128 letters, digits, ".", "_", ":" or "-"`);
  }
  if (options.clientId !== undefined && !isValidId(options.clientId)) {
    throw new RangeError(`clientId must be 1-128 letters, digits, ".", "_", ":" or "-"`);
  }
  if ((options.displayName?.length ?? 0) > MAX_DISPLAY_NAME_LENGTH) {
    throw new RangeError(`displayName is at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
  }
  const defaults = DEFAULT_PRESENCE_CLIENT_OPTIONS;
  const settings: PresenceSettings = {
    poseIntervalMs: options.poseIntervalMs ?? defaults.poseIntervalMs,
    reliableRetryMs: options.reliableRetryMs ?? defaults.reliableRetryMs,
    maxPendingReliable: options.maxPendingReliable ?? defaults.maxPendingReliable,
    dedupeCapacity: options.dedupeCapacity ?? defaults.dedupeCapacity,
  };
  const { poseIntervalMs, reliableRetryMs, maxPendingReliable, dedupeCapacity } = settings;
  if (!(poseIntervalMs >= 0 && poseIntervalMs <= MAX_TIMER_MS)) {
    throw new RangeError(`poseIntervalMs must be between 0 and ${MAX_TIMER_MS}: ${poseIntervalMs}`);
  }
  if (!(reliableRetryMs > 0 && reliableRetryMs <= MAX_TIMER_MS)) {
    throw new RangeError(`reliableRetryMs must be in (0, ${MAX_TIMER_MS}]: ${reliableRetryMs}`);
  }
  for (const [name, value] of Object.entries({ maxPendingReliable, dedupeCapacity })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`${name} must be an integer >= 1: ${value}`);
    }
  }
  return { settings, codec: options.codec ?? new RelayCodec(), baseUrl: baseUrlOf(options.url) };
}

/** The room's URL with the given query parameters (empty values left out). */
export function roomUrl(
  baseUrl: URL,
  roomId: string,
  query: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(baseUrl.href);
  url.pathname = `${url.pathname}/${encodeURIComponent(roomId)}`;
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  return url.href;
}

/** The token for this attempt; a throwing token function fails the attempt (it is retried). */
export async function resolveToken(
  token: PresenceClientOptions['token'],
): Promise<string | undefined> {
  if (typeof token !== 'function') return token;
  const value = await token();
  if (typeof value !== 'string') throw new TypeError('the token function must return a string');
  return value;
}

function baseUrlOf(url: string): URL {
  let base: URL;
  try {
    // Relative to the page in browsers, as WebSocket resolves URLs.
    base = new URL(url, (globalThis as { location?: { href?: string } }).location?.href);
  } catch (cause) {
    throw new RangeError(`url is not a valid URL: ${url}`, { cause });
  }
  const schemes: Readonly<Record<string, string>> = {
    'ws:': 'ws:',
    'wss:': 'wss:',
    'http:': 'ws:',
    'https:': 'wss:',
  };
  const scheme = schemes[base.protocol];
  if (scheme === undefined) throw new RangeError(`url must be ws:, wss:, http: or https:: ${url}`);
  if (base.search !== '' || base.hash !== '') {
    throw new RangeError('url is the endpoint without the room, query or fragment');
  }
  base.protocol = scheme;
  base.pathname = base.pathname.replace(/\/+$/, '');
  return base;
}
