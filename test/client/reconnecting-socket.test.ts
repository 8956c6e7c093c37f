// ReconnectingSocket against real `ws` servers on 127.0.0.1: reconnects, server restarts on the same
// port, the close-code policy, the bounded offline queue, heartbeats, connect timeouts. Delays are
// shrunk through options; assertions are about order and behaviour, lower bounds only for time.

import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type RawData, type WebSocket as ServerSocket } from 'ws';

import { CloseCode } from '../../src/protocol/close-codes.ts';
import {
  ReconnectingSocket,
  type ReconnectingSocketEventMap,
  type ReconnectingSocketOptions,
} from '../../src/client/reconnecting-socket.ts';

type OnConnection = (socket: ServerSocket, request: IncomingMessage) => void;

/** A `ws` server that can stop and start again on the same port, recording what it sees. */
class TestServer {
  readonly connections: ServerSocket[] = [];
  readonly requestUrls: string[] = [];
  /** Every message from every connection, in arrival order (binary as 'bin:' + bytes). */
  readonly received: string[] = [];
  port = 0;
  #onConnection: OnConnection;
  #http: Server | undefined;

  constructor(onConnection: OnConnection = () => undefined) {
    this.#onConnection = onConnection;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    const http = createHttpServer();
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (socket, request) => {
      this.connections.push(socket);
      this.requestUrls.push(request.url ?? '');
      socket.on('message', (data: RawData, isBinary) => {
        this.received.push(isBinary ? `bin:${bytesOf(data).join(',')}` : bytesOf(data).toString());
      });
      this.#onConnection(socket, request);
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (http.address() as AddressInfo).port;
    this.#http = http;
  }

  /** Kills every connection and frees the port, as a crashed server would. */
  async stop(): Promise<void> {
    const http = this.#http;
    if (http === undefined) return;
    this.#http = undefined;
    for (const socket of this.connections) socket.terminate();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
}

async function startServer(t: TestContext, onConnection?: OnConnection): Promise<TestServer> {
  const server = new TestServer(onConnection);
  await server.start();
  t.after(() => server.stop());
  return server;
}

function bytesOf(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
}

function connect(
  t: TestContext,
  options: Partial<ReconnectingSocketOptions> & Pick<ReconnectingSocketOptions, 'url'>,
): ReconnectingSocket {
  const socket = new ReconnectingSocket({
    backoff: { initialDelayMs: 10, maxDelayMs: 40 },
    stableAfterMs: 0,
    ...options,
  });
  t.after(() => {
    socket.close();
  });
  return socket;
}

/** Resolves with the next event of `type` matching `predicate`; listen before triggering it. */
function nextEvent<K extends keyof ReconnectingSocketEventMap>(
  socket: ReconnectingSocket,
  type: K,
  predicate: (event: ReconnectingSocketEventMap[K]) => boolean = () => true,
): Promise<ReconnectingSocketEventMap[K]> {
  return new Promise((resolve, reject) => {
    const listener = (event: ReconnectingSocketEventMap[K]): void => {
      if (!predicate(event)) return;
      cleanup();
      resolve(event);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for '${type}'`));
    }, 5000);
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.removeEventListener(type, listener);
    };
    socket.addEventListener(type, listener);
  });
}

/** Waits until `check` holds, re-checking state so nothing that already happened is missed. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

/** A compact log of the socket's events, for order assertions. */
function record(socket: ReconnectingSocket): string[] {
  const log: string[] = [];
  socket.addEventListener('open', () => log.push('open'));
  socket.addEventListener('statechange', (e) => log.push(`state:${e.state}`));
  socket.addEventListener('close', (e) => log.push(`close:${e.code}:${e.willReconnect}`));
  socket.addEventListener('reconnecting', (e) => log.push(`reconnecting:${e.attempt}`));
  socket.addEventListener('error', (e) => log.push(`error:${e.kind}`));
  socket.addEventListener('drop', (e) => log.push(`drop:${e.reason}:${e.messages.length}`));
  return log;
}

/** A port nothing listens on (it was free a moment ago). */
async function deadPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('connects and exchanges text and binary messages', async (t) => {
  const server = await startServer(t, (socket) => {
    socket.on('message', (data, isBinary) => {
      socket.send(data, { binary: isBinary });
    });
  });
  const socket = connect(t, { url: server.url });
  const log = record(socket);
  assert.equal(socket.state, 'connecting');
  await nextEvent(socket, 'open');
  assert.equal(socket.state, 'open');

  const text = nextEvent(socket, 'message');
  assert.equal(socket.send('hello'), true);
  assert.equal((await text).data, 'hello');

  const binary = nextEvent(socket, 'message');
  socket.send(new Uint8Array([1, 2, 3]));
  const { data } = await binary;
  assert.ok(data instanceof ArrayBuffer);
  assert.deepEqual([...new Uint8Array(data)], [1, 2, 3]);
  assert.deepEqual(log, ['state:open', 'open']);
  assert.equal(socket.bufferedAmount, 0);
});

test('reconnects after the server kills the connection; the attempt count resets once stable', async (t) => {
  const server = await startServer(t);
  const socket = connect(t, { url: server.url, stableAfterMs: 0 });
  await nextEvent(socket, 'open');
  for (let round = 1; round <= 2; round++) {
    const reconnecting = nextEvent(socket, 'reconnecting');
    const opened = nextEvent(socket, 'open');
    server.connections.at(-1)?.terminate();
    assert.equal((await reconnecting).attempt, 1, `round ${round} starts over at attempt 1`);
    await opened;
  }
  assert.equal(server.connections.length, 3);
});

test('connections that never stay open long enough keep counting attempts', async (t) => {
  const server = await startServer(t, (connection) => {
    connection.terminate();
  });
  const socket = connect(t, { url: server.url, stableAfterMs: 60_000 });
  const log = record(socket);
  await until(() => server.connections.length >= 3, 'three connections');
  const attempts = log.filter((entry) => entry.startsWith('reconnecting:'));
  assert.deepEqual(attempts.slice(0, 2), ['reconnecting:1', 'reconnecting:2']);
  assert.ok(log.includes('state:open'), 'each attempt did open');
});

test('a server restarted on the same port gets the sends queued while it was down, in order', async (t) => {
  const server = await startServer(t);
  const socket = connect(t, { url: server.url, backoff: { initialDelayMs: 20, maxDelayMs: 50 } });
  await nextEvent(socket, 'open');
  socket.send('before');
  await until(() => server.received.length === 1, 'the first message arrives');

  const reconnecting = nextEvent(socket, 'reconnecting');
  await server.stop();
  await reconnecting;
  // Let a few attempts fail against the closed port while the app keeps sending.
  await nextEvent(socket, 'close', (event) => event.code === 1006);
  const buffer = new Uint8Array([7, 8, 9]);
  assert.equal(socket.send('one'), true);
  assert.equal(socket.send(buffer), true);
  buffer.fill(0); // the queue holds a copy, as WebSocket.send would
  assert.equal(socket.send('three'), true);
  assert.equal(socket.queuedMessages, 3);
  assert.equal(socket.queuedBytes, 3 + 3 + 5);

  const reopened = nextEvent(socket, 'open');
  await server.start();
  await reopened;
  await until(() => server.received.length === 4, 'the queued messages arrive');
  assert.deepEqual(server.received, ['before', 'one', 'bin:7,8,9', 'three']);
  assert.equal(socket.queuedMessages, 0);
  assert.equal(socket.queuedBytes, 0);
  assert.equal(server.connections.length, 2);
});

for (const code of [CloseCode.Unauthorized, CloseCode.Forbidden]) {
  test(`close code ${code} ends the socket without reconnecting`, async (t) => {
    const server = await startServer(t, (connection) => {
      connection.close(code, 'no');
    });
    const socket = connect(t, { url: server.url });
    const log = record(socket);
    const closed = nextEvent(socket, 'statechange', (event) => event.state === 'closed');
    const close = await nextEvent(socket, 'close');
    assert.equal(close.code, code);
    assert.equal(close.reason, 'no');
    assert.equal(close.willReconnect, false);
    await closed;
    // Many backoff delays (10-40 ms) long: a retry would have happened by now.
    await sleep(200);
    assert.equal(server.connections.length, 1);
    assert.equal(socket.state, 'closed');
    assert.deepEqual(log, ['state:open', 'open', `close:${code}:false`, 'state:closed']);
    assert.equal(socket.send('late'), false);
  });
}

for (const code of [CloseCode.TryAgainLater, CloseCode.ServiceRestart]) {
  test(`close code ${code} reconnects, but not before the back-off minimum`, async (t) => {
    const minDelayMs = 200;
    let closedAt = 0;
    let reopenedAt = 0;
    const server = await startServer(t, (connection) => {
      if (closedAt === 0) {
        closedAt = performance.now();
        connection.close(code, 'busy');
      } else reopenedAt = performance.now();
    });
    const socket = connect(t, { url: server.url, backOffMinDelayMs: minDelayMs });
    const reconnecting = await nextEvent(socket, 'reconnecting');
    assert.ok(reconnecting.delayMs >= minDelayMs, `delay ${reconnecting.delayMs}`);
    await until(() => server.connections.length === 2, 'the second connection');
    // Timers never fire early by more than a millisecond; leave ample slack below the minimum.
    assert.ok(
      reopenedAt - closedAt >= minDelayMs * 0.9,
      `came back after ${reopenedAt - closedAt}`,
    );
    await until(() => socket.state === 'open', 'open again');
  });
}

test('the offline queue is bounded by count and bytes; refusals and drops are reported', async (t) => {
  const port = await deadPort();
  const socket = connect(t, {
    url: `ws://127.0.0.1:${port}/`,
    maxQueuedMessages: 3,
    maxQueuedBytes: 10,
  });
  const drops: string[] = [];
  socket.addEventListener('drop', (event) => {
    drops.push(`${event.reason}:${event.messages.map(String).join('|')}`);
  });
  assert.equal(socket.send('aaaa'), true);
  assert.equal(socket.send('bbbb'), true);
  assert.equal(socket.send('ccc'), false, 'would exceed 10 bytes');
  assert.equal(socket.send('é'), true, '2 UTF-8 bytes: exactly 10');
  assert.equal(socket.send(''), false, 'would exceed 3 messages');
  assert.equal(socket.queuedMessages, 3);
  assert.equal(socket.queuedBytes, 10);
  assert.deepEqual(drops, ['queue-full:ccc', 'queue-full:']);

  socket.close();
  assert.equal(socket.state, 'closed');
  assert.equal(socket.queuedMessages, 0);
  assert.equal(socket.send('after'), false);
  assert.deepEqual(drops.slice(2), ['closed:aaaa|bbbb|é', 'closed:after']);
});

test('a server that stops answering pings is detected and the socket reconnects', async (t) => {
  const server = await startServer(t); // accepts, then never says anything
  const socket = connect(t, {
    url: server.url,
    heartbeat: { intervalMs: 20, timeoutMs: 100, ping: () => 'ping', isPong: (d) => d === 'pong' },
  });
  const log = record(socket);
  const close = nextEvent(socket, 'close');
  await nextEvent(socket, 'open');
  const { code, reason, willReconnect } = await close;
  assert.deepEqual(
    { code, reason, willReconnect },
    {
      code: 1006,
      reason: 'heartbeat timeout',
      willReconnect: true,
    },
  );
  await until(() => server.connections.length === 2, 'a second connection');
  assert.deepEqual(log.slice(0, 5), [
    'state:open',
    'open',
    'error:heartbeat-timeout',
    'close:1006:true',
    'state:reconnecting',
  ]);
  assert.ok(server.received.includes('ping'));
});

test('pongs keep a quiet connection alive and are not delivered as messages', async (t) => {
  const server = await startServer(t, (connection) => {
    connection.send('hello');
    connection.on('message', (data) => {
      if (bytesOf(data).toString() === 'ping') connection.send('pong');
    });
  });
  const socket = connect(t, {
    url: server.url,
    heartbeat: { intervalMs: 20, timeoutMs: 250, ping: () => 'ping', isPong: (d) => d === 'pong' },
  });
  const messages: unknown[] = [];
  socket.addEventListener('message', (event) => messages.push(event.data));
  const log = record(socket);
  await nextEvent(socket, 'open');
  // 15 pings take longer than one timeout: only the pongs kept the connection alive.
  await until(() => server.received.filter((m) => m === 'ping').length >= 15, '15 pings');
  assert.equal(socket.state, 'open');
  assert.deepEqual(log, ['state:open', 'open']);
  assert.deepEqual(messages, ['hello']);
});

test('close() by the user stops reconnecting, from open and from a backoff wait', async (t) => {
  let closeSeen: [number, string] | undefined;
  const server = await startServer(t, (connection) => {
    connection.on('close', (code, reason) => (closeSeen = [code, reason.toString()]));
  });
  const socket = connect(t, { url: server.url });
  const log = record(socket);
  await nextEvent(socket, 'open');
  socket.close(4000, 'bye');
  assert.equal(socket.state, 'closed');
  await until(() => closeSeen !== undefined, 'the server sees the close');
  assert.deepEqual(closeSeen, [4000, 'bye']);
  assert.deepEqual(log, ['state:open', 'open', 'close:4000:false', 'state:closed']);

  const waiting = connect(t, { url: server.url, backoff: { initialDelayMs: 50, maxDelayMs: 50 } });
  await nextEvent(waiting, 'open');
  const reconnecting = nextEvent(waiting, 'reconnecting');
  server.connections.at(-1)?.terminate();
  await reconnecting;
  waiting.close();
  await sleep(150);
  assert.equal(waiting.state, 'closed');
  assert.equal(server.connections.length, 2, 'no connection after close()');
  assert.throws(() => {
    waiting.close(1001);
  }, RangeError);
});

test('the url function is called before every attempt', async (t) => {
  const server = await startServer(t, (connection) => {
    if (server.connections.length < 3) connection.terminate();
  });
  let calls = 0;
  const socket = connect(t, {
    url: async () => {
      await sleep(1);
      calls++;
      return `${server.url}?attempt=${calls}`;
    },
  });
  await until(() => server.connections.length === 3, 'three connections');
  await until(() => socket.state === 'open', 'the third stays open');
  assert.deepEqual(server.requestUrls, ['/?attempt=1', '/?attempt=2', '/?attempt=3']);
  assert.equal(calls, 3);
});

test('a url function that fails counts as a failed attempt and is retried', async (t) => {
  const server = await startServer(t);
  let calls = 0;
  const socket = connect(t, {
    url: () => {
      if (++calls === 1) throw new Error('token service down');
      return server.url;
    },
  });
  const error = await nextEvent(socket, 'error');
  assert.equal(error.kind, 'url');
  await nextEvent(socket, 'open');
  assert.equal(calls, 2);
});

test('a connect that hangs is abandoned after connectTimeoutMs and retried', async (t) => {
  // Accepts TCP connections and never answers the HTTP upgrade.
  const sockets: Socket[] = [];
  const tcp = createTcpServer((connection) => sockets.push(connection));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const connection of sockets) connection.destroy();
    await new Promise((resolve) => tcp.close(resolve));
  });
  const { port } = tcp.address() as AddressInfo;
  const socket = connect(t, { url: `ws://127.0.0.1:${port}/`, connectTimeoutMs: 100 });
  const log = record(socket);
  const error = await nextEvent(socket, 'error');
  assert.equal(error.kind, 'connect-timeout');
  await until(() => sockets.length >= 2, 'a second attempt');
  assert.deepEqual(log.slice(0, 3), [
    'error:connect-timeout',
    'close:1006:true',
    'state:reconnecting',
  ]);
});

test('open listeners run before the queue is flushed, so a handshake goes first', async (t) => {
  const server = await startServer(t);
  const port = server.port;
  await server.stop();
  const socket = connect(t, { url: `ws://127.0.0.1:${port}/` });
  socket.send('queued-1');
  socket.send('queued-2');
  socket.addEventListener('open', () => {
    assert.equal(socket.sendNow('auth'), true);
    assert.equal(socket.send('from-open'), true); // queued behind the earlier sends
  });
  const opened = nextEvent(socket, 'open');
  await server.start();
  await opened;
  await until(() => server.received.length === 4, 'four messages');
  assert.deepEqual(server.received, ['auth', 'queued-1', 'queued-2', 'from-open']);
});

test('with autoFlush off the queue and later sends wait for flushQueue()', async (t) => {
  const server = await startServer(t);
  const port = server.port;
  await server.stop();
  const socket = connect(t, { url: `ws://127.0.0.1:${port}/`, autoFlush: false });
  assert.equal(socket.flushQueue(), false, 'nothing to release while not open');
  socket.send('queued');
  socket.addEventListener('open', () => socket.sendNow('auth'));
  const opened = nextEvent(socket, 'open');
  await server.start();
  await opened;
  socket.send('after-open');
  await until(() => server.received.length === 1, 'the auth frame');
  assert.equal(socket.queuedMessages, 2);
  assert.equal(socket.flushQueue(), true);
  socket.send('after-flush');
  await until(() => server.received.length === 4, 'everything');
  assert.deepEqual(server.received, ['auth', 'queued', 'after-open', 'after-flush']);
});

test('the browser online event cuts a backoff wait short', async (t) => {
  // Node has no `window`: stand one in for the duration of the test.
  const window = new EventTarget();
  const scope = globalThis as unknown as Record<string, unknown>;
  scope.addEventListener = window.addEventListener.bind(window);
  scope.removeEventListener = window.removeEventListener.bind(window);
  t.after(() => {
    delete scope.addEventListener;
    delete scope.removeEventListener;
  });
  const port = await deadPort();
  let calls = 0;
  const socket = connect(t, {
    url: () => `ws://127.0.0.1:${port}/?${++calls}`,
    backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    random: () => 1,
  });
  await nextEvent(socket, 'reconnecting');
  assert.equal(calls, 1);
  const connecting = nextEvent(socket, 'statechange', (event) => event.state === 'connecting');
  window.dispatchEvent(new Event('online'));
  await connecting;
  assert.equal(calls, 2);

  await nextEvent(socket, 'reconnecting');
  socket.close();
  window.dispatchEvent(new Event('online'));
  assert.equal(socket.state, 'closed', 'a closed socket stops listening');
  assert.equal(calls, 2);
});

test('the browser offline event drops an open connection at once', async (t) => {
  // Browsers keep a WebSocket "open" while offline and hold what is sent on it; the socket must
  // not wait for its heartbeat to notice. Node has no `window`: stand one in.
  const window = new EventTarget();
  const scope = globalThis as unknown as Record<string, unknown>;
  scope.addEventListener = window.addEventListener.bind(window);
  scope.removeEventListener = window.removeEventListener.bind(window);
  t.after(() => {
    delete scope.addEventListener;
    delete scope.removeEventListener;
  });
  const server = await startServer(t);
  const socket = connect(t, {
    url: server.url,
    backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
  });
  await nextEvent(socket, 'open');
  const closed = nextEvent(socket, 'close');
  window.dispatchEvent(new Event('offline'));
  assert.equal(socket.state, 'reconnecting');
  assert.equal((await closed).willReconnect, true);
  const reopened = nextEvent(socket, 'open');
  window.dispatchEvent(new Event('online'));
  await reopened;
  assert.equal(server.connections.length, 2, 'online reconnects without waiting out the backoff');

  socket.close();
  window.dispatchEvent(new Event('offline'));
  assert.equal(socket.state, 'closed', 'a closed socket stops listening');
});

test('reconnect() restarts a socket that a terminal close code ended', async (t) => {
  let refuse = true;
  const server = await startServer(t, (connection) => {
    if (refuse) connection.close(CloseCode.Unauthorized, 'login');
  });
  const socket = connect(t, { url: server.url });
  await nextEvent(socket, 'statechange', (event) => event.state === 'closed');
  refuse = false;
  socket.reconnect();
  assert.equal(socket.state, 'connecting');
  await nextEvent(socket, 'open');
  assert.equal(server.connections.length, 2);
});

test('impossible options are refused at construction', () => {
  const url = 'ws://127.0.0.1:1/';
  assert.throws(() => new ReconnectingSocket({ url: 'not a url' }), TypeError);
  assert.throws(() => new ReconnectingSocket({ url, maxQueuedBytes: -1 }), RangeError);
  assert.throws(() => new ReconnectingSocket({ url, connectTimeoutMs: 0 }), RangeError);
  assert.throws(() => new ReconnectingSocket({ url, stableAfterMs: 2 ** 40 }), RangeError);
  assert.throws(
    () =>
      new ReconnectingSocket({
        url,
        heartbeat: { intervalMs: 100, timeoutMs: 100, ping: () => 'ping' },
      }),
    RangeError,
  );
});
