// One client's WebSocket as the apps see it: identity, app state, sending with a backpressure
// policy (reliable frames close a slow consumer; volatile frames are dropped or coalesced by
// key), the inbound frame-rate bucket, and an AbortSignal that ends whatever it started.
// Fields are kept few and lazily allocated: memory per idle connection is a target.

import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CloseCode } from '../protocol/close-codes.ts';
import type { Identity } from './app.ts';
import type { WebSocketSettings } from './config/schema.ts';
import type { Logger } from './observability/logger.ts';
import type { AppCounters } from './observability/app-counters.ts';
import { prepareFrame, type PreparedFrame } from './prepared-frame.ts';
import type { WriteScheduler } from './write-scheduler.ts';

/** What every connection of one app shares (one object, one pointer per connection). */
export interface ConnectionShared {
  readonly app: string;
  readonly settings: WebSocketSettings;
  readonly counters: AppCounters;
  readonly scheduler: WriteScheduler;
  readonly logger: Logger;
  /** The app's last word before any intentional close (e.g. a protocol's Disconnect frame). */
  readonly beforeClose?:
    ((connection: Connection, code: number, reason: string) => void) | undefined;
}

export interface SendOptions {
  /** Volatile frames may be dropped for a client that is not draining (positions, typing). */
  readonly volatile?: boolean;
  /** With `volatile`: keep only the newest frame per key while the client is not draining. */
  readonly key?: string;
}

const EMPTY = Buffer.alloc(0);

/** Grace before a closing socket that does not answer the close handshake is destroyed. */
const CLOSE_GRACE_MS = 2_000;

export class Connection<State = unknown> {
  readonly id: string;
  readonly ip: string;
  readonly connectedAt: number;
  /** Subprotocol selected at the upgrade ("" when none). */
  readonly protocol: string;
  identity: Identity | undefined;
  /** Owned by the app: whatever it needs per connection. */
  state: State;
  /** Set by the topic registry while the connection is subscribed to something. */
  topics: Set<string> | undefined;
  /** Set when the transport heartbeat saw a pong (or any frame) since the last ping. */
  alive = true;

  private readonly shared: ConnectionShared;
  private readonly ws: WebSocket;
  private readonly socket: Socket;
  /**
   * Frames queued this turn: the frame itself while there is one (no array per delivery, the
   * usual case of a fan-out), an array from the second on.
   */
  private pending: Buffer | Buffer[] | undefined;
  private pendingBytes = 0;
  private coalesced: Map<string, Buffer> | undefined;
  private releaseArmed = false;
  private bucketTokens: number;
  private bucketUpdatedAt: number;
  private droppedInRow = 0;
  private abortController: AbortController | undefined;
  private closeCodeSent: number | undefined;

  constructor(
    init: {
      id: string;
      ip: string;
      protocol: string;
      identity: Identity | undefined;
      state: State;
    },
    ws: WebSocket,
    socket: Socket,
    shared: ConnectionShared,
  ) {
    this.id = init.id;
    this.ip = init.ip;
    this.protocol = init.protocol;
    this.identity = init.identity;
    this.state = init.state;
    this.ws = ws;
    this.socket = socket;
    this.shared = shared;
    this.connectedAt = Date.now();
    this.bucketTokens = shared.settings.frame_burst;
    this.bucketUpdatedAt = this.connectedAt;
  }

  /** The close code this server closed the connection with (1006: terminated), if it did. */
  get closeCode(): number | undefined {
    return this.closeCodeSent;
  }

  get app(): string {
    return this.shared.app;
  }

  get isOpen(): boolean {
    return this.closeCodeSent === undefined && this.ws.readyState === 1;
  }

  /** Bytes accepted for this client and not yet handed to the kernel. */
  get bufferedAmount(): number {
    return this.socket.writableLength + this.pendingBytes;
  }

  /** Aborted when the connection closes: pass it to timers, fetches, subscriptions. */
  get signal(): AbortSignal {
    this.abortController ??= new AbortController();
    return this.abortController.signal;
  }

  /** Frame and queue one message (binary by default for bytes, text for strings). */
  send(data: string | Uint8Array, options?: SendOptions & { readonly binary?: boolean }): boolean {
    return this.sendFrame(prepareFrame(data, options?.binary ?? typeof data !== 'string'), options);
  }

  /** Queue a frame prepared once (publish) for this client, under the backpressure policy. */
  sendFrame(frame: PreparedFrame, options?: SendOptions): boolean {
    if (!this.isOpen) return false;
    const size = frame.bytes.length;
    const { settings, counters } = this.shared;
    if (options?.volatile === true) {
      if (this.bufferedAmount + size > settings.volatile_buffered_bytes) {
        // A frame that could never fit under the threshold is dropped, not kept waiting.
        if (options.key === undefined || size > settings.volatile_buffered_bytes) {
          counters.volatileDropped++;
          return false;
        }
        this.coalesce(options.key, frame.bytes);
        return true;
      }
    } else if (this.socket.writableLength > settings.max_buffered_bytes) {
      // Judged on what the client has failed to take from earlier turns, not on this turn's
      // queue: one frame larger than the cap, to a client that reads, is not a slow consumer.
      this.closeSlowConsumer();
      return false;
    }
    this.enqueue(frame.bytes);
    return true;
  }

  /** Write everything queued this turn in one go (cork/uncork → a single writev). */
  flush(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const bytes = this.pendingBytes;
    this.pendingBytes = 0;
    const socket = this.socket;
    // Once a close frame went out (the client closed first and ws answered), nothing may follow.
    if (this.ws.readyState !== 1 || socket.destroyed || socket.writableEnded) return;
    let frames = 1;
    if (Array.isArray(pending)) {
      frames = pending.length;
      socket.cork();
      for (const chunk of pending) socket.write(chunk);
      socket.uncork();
    } else {
      socket.write(pending);
    }
    const { counters } = this.shared;
    counters.framesOut += frames;
    counters.bytesOut += bytes;
    if (this.coalesced !== undefined) this.armRelease();
  }

  /**
   * Inbound frame-rate check (token bucket). Returns 0 when the frame is admitted, otherwise the
   * milliseconds until one would be; after too many drops in a row the connection is closed.
   */
  admitFrame(now: number): number {
    const { frames_per_second: rate, frame_burst: burst } = this.shared.settings;
    const elapsed = now - this.bucketUpdatedAt;
    if (elapsed > 0) {
      this.bucketTokens = Math.min(burst, this.bucketTokens + (elapsed * rate) / 1000);
      this.bucketUpdatedAt = now;
    }
    if (this.bucketTokens >= 1) {
      this.bucketTokens -= 1;
      this.droppedInRow = 0;
      return 0;
    }
    this.shared.counters.rateLimitHits++;
    this.droppedInRow++;
    if (this.droppedInRow > this.shared.settings.rate_limit_close_after) {
      this.close(CloseCode.RateLimited, 'rate limit exceeded');
    }
    return Math.ceil(((1 - this.bucketTokens) * 1000) / rate);
  }

  /** Stop reading from the client (TCP backpressure) while its frames are being processed. */
  pauseReading(): void {
    this.ws.pause();
  }

  resumeReading(): void {
    this.ws.resume();
  }

  /** Close with a code and reason; frames queued before the close are written first. */
  close(code: number = CloseCode.Normal, reason = ''): void {
    if (this.closeCodeSent !== undefined) return;
    if (this.shared.beforeClose !== undefined && this.isOpen) {
      try {
        this.shared.beforeClose(this, code, reason);
      } catch (error) {
        this.shared.logger.error(
          { err: error, conn: this.id, app: this.shared.app },
          'beforeClose failed',
        );
      }
    }
    this.closeCodeSent = code;
    this.flush();
    this.coalesced = undefined;
    if (this.ws.readyState === 0 || this.ws.readyState === 1) {
      this.ws.close(code, truncateReason(reason));
      setTimeout(() => {
        this.terminate();
      }, CLOSE_GRACE_MS).unref();
    }
  }

  /** Drop the TCP connection at once, without a close handshake. */
  terminate(): void {
    this.closeCodeSent ??= 1006;
    this.pending = undefined;
    this.pendingBytes = 0;
    this.coalesced = undefined;
    this.ws.terminate();
  }

  /** The transport heartbeat: ping, or terminate when the previous ping went unanswered. */
  heartbeat(): boolean {
    if (!this.alive) {
      this.shared.counters.heartbeatTimeouts++;
      this.terminate();
      return false;
    }
    this.alive = false;
    if (this.ws.readyState === 1) this.ws.ping();
    return true;
  }

  /** Called by the host once the socket is closed: ends everything the connection started. */
  disposed(): void {
    this.pending = undefined;
    this.pendingBytes = 0;
    this.coalesced = undefined;
    this.abortController?.abort();
  }

  private enqueue(bytes: Buffer): void {
    const pending = this.pending;
    if (pending === undefined) {
      this.pending = bytes;
      this.shared.scheduler.schedule(this);
    } else if (Array.isArray(pending)) {
      pending.push(bytes);
    } else {
      this.pending = [pending, bytes];
    }
    this.pendingBytes += bytes.length;
  }

  private coalesce(key: string, bytes: Buffer): void {
    this.coalesced ??= new Map();
    // With frames still pending this turn, flush() arms the release once they are written.
    if (this.pending === undefined) this.armRelease();
    if (this.coalesced.has(key)) this.shared.counters.volatileCoalesced++;
    // Delete first so that re-inserting moves the key to the end: newest frames go out last.
    this.coalesced.delete(key);
    this.coalesced.set(key, bytes);
  }

  /**
   * Send the coalesced frames once the socket has written what it holds. 'drain' only fires
   * after a write went past the socket's high-water mark, so below it an empty write's
   * callback (run once everything before it reached the kernel) does the waiting instead.
   */
  private armRelease(): void {
    if (this.socket.destroyed) {
      this.coalesced = undefined;
      return;
    }
    if (this.releaseArmed) return;
    this.releaseArmed = true;
    const release = (): void => {
      this.releaseArmed = false;
      this.releaseCoalesced();
    };
    if (this.socket.writableNeedDrain) this.socket.once('drain', release);
    else if (this.socket.writableLength > 0) this.socket.write(EMPTY, release);
    else queueMicrotask(release);
  }

  /** The socket has written what it held: the newest frame of each key goes out now. */
  private releaseCoalesced(): void {
    const frames = this.coalesced;
    this.coalesced = undefined;
    if (frames === undefined || !this.isOpen || this.socket.destroyed) return;
    for (const bytes of frames.values()) this.enqueue(bytes);
  }

  private closeSlowConsumer(): void {
    this.shared.counters.slowConsumerDisconnects++;
    this.shared.logger.warn(
      { conn: this.id, app: this.shared.app, buffered: this.bufferedAmount },
      'closing slow consumer',
    );
    // The client is not reading, so a close frame would wait behind everything buffered:
    // queue it anyway (a client that recovers will see 4429), and cut the TCP connection soon.
    this.closeCodeSent = CloseCode.RateLimited;
    this.pending = undefined;
    this.pendingBytes = 0;
    this.coalesced = undefined;
    this.ws.close(CloseCode.RateLimited, 'slow consumer');
    setTimeout(() => {
      this.ws.terminate();
    }, CLOSE_GRACE_MS).unref();
  }
}

/** Close reasons are limited to 123 bytes by the protocol. */
function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= 123 ? reason : bytes.subarray(0, 120).toString('utf8');
}
