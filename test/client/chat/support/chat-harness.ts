// Test support for the chat client SDK: the real chat server (from the app's own fixtures), a
// network whose WebSocket can be cut (connections then go to a port nobody listens on), can drop
// chosen incoming frames and records every frame the client sends, clients wired to it, a
// buffered event log whose `next` never misses an event dispatched before it was called, and
// the server's truth read back over the HTTP paging API.

import assert from 'node:assert/strict';
import {
  ChatClient,
  type ChatClientEventMap,
  type ChatClientOptions,
} from '../../../../src/client/chat/index.ts';
import type { WireMessage } from '../../../../src/protocol/chat/messages.ts';
import type { TestServer } from '../../../support/test-server.ts';
import { waitUntil } from '../../../support/ws-client.ts';
import { Api, type User } from '../../../apps/chat/support/chat-server.ts';

export {
  addUser,
  Api,
  createRoom,
  setupAdmin,
  startChatServer,
  type User,
} from '../../../apps/chat/support/chat-server.ts';
export { waitUntil };

/** Nothing listens on port 1: a connection attempt is refused at once, as on a dead network. */
const UNREACHABLE = 'ws://127.0.0.1:1/';

type SocketData = string | ArrayBufferLike | Blob | ArrayBufferView;

/** A client frame as the network saw it. */
export interface SentFrame {
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

/**
 * One device's network. `cut()` closes its connections and makes new ones fail until
 * `restore()`; `drop()` closes the open connections only (the next attempt works). Records
 * every frame the client sends; `dropIncoming` loses chosen frames before the client sees them.
 */
export class Network {
  readonly WebSocket: typeof WebSocket;
  /** Every text frame the client sent, parsed, in order. */
  readonly sent: SentFrame[] = [];
  /** Incoming text frames for which this returns true never reach the client. */
  dropIncoming: ((frame: SentFrame) => boolean) | undefined;
  /** Every text frame that arrived from the server, parsed, in order (dropped ones too). */
  readonly received: SentFrame[] = [];
  /** Called after each frame the client sends (it may cut the connection right there). */
  afterSend: ((frame: SentFrame) => void) | undefined;
  /**
   * Called before each frame the client sends; a promise holds that frame (and every later one
   * on the same connection, in order) until it settles.
   */
  gate: ((frame: SentFrame) => Promise<unknown> | undefined) | undefined;
  /** The URL of every WebSocket the client created (failed attempts included). */
  readonly urls: string[] = [];
  #down = false;
  readonly #live = new Set<WebSocket>();
  readonly #stalled = new WeakSet<WebSocket>();

  constructor() {
    // Arrow functions keep this Network's `this` inside the socket class below.
    const target = (url: string | URL): string | URL => (this.#down ? UNREACHABLE : url);
    const track = (socket: WebSocket, url: string | URL): void => {
      this.urls.push(String(url));
      this.#live.add(socket);
      socket.addEventListener('close', () => this.#live.delete(socket));
    };
    const dropped = (text: string): boolean => {
      const frame = JSON.parse(text) as SentFrame;
      this.received.push(frame);
      return this.dropIncoming?.(frame) ?? false;
    };
    const record = (frame: SentFrame): void => {
      this.sent.push(frame);
    };
    const after = (frame: SentFrame): void => {
      this.afterSend?.(frame);
    };
    const gate = (frame: SentFrame) => this.gate?.(frame);
    const stalled = (socket: WebSocket): boolean => this.#stalled.has(socket);
    this.WebSocket = class CuttableWebSocket extends globalThis.WebSocket {
      /** Frames held by the gate; later ones wait behind them to keep the order. */
      #held: Promise<unknown> | undefined;

      constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
        super(target(url), protocols);
        track(this, url);
        // Registered before the client's handler, so it can keep a frame from reaching it.
        this.addEventListener('message', (event) => {
          if (stalled(this) || (typeof event.data === 'string' && dropped(event.data))) {
            event.stopImmediatePropagation();
          }
        });
      }

      override send(data: SocketData): void {
        if (typeof data !== 'string') {
          super.send(data);
          return;
        }
        const frame = JSON.parse(data) as SentFrame;
        if (stalled(this)) {
          record(frame);
          return;
        }
        // The gate sees the frame before it is recorded: `sent` holds the ones before it.
        const hold = gate(frame);
        record(frame);
        if (hold !== undefined || this.#held !== undefined) {
          const held = Promise.all([this.#held, hold]).then(() => {
            if (this.readyState === WebSocket.OPEN) super.send(data);
            if (this.#held === held) this.#held = undefined;
          });
          this.#held = held;
        } else super.send(data);
        after(frame);
      }
    };
  }

  get down(): boolean {
    return this.#down;
  }

  /** Wi-Fi gone: open connections close, new ones fail until `restore()`. */
  cut(): void {
    this.#down = true;
    this.drop();
  }

  restore(): void {
    this.#down = false;
  }

  /** The open connections close (frames on their way to the client are lost). */
  drop(): void {
    for (const socket of this.#live) socket.close();
  }

  /**
   * The open connections go silent both ways but stay open, as a half-open TCP connection: no
   * close event, nothing delivered. Only a heartbeat can tell. Connections opened later work.
   */
  stall(): void {
    for (const socket of this.#live) this.#stalled.add(socket);
  }

  /** True once every WebSocket of this network has closed. */
  get idle(): boolean {
    return this.#live.size === 0;
  }

  /** The frames of one type the client sent. */
  sentOf(type: string): SentFrame[] {
    return this.sent.filter((frame) => frame.type === type);
  }
}

/** Client options for tests: this network, quick reconnects, everything else default. */
export function clientOptions(
  server: TestServer,
  user: User,
  network: Network,
  extra: Partial<ChatClientOptions> = {},
): ChatClientOptions {
  return {
    url: server.wsUrl('/chat/ws'),
    sessionToken: user.token,
    WebSocket: network.WebSocket,
    socket: { backoff: { initialDelayMs: 5, maxDelayMs: 50 }, backOffMinDelayMs: 20 },
    ...extra,
  };
}

type EventName = keyof ChatClientEventMap;

const EVENT_NAMES: readonly EventName[] = [
  'statechange',
  'connected',
  'synced',
  'message',
  'pending',
  'delivered',
  'failed',
  'typing',
  'presence',
  'rooms',
  'disconnected',
  'unauthorized',
  'error',
];

/** A client and every event it dispatched, in order. */
export class Recorded {
  readonly client: ChatClient;
  readonly network: Network;
  readonly events: Event[] = [];
  readonly #taken = new Set<number>();

  constructor(client: ChatClient, network: Network) {
    this.client = client;
    this.network = network;
    for (const name of EVENT_NAMES) {
      client.addEventListener(name, (event: Event) => {
        this.events.push(event);
      });
    }
  }

  /** Events of one type so far (taken or not). */
  all<K extends EventName>(type: K): ChatClientEventMap[K][] {
    return this.events.filter((event) => event.type === type) as ChatClientEventMap[K][];
  }

  /** The earliest event of `type` not taken yet that matches `predicate`. */
  async next<K extends EventName>(
    type: K,
    predicate: (event: ChatClientEventMap[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ChatClientEventMap[K]> {
    let found: ChatClientEventMap[K] | undefined;
    await waitUntil(() => {
      for (const [index, event] of this.events.entries()) {
        if (this.#taken.has(index) || event.type !== type) continue;
        if (!predicate(event as ChatClientEventMap[K])) continue;
        this.#taken.add(index);
        found = event as ChatClientEventMap[K];
        return true;
      }
      return false;
    }, timeoutMs).catch(() => {
      const seen = this.events.map((event) => event.type).join(', ');
      throw new Error(`no ${type} event within ${timeoutMs} ms; saw ${seen}`);
    });
    if (found === undefined) throw new Error('unreachable');
    return found;
  }

  /** Messages dispatched so far (`message` events), in order. */
  messages(roomId?: string): WireMessage[] {
    return this.all('message')
      .filter((event) => roomId === undefined || event.roomId === roomId)
      .map((event) => event.message);
  }

  /** Contents of the messages dispatched so far, in order. */
  contents(roomId?: string): string[] {
    return this.messages(roomId).map((message) => message.content);
  }
}

/** Clients a test made, closed at its end (`await using`). */
export class Clients implements AsyncDisposable {
  readonly all: Recorded[] = [];

  add(server: TestServer, user: User, extra: Partial<ChatClientOptions> = {}): Recorded {
    const network = new Network();
    const client = new ChatClient(clientOptions(server, user, network, extra));
    const recorded = new Recorded(client, network);
    this.all.push(recorded);
    return recorded;
  }

  /** A client that is synced (its first `synced` event has come). */
  async ready(server: TestServer, user: User, extra: Partial<ChatClientOptions> = {}) {
    const recorded = this.add(server, user, extra);
    await recorded.next('synced');
    return recorded;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.all.map((recorded) => recorded.client.close()));
    // The server sees the closes before it stops, as it would in production: a connection it
    // only loses while stopping leaves a presence timer behind that holds the process.
    await waitUntil(() => this.all.every((recorded) => recorded.network.idle), 2000).catch(
      () => undefined,
    );
  }
}

/** Every message of a room as stored, read page by page with the HTTP polling API. */
export async function storedMessages(
  server: TestServer,
  user: User,
  roomId: string,
): Promise<WireMessage[]> {
  const api = new Api(server, user.token);
  const messages: WireMessage[] = [];
  for (;;) {
    const after = messages.at(-1)?.id;
    const query = after === undefined ? '?after=0&limit=200' : `?after=${after}&limit=200`;
    const page = await api.get(`/rooms/${roomId}/messages${query}`);
    assert.equal(page.status, 200, page.text);
    messages.push(...(page.body.messages as WireMessage[]));
    if (page.body.has_more !== true) return messages;
  }
}

/** Resolves after `ms` (to let frames that should not come have their chance). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
