// The options of a ChatClient: defaults, validation (construction fails loudly on impossible
// values), and how the session token is resolved for each connection attempt.

import type { ReconnectingSocketOptions } from '../reconnecting-socket.ts';
import { normalizeMessageId } from './message-ids.ts';
import { MemoryChatPersistence, type ChatPersistence } from './persistence.ts';

export interface ChatClientOptions {
  /**
   * The chat endpoint, `ws://HOST:PORT/chat/ws` (`wss://` behind TLS), or a function called
   * before every connection attempt. The session token never goes into it: it is sent in the
   * first frame (`Auth`), so it stays out of proxy logs.
   */
  readonly url: string | (() => string | Promise<string>);
  /** The session token from login, or a function called before every attempt (to refresh it). */
  readonly sessionToken: string | (() => string | Promise<string>);
  /** @default globalThis.WebSocket */
  readonly WebSocket?: typeof WebSocket;
  /** Reconnect behaviour of the underlying socket; see ReconnectingSocketOptions. */
  readonly socket?: Pick<
    ReconnectingSocketOptions,
    'protocols' | 'backoff' | 'backOffMinDelayMs' | 'stableAfterMs' | 'connectTimeoutMs' | 'random'
  >;
  /**
   * Where to resume (the highest message id the app already has, e.g. from its own storage):
   * the first connection receives every later message of the user's rooms. The later of this
   * and the persisted one wins. null: a first connection (the latest messages of each room).
   * @default null
   */
  readonly lastSeenMessageId?: string | null;
  /**
   * Where the resume point and the unconfirmed outbox are kept between page loads; e.g. a
   * WebStorageChatPersistence. Only worth it when the app keeps the messages it was given too.
   * @default a MemoryChatPersistence (nothing survives the page)
   */
  readonly persistence?: ChatPersistence;
  /**
   * At most one TypingStart per room per this many ms, however often `typing()` is called.
   * Below the server's typing expiry (5 s), so a user who keeps typing stays shown as typing.
   * @default 3000
   */
  readonly typingThrottleMs?: number;
  /**
   * TypingStop once `typing()` has not been called in a room for this long.
   * @default 3000
   */
  readonly typingIdleMs?: number;
  /**
   * Another user's indicator ends locally this long after their last TypingStart, in case the
   * server's TypingStop is lost (it is volatile). Above the server's expiry (5 s).
   * @default 8000
   */
  readonly remoteTypingTimeoutMs?: number;
  /**
   * A Ping goes out this often while connected; 0 (here or in heartbeatTimeoutMs) turns the
   * heartbeat off.
   * @default 25000
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * A connection on which no frame at all arrived for this long is replaced (a half-open
   * connection looks open until then). More than heartbeatIntervalMs; 0: no heartbeat.
   * @default 60000
   */
  readonly heartbeatTimeoutMs?: number;
  /**
   * Messages written to the connection and not yet answered, at most; the rest wait in order.
   * Keeps a long offline outbox from tripping the server's frame-rate limit.
   * @default 10
   */
  readonly maxInFlight?: number;
  /**
   * Unconfirmed messages kept; beyond, `send` throws 'outbox-full'.
   * @default 1000
   */
  readonly maxOutbox?: number;
  /**
   * Delay before saving a moved resume point (outbox changes are saved on the next tick).
   * @default 200
   */
  readonly saveDelayMs?: number;
  /**
   * Message ids remembered to drop a message delivered twice.
   * @default 4096
   */
  readonly dedupeCapacity?: number;
}

export type ChatSettings = Required<
  Pick<
    ChatClientOptions,
    | 'typingThrottleMs'
    | 'typingIdleMs'
    | 'remoteTypingTimeoutMs'
    | 'heartbeatIntervalMs'
    | 'heartbeatTimeoutMs'
    | 'maxInFlight'
    | 'maxOutbox'
    | 'saveDelayMs'
    | 'dedupeCapacity'
  >
>;

export const DEFAULT_CHAT_CLIENT_OPTIONS: Readonly<ChatSettings> = Object.freeze({
  typingThrottleMs: 3000,
  typingIdleMs: 3000,
  remoteTypingTimeoutMs: 8000,
  heartbeatIntervalMs: 25_000,
  heartbeatTimeoutMs: 60_000,
  maxInFlight: 10,
  maxOutbox: 1000,
  saveDelayMs: 200,
  dedupeCapacity: 4096,
});

/** The longest delay setTimeout honours; longer ones overflow and fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ResolvedChatOptions {
  readonly settings: ChatSettings;
  readonly persistence: ChatPersistence;
  /** Normalised to 20 digits. */
  readonly lastSeenMessageId: string | null;
}

/**
 * @throws RangeError for a delay or count out of range, a heartbeat whose timeout does not
 *   exceed its interval, or a `lastSeenMessageId` that is not a message id; TypeError for a URL
 *   that cannot be parsed.
 */
export function resolveChatOptions(options: ChatClientOptions): ResolvedChatOptions {
  const defaults = DEFAULT_CHAT_CLIENT_OPTIONS;
  const settings: ChatSettings = {
    typingThrottleMs: options.typingThrottleMs ?? defaults.typingThrottleMs,
    typingIdleMs: options.typingIdleMs ?? defaults.typingIdleMs,
    remoteTypingTimeoutMs: options.remoteTypingTimeoutMs ?? defaults.remoteTypingTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? defaults.heartbeatTimeoutMs,
    maxInFlight: options.maxInFlight ?? defaults.maxInFlight,
    maxOutbox: options.maxOutbox ?? defaults.maxOutbox,
    saveDelayMs: options.saveDelayMs ?? defaults.saveDelayMs,
    dedupeCapacity: options.dedupeCapacity ?? defaults.dedupeCapacity,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!(Number.isInteger(value) && value >= 0 && value <= MAX_TIMER_MS)) {
      throw new RangeError(`${name} must be an integer between 0 and ${MAX_TIMER_MS}: ${value}`);
    }
  }
  for (const name of ['maxInFlight', 'maxOutbox', 'dedupeCapacity', 'typingIdleMs'] as const) {
    if (settings[name] === 0) throw new RangeError(`${name} must be more than 0`);
  }
  const { heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout } = settings;
  if (interval > 0 && timeout > 0 && timeout <= interval) {
    // The deadline would pass before the answer to a Ping could come back.
    throw new RangeError(
      `heartbeatTimeoutMs (${timeout}) must be more than heartbeatIntervalMs (${interval})`,
    );
  }
  // Fail now rather than retry an impossible URL forever (relative to the page, if any).
  if (typeof options.url === 'string') new URL(options.url, pageUrl());
  const given = options.lastSeenMessageId ?? null;
  const lastSeenMessageId = given === null ? null : normalizeMessageId(given);
  if (lastSeenMessageId === undefined) {
    throw new RangeError(`lastSeenMessageId is not a message id: ${String(given)}`);
  }
  return {
    settings,
    persistence: options.persistence ?? new MemoryChatPersistence(),
    lastSeenMessageId,
  };
}

/** The token for one connection attempt. */
export async function resolveSessionToken(
  token: ChatClientOptions['sessionToken'],
): Promise<string> {
  const value = typeof token === 'function' ? await token() : token;
  if (typeof value !== 'string' || value === '') throw new TypeError('no session token');
  return value;
}

/** The page's address in browsers, so relative URLs resolve as WebSocket resolves them. */
function pageUrl(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
