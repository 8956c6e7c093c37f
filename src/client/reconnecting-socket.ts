// The client SDK's transport: one logical connection carried by a succession of WebSockets. It owns
// reconnection (backoff, close-code policy, the browser's `online` and `offline` events), when the
// offline send queue fills and drains, and the app-level heartbeat. Standard web APIs only
// (browsers, Node 24).

import { BACK_OFF_CLOSE_CODES, TERMINAL_CLOSE_CODES } from '../protocol/close-codes.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import {
  SocketCloseEvent,
  SocketDropEvent,
  SocketErrorEvent,
  SocketMessageEvent,
  SocketReconnectingEvent,
  SocketStateChangeEvent,
  type IncomingData,
  type ReconnectingSocketEventMap,
  type SocketErrorKind,
  type SocketState,
} from './reconnecting-socket-events.ts';
import { SendQueue, byteLength, snapshot, type OutgoingData } from './send-queue.ts';
import { TypedEventTarget } from './typed-event-target.ts';

// Part of this module's API since before the split: app code imports them from here.
export {
  SocketCloseEvent,
  SocketDropEvent,
  SocketErrorEvent,
  SocketMessageEvent,
  SocketReconnectingEvent,
  SocketStateChangeEvent,
} from './reconnecting-socket-events.ts';
export type {
  IncomingData,
  ReconnectingSocketEventMap,
  SocketErrorKind,
  SocketState,
} from './reconnecting-socket-events.ts';
export type { OutgoingData } from './send-queue.ts';

export interface HeartbeatOptions {
  /** Time between two pings while open, in milliseconds. */
  readonly intervalMs: number;
  /** Silence (no frame of any kind) after which the connection is declared dead; > intervalMs. */
  readonly timeoutMs: number;
  /** Builds the application's ping frame. Pings go out with `sendNow`: never queued. */
  readonly ping: () => OutgoingData;
  /** Recognises the server's answer, which then counts as liveness and is not a `message`. */
  readonly isPong?: (data: IncomingData) => boolean;
}

export interface ReconnectingSocketOptions {
  /** The endpoint, or a function called before every attempt (fresh token, `last_seen_id`). */
  readonly url: string | (() => string | Promise<string>);
  /** WebSocket subprotocols, offered on every attempt. */
  readonly protocols?: string | string[];
  /**
   * The WebSocket implementation, for tests and runtimes without a global one.
   * @default globalThis.WebSocket
   */
  readonly WebSocket?: typeof WebSocket;
  /** Reconnect delays; see `BackoffOptions` for the defaults. */
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * Minimum delay after a close code in BACK_OFF_CLOSE_CODES (overloaded, restarting, rate limited).
   * @default 2000
   */
  readonly backOffMinDelayMs?: number;
  /**
   * How long a connection must stay open before the backoff attempt counter resets. 0: at open.
   * @default 5000
   */
  readonly stableAfterMs?: number;
  /**
   * Abandon an attempt (URL function included) that has not opened after this long.
   * @default 10000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Cap on messages waiting in the offline queue; beyond it `send` refuses.
   * @default 1000
   */
  readonly maxQueuedMessages?: number;
  /**
   * Cap on bytes (UTF-8 for text) waiting in the offline queue; beyond it `send` refuses.
   * @default 1048576
   */
  readonly maxQueuedBytes?: number;
  /**
   * Flush the queue right after the `open` listeners ran. false: hold it until `flushQueue()`.
   * @default true
   */
  readonly autoFlush?: boolean;
  /** Application-level ping/pong (browsers cannot send WebSocket pings). Off when absent. */
  readonly heartbeat?: HeartbeatOptions;
  /**
   * Source of jitter, for deterministic tests.
   * @default Math.random
   */
  readonly random?: () => number;
}

type Settings = Required<
  Pick<
    ReconnectingSocketOptions,
    | 'backOffMinDelayMs'
    | 'stableAfterMs'
    | 'connectTimeoutMs'
    | 'maxQueuedMessages'
    | 'maxQueuedBytes'
    | 'autoFlush'
  >
>;

export const DEFAULT_RECONNECTING_SOCKET_OPTIONS: Settings = Object.freeze({
  backOffMinDelayMs: 2000,
  stableAfterMs: 5000,
  connectTimeoutMs: 10_000,
  maxQueuedMessages: 1000,
  maxQueuedBytes: 1024 * 1024,
  autoFlush: true,
});

type Timer = ReturnType<typeof setTimeout>;
type GlobalEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** WebSocket.OPEN, fixed by the spec, so any injected implementation compares equal. */
const WS_OPEN = 1;
/** The longest delay setTimeout honours; longer ones overflow and fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Reported, never sent: the connection ended without a close frame (spec code 1006). */
const ABNORMAL_CLOSURE = 1006;

/**
 * A WebSocket that reconnects. `send` goes out at once while open and is queued otherwise (bounded;
 * refused with a `drop` event beyond the caps); a `send` never overtakes a queued message.
 *
 * On every (re)connection the `open` listeners run first and the queue is flushed after them, so
 * a client can authenticate first: frames sent with `sendNow` from an `open` listener precede the
 * queue. With `autoFlush: false` the queue (and every `send`) is held until `flushQueue()`, for
 * servers that must finish authenticating before they accept anything else.
 *
 * A close code in TERMINAL_CLOSE_CODES, or `close()`, ends it (state 'closed'); `reconnect()`
 * starts it again. Delivery is at most once: a frame handed to a socket that then dies is lost,
 * so apps that need more acknowledge and resend.
 */
export class ReconnectingSocket extends TypedEventTarget<ReconnectingSocketEventMap> {
  readonly #url: string | (() => string | Promise<string>);
  readonly #protocols: string | string[] | undefined;
  readonly #WebSocket: typeof WebSocket;
  readonly #backoff: Backoff;
  readonly #settings: Settings;
  readonly #heartbeat: HeartbeatOptions | undefined;
  readonly #random: () => number;
  readonly #globalEvents: GlobalEvents | undefined;

  #state: SocketState = 'connecting';
  #socket: WebSocket | undefined;
  /** Bumped whenever the current attempt is abandoned, so late callbacks of older ones do nothing. */
  #epoch = 0;
  /** Retries since the last stable connection. */
  #attempt = 0;
  #held = false;
  readonly #queue: SendQueue;
  #lastHeardAt = 0;
  #reconnectTimer: Timer | undefined;
  #connectTimer: Timer | undefined;
  #stableTimer: Timer | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #livenessTimer: Timer | undefined;

  constructor(options: ReconnectingSocketOptions) {
    super();
    const defaults = DEFAULT_RECONNECTING_SOCKET_OPTIONS;
    const settings = {
      backOffMinDelayMs: options.backOffMinDelayMs ?? defaults.backOffMinDelayMs,
      stableAfterMs: options.stableAfterMs ?? defaults.stableAfterMs,
      connectTimeoutMs: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
      maxQueuedMessages: options.maxQueuedMessages ?? defaults.maxQueuedMessages,
      maxQueuedBytes: options.maxQueuedBytes ?? defaults.maxQueuedBytes,
      autoFlush: options.autoFlush ?? defaults.autoFlush,
    };
    validate(settings, options.heartbeat);
    // Fail loudly now rather than retry an impossible URL forever (relative to the page, if any).
    if (typeof options.url === 'string') new URL(options.url, pageUrl());
    const Impl = options.WebSocket ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (Impl === undefined) throw new TypeError('no WebSocket implementation: pass one in options');
    this.#url = options.url;
    this.#protocols = options.protocols;
    this.#WebSocket = Impl;
    this.#backoff = new Backoff(options.backoff);
    this.#settings = settings;
    this.#queue = new SendQueue({
      maxMessages: settings.maxQueuedMessages,
      maxBytes: settings.maxQueuedBytes,
    });
    this.#heartbeat = options.heartbeat;
    this.#random = options.random ?? Math.random;
    this.#globalEvents = globalEventTarget();
    this.#globalEvents?.addEventListener('online', this.#onOnline);
    this.#globalEvents?.addEventListener('offline', this.#onOffline);
    this.#connect();
  }

  get state(): SocketState {
    return this.#state;
  }

  /** Bytes the current WebSocket has not yet written to the network (not the offline queue). */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  get queuedMessages(): number {
    return this.#queue.size;
  }

  get queuedBytes(): number {
    return this.#queue.bytes;
  }

  /** Sends now if open and nothing is queued or held, else queues. false: refused (`drop` event). */
  send(data: OutgoingData): boolean {
    if (this.#state === 'closed') {
      this.dispatchEvent(new SocketDropEvent('closed', [data]));
      return false;
    }
    if (this.#queue.size === 0 && !this.#held && this.sendNow(data)) return true;
    // The queue copies binary data as WebSocket.send would: the caller may reuse its buffer.
    if (this.#queue.push(data)) return true;
    this.dispatchEvent(new SocketDropEvent('queue-full', [data]));
    return false;
  }

  /** Sends on the current connection only, bypassing the queue (auth, pings). false: not open. */
  sendNow(data: OutgoingData): boolean {
    const socket = this.#socket;
    // A socket already closing would swallow the frame silently; report it unsent instead.
    if (this.#state !== 'open' || socket?.readyState !== WS_OPEN) return false;
    socket.send(sendable(data));
    return true;
  }

  /** Releases the held queue (autoFlush: false) and sends it in order. false: not open. */
  flushQueue(): boolean {
    if (this.#state !== 'open') return false;
    this.#held = false;
    this.#flush();
    return true;
  }

  /** Retries now instead of waiting out the delay; also restarts a closed socket. */
  reconnect(): void {
    if (this.#state === 'reconnecting') {
      this.#connect();
    } else if (this.#state === 'closed') {
      this.#attempt = 0;
      this.#globalEvents?.addEventListener('online', this.#onOnline);
      this.#globalEvents?.addEventListener('offline', this.#onOffline);
      this.#connect();
    }
  }

  /** Closes for good: no more reconnects; queued messages are dropped (`drop` event). */
  close(code?: number, reason?: string): void {
    if (
      code !== undefined &&
      code !== 1000 &&
      !(Number.isInteger(code) && code >= 3000 && code <= 4999)
    ) {
      throw new RangeError(`close code must be 1000 or in 3000-4999: ${code}`);
    }
    if (reason !== undefined && byteLength(reason) > 123) {
      throw new RangeError('close reason must be at most 123 UTF-8 bytes');
    }
    if (this.#state === 'closed') return;
    const socket = this.#abandon(code, reason);
    this.#shutDown();
    if (socket !== undefined) {
      this.dispatchEvent(new SocketCloseEvent(code ?? 1005, reason ?? '', false));
    }
    this.#finishClosed();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  readonly #onOnline = (): void => {
    // Only a waiting socket gains from it: an open one is checked by the heartbeat.
    if (this.#state === 'reconnecting') this.reconnect();
  };

  readonly #onOffline = (): void => {
    // The browser lost its network. It keeps a WebSocket "open" meanwhile, holding whatever is
    // sent on it, so the app would believe it is online until the heartbeat noticed. Drop the
    // connection now; the backoff retries and the `online` event reconnects at once.
    if (this.#state === 'open' || this.#state === 'connecting') {
      this.#lost(ABNORMAL_CLOSURE, 'browser offline');
    }
  };

  #connect(): void {
    clearTimeout(this.#reconnectTimer);
    const epoch = ++this.#epoch;
    this.#setState('connecting');
    const { connectTimeoutMs } = this.#settings;
    this.#connectTimer = setTimeout(() => {
      const error = new Error(`not open after ${connectTimeoutMs} ms`);
      this.#lost(ABNORMAL_CLOSURE, 'connect timeout', 'connect-timeout', error);
    }, connectTimeoutMs);
    void this.#open(epoch);
  }

  async #open(epoch: number): Promise<void> {
    let socket: WebSocket;
    try {
      // Yield first: nothing, not even a throwing URL function, may fire before listeners attach.
      await Promise.resolve();
      if (epoch !== this.#epoch) return;
      const url = typeof this.#url === 'string' ? this.#url : await this.#url();
      if (epoch !== this.#epoch) return;
      socket = new this.#WebSocket(url, this.#protocols);
    } catch (error) {
      if (epoch === this.#epoch) this.#lost(ABNORMAL_CLOSURE, 'bad url', 'url', error);
      return;
    }
    this.#socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.#opened();
    };
    socket.onmessage = (event) => {
      this.#received(event.data as unknown);
    };
    socket.onerror = (event) => {
      const error = (event as Partial<{ error: unknown }>).error;
      this.dispatchEvent(new SocketErrorEvent('socket', error ?? new Error('WebSocket error')));
    };
    socket.onclose = (event) => {
      this.#lost(event.code, event.reason);
    };
  }

  #opened(): void {
    clearTimeout(this.#connectTimer);
    const epoch = this.#epoch;
    this.#held = !this.#settings.autoFlush;
    if (this.#settings.stableAfterMs === 0) this.#attempt = 0;
    else {
      this.#stableTimer = setTimeout(() => {
        this.#attempt = 0;
      }, this.#settings.stableAfterMs);
    }
    this.#startHeartbeat();
    this.#setState('open');
    // Each step re-checks the epoch: a listener may have closed or restarted the socket.
    if (epoch === this.#epoch) this.dispatchEvent(new Event('open'));
    if (epoch === this.#epoch && !this.#held) this.#flush();
  }

  #received(raw: unknown): void {
    this.#lastHeardAt = performance.now();
    let data: IncomingData;
    if (typeof raw === 'string' || raw instanceof ArrayBuffer) data = raw;
    else if (ArrayBuffer.isView(raw)) data = snapshot(raw);
    else {
      this.dispatchEvent(new SocketErrorEvent('unsupported-data', new TypeError('not text/bytes')));
      return;
    }
    if (this.#heartbeat?.isPong?.(data) === true) return;
    this.dispatchEvent(new SocketMessageEvent(data));
  }

  #startHeartbeat(): void {
    const heartbeat = this.#heartbeat;
    if (heartbeat === undefined) return;
    this.#lastHeardAt = performance.now();
    this.#pingTimer = setInterval(() => {
      this.sendNow(heartbeat.ping());
    }, heartbeat.intervalMs);
    this.#armLiveness(heartbeat.timeoutMs);
  }

  // One timer re-armed for the remaining silence, rather than reset on each of 60 frames a second.
  #armLiveness(delayMs: number): void {
    this.#livenessTimer = setTimeout(() => {
      const timeoutMs = this.#heartbeat?.timeoutMs ?? 0;
      const silentMs = performance.now() - this.#lastHeardAt;
      if (silentMs < timeoutMs) {
        this.#armLiveness(timeoutMs - silentMs);
        return;
      }
      const error = new Error(`nothing received for ${Math.round(silentMs)} ms`);
      this.#lost(ABNORMAL_CLOSURE, 'heartbeat timeout', 'heartbeat-timeout', error);
    }, delayMs);
  }

  /** The current attempt or connection ended: report it, then retry or stop. */
  #lost(code: number, reason: string, kind?: SocketErrorKind, error?: unknown): void {
    const socket = this.#abandon();
    const terminal = TERMINAL_CLOSE_CODES.has(code);
    let delayMs = 0;
    if (terminal) this.#shutDown();
    else {
      const attempt = this.#attempt++;
      delayMs = BACK_OFF_CLOSE_CODES.has(code)
        ? this.#backoff.delayWithFloor(attempt, this.#settings.backOffMinDelayMs, this.#random)
        : this.#backoff.delayFor(attempt, this.#random);
      delayMs = Math.min(delayMs, MAX_TIMER_MS);
      this.#reconnectTimer = setTimeout(() => {
        this.#connect();
      }, delayMs);
      // Set silently so listeners below read the new state; `statechange` follows them.
      this.#state = 'reconnecting';
    }
    const epoch = this.#epoch;
    if (kind !== undefined) this.dispatchEvent(new SocketErrorEvent(kind, error));
    if (socket !== undefined) this.dispatchEvent(new SocketCloseEvent(code, reason, !terminal));
    // Each step re-checks: a listener may have called close() or reconnect() meanwhile.
    if (epoch !== this.#epoch) return;
    if (terminal) {
      if (this.#state === 'closed') this.#finishClosed();
      return;
    }
    this.dispatchEvent(new SocketStateChangeEvent('reconnecting'));
    if (epoch === this.#epoch && this.#state === 'reconnecting') {
      this.dispatchEvent(new SocketReconnectingEvent(this.#attempt, delayMs));
    }
  }

  /** Detaches from the current WebSocket and stops its timers; returns it if there was one. */
  #abandon(code?: number, reason?: string): WebSocket | undefined {
    this.#epoch++;
    for (const timer of [this.#connectTimer, this.#stableTimer, this.#livenessTimer]) {
      clearTimeout(timer);
    }
    clearInterval(this.#pingTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket === undefined) return undefined;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    // Do not wait for a closing handshake: on a dead network it can take minutes.
    if (socket.readyState <= WS_OPEN) socket.close(code, reason);
    return socket;
  }

  #shutDown(): void {
    clearTimeout(this.#reconnectTimer);
    this.#globalEvents?.removeEventListener('online', this.#onOnline);
    this.#globalEvents?.removeEventListener('offline', this.#onOffline);
    this.#state = 'closed';
  }

  #finishClosed(): void {
    this.dispatchEvent(new SocketStateChangeEvent('closed'));
    if (this.#state !== 'closed' || this.#queue.size === 0) return;
    const dropped = this.#queue.clear();
    this.dispatchEvent(new SocketDropEvent('closed', dropped));
  }

  #flush(): void {
    const socket = this.#socket;
    while (socket?.readyState === WS_OPEN && this.#socket === socket) {
      const message = this.#queue.shift();
      if (message === undefined) return;
      socket.send(sendable(message));
    }
  }

  #setState(state: SocketState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new SocketStateChangeEvent(state));
  }
}

function validate(settings: Settings, heartbeat: HeartbeatOptions | undefined): void {
  const { autoFlush: _autoFlush, maxQueuedMessages, maxQueuedBytes, ...delays } = settings;
  for (const [name, value] of Object.entries({ maxQueuedMessages, maxQueuedBytes })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a finite number >= 0: ${value}`);
    }
  }
  const { intervalMs = 1, timeoutMs = 2 } = heartbeat ?? {};
  for (const [name, value] of Object.entries({ ...delays, intervalMs, timeoutMs })) {
    // Timers overflow past 2^31 - 1 ms and fire at once: refuse rather than spin.
    if (!(value >= 0 && value <= MAX_TIMER_MS)) {
      throw new RangeError(`${name} must be between 0 and ${MAX_TIMER_MS} ms: ${value}`);
    }
  }
  if (settings.connectTimeoutMs === 0) throw new RangeError('connectTimeoutMs must be > 0');
  if (!(intervalMs > 0 && timeoutMs > intervalMs)) {
    // A deadline no longer than the ping interval would expire before a pong could come back.
    throw new RangeError('heartbeat needs 0 < intervalMs < timeoutMs');
  }
}

/** The page's address in browsers, so relative socket URLs resolve as WebSocket resolves them. */
function pageUrl(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}

/** `window` in browsers; undefined in Node, which has no `online` event. */
function globalEventTarget(): GlobalEvents | undefined {
  const target = globalThis as Partial<GlobalEvents>;
  return typeof target.addEventListener === 'function' &&
    typeof target.removeEventListener === 'function'
    ? (target as GlobalEvents)
    : undefined;
}

/**
 * The DOM typings accept only views of a plain ArrayBuffer; every view Hearth sends is one (the
 * send queue copies, encoders allocate fresh), never a SharedArrayBuffer view.
 */
function sendable(data: OutgoingData): string | ArrayBuffer | ArrayBufferView<ArrayBuffer> {
  return data as string | ArrayBuffer | ArrayBufferView<ArrayBuffer>;
}
