// Test support for the presence client SDK: a real Hearth server with the presence app, a
// network whose WebSocket can be cut (new connections then go to a port nobody listens on) and
// that records what the client sends, clients wired to both, and a buffered event log whose
// `next` never misses an event dispatched before it was called.

import { decodeMessage } from '../../../../src/protocol/presence/codec.ts';
import type { PresenceMessage } from '../../../../src/protocol/presence/messages.ts';
import {
  PresenceClient,
  type PresenceClientEventMap,
  type PresenceClientOptions,
} from '../../../../src/client/presence/index.ts';
import type { TestServer } from '../../../support/test-server.ts';
import { waitUntil } from '../../../support/ws-client.ts';

export { startPresenceServer, signToken } from '../../../apps/presence/support/presence-server.ts';
export { waitUntil };

/** Nothing listens on port 1: a connection attempt is refused at once, as on a dead network. */
const UNREACHABLE = 'ws://127.0.0.1:1/';

type SocketData = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * One device's network. `cut()` closes its connections and makes new ones fail until
 * `restore()`. Records the URL of every attempt and every frame sent and received.
 */
export class Network {
  readonly WebSocket: typeof WebSocket;
  readonly urls: string[] = [];
  readonly sent: SocketData[] = [];
  readonly received: (string | ArrayBuffer)[] = [];
  /** Outgoing frames for which this returns true are not sent (as if lost on the way). */
  dropOutgoing: ((data: SocketData) => boolean) | undefined;
  #down = false;
  readonly #live = new Set<WebSocket>();

  constructor() {
    const target = (url: string | URL): string | URL => (this.#down ? UNREACHABLE : url);
    const track = (socket: WebSocket, url: string | URL): void => {
      this.urls.push(String(url));
      this.#live.add(socket);
      socket.addEventListener('close', () => this.#live.delete(socket));
      socket.addEventListener('message', (event: MessageEvent) => {
        this.received.push(event.data as string | ArrayBuffer);
      });
    };
    const outgoing = (data: SocketData): boolean => {
      if (this.dropOutgoing?.(data) === true) return false;
      this.sent.push(data);
      return true;
    };
    this.WebSocket = class CuttableWebSocket extends globalThis.WebSocket {
      constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
        super(target(url), protocols);
        track(this, url);
      }

      override send(data: SocketData): void {
        if (outgoing(data)) super.send(data);
      }
    };
  }

  cut(): void {
    this.#down = true;
    for (const socket of this.#live) socket.close();
  }

  restore(): void {
    this.#down = false;
  }

  /** Binary frames sent, decoded (protobuf mode). */
  sentMessages(): PresenceMessage[] {
    return decodeAll(this.sent);
  }

  /** Binary frames received, decoded (protobuf mode). */
  receivedMessages(): PresenceMessage[] {
    return decodeAll(this.received);
  }
}

function decodeAll(frames: readonly (SocketData | ArrayBuffer)[]): PresenceMessage[] {
  const messages: PresenceMessage[] = [];
  for (const frame of frames) {
    let bytes: Uint8Array;
    if (frame instanceof ArrayBuffer) bytes = new Uint8Array(frame);
    else if (ArrayBuffer.isView(frame)) {
      bytes = new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
    } else continue;
    const decoded = decodeMessage(bytes);
    if (decoded.ok && decoded.message.payload !== undefined) messages.push(decoded.message);
  }
  return messages;
}

type EventName = keyof PresenceClientEventMap;

/** Every event of one client, in order, for assertions without races. */
export class EventLog {
  readonly events: Event[] = [];
  readonly #cursors = new Map<string, number>();

  constructor(client: PresenceClient) {
    const names: EventName[] = [
      'open',
      'hello',
      'statechange',
      'close',
      'error',
      'peerJoined',
      'peerLeft',
      'peerUpdated',
      'message',
      'pose',
      'chat',
      'entity',
      'voice',
      'ack',
    ];
    for (const name of names) {
      client.addEventListener(name, (event: Event) => {
        this.events.push(event);
      });
    }
  }

  all<K extends EventName>(type: K): PresenceClientEventMap[K][] {
    return this.events.filter((event) => event.type === type) as PresenceClientEventMap[K][];
  }

  /** The next event of `type` matching `predicate` after the last one `next` returned for it. */
  async next<K extends EventName>(
    type: K,
    predicate: (event: PresenceClientEventMap[K]) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PresenceClientEventMap[K]> {
    let found: PresenceClientEventMap[K] | undefined;
    let index = -1;
    await waitUntil(() => {
      const events = this.all(type);
      const from = this.#cursors.get(type) ?? 0;
      index = events.findIndex((event, at) => at >= from && predicate(event));
      found = events[index];
      return found !== undefined;
    }, timeoutMs).catch((error: unknown) => {
      throw new Error(`no ${type} event within ${timeoutMs} ms`, { cause: error });
    });
    this.#cursors.set(type, index + 1);
    return found!;
  }
}

/** A client and its event log, closed at the end of the test (`using`). */
export interface TestPresenceClient extends Disposable {
  readonly client: PresenceClient;
  readonly log: EventLog;
  readonly network: Network;
}

/** A client on its own network with quick reconnects; `options` override the defaults. */
export function openClient(
  server: TestServer,
  options: Partial<PresenceClientOptions> = {},
  network = new Network(),
): TestPresenceClient {
  const client = new PresenceClient({
    url: server.wsUrl('/presence/ws'),
    roomId: 'room',
    WebSocket: network.WebSocket,
    socket: { backoff: { initialDelayMs: 5, maxDelayMs: 40 }, backOffMinDelayMs: 10 },
    ...options,
  });
  const log = new EventLog(client);
  return {
    client,
    log,
    network,
    [Symbol.dispose]() {
      client.close();
    },
  };
}

/** Opens a client and waits for its first hello. */
export async function joinedClient(
  server: TestServer,
  options: Partial<PresenceClientOptions> = {},
  network?: Network,
): Promise<TestPresenceClient> {
  const opened = openClient(server, options, network);
  await opened.log.next('hello');
  return opened;
}

/** Text of a relayed frame (binary frames as their bytes, comma-separated). */
export function describeData(data: string | ArrayBuffer): string {
  return typeof data === 'string' ? data : `bin:${new Uint8Array(data).join(',')}`;
}
