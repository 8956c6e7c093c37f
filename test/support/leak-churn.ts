// The leak test's subject, run as `node --expose-gc test/support/leak-churn.ts [perApp]`: starts
// Hearth in this process (every app, a temp data dir), opens and closes `perApp` real loopback
// WebSocket connections per app (each does a little real work first: an echo, a pull, a chat
// sync, a presence hello), then collects garbage and reports on stdout, as one JSON line, how
// many Connection objects and app per-connection states are still reachable (through WeakRefs
// taken when each connection opened) and how the heap compares with its baseline.
// In-process because global.gc and WeakRef only see this heap; a child because --expose-gc
// is a flag of the process, not of one test file.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { validateConfig } from '../../src/config.ts';
import type { HearthApp } from '../../src/core/app.ts';
import type { Connection } from '../../src/core/connection.ts';
import { HearthServer } from '../../src/core/server.ts';
import { createApps } from '../../src/hearth.ts';

const APPS = ['echo', 'openlifter', 'chat', 'presence'] as const;
type AppName = (typeof APPS)[number];
const CONCURRENCY = 200;
const WARMUP = 200;
/** Grace periods of the apps, kept short so the test can wait them out rather than skip them. */
const GRACE_MS = 100;

interface AppTally {
  opened: number;
  closed: number;
  connections: WeakRef<Connection>[];
  states: WeakRef<object>[];
}

const tallies = new Map<string, AppTally>();

function tally(app: string): AppTally {
  let entry = tallies.get(app);
  if (entry === undefined) {
    entry = { opened: 0, closed: 0, connections: [], states: [] };
    tallies.set(app, entry);
  }
  return entry;
}

/** The app as it is, with onOpen/onClose also counting and taking WeakRefs. */
function tracked(app: HearthApp): HearthApp {
  const wrapped: HearthApp = {
    name: app.name,
    prefix: app.prefix,
    ...(app.websocket === undefined ? {} : { websocket: app.websocket }),
    onMessage: (connection, data, isBinary) => app.onMessage(connection, data, isBinary),
    onOpen: (connection) => {
      const entry = tally(app.name);
      entry.opened++;
      entry.connections.push(new WeakRef(connection));
      const state: unknown = connection.state;
      if (typeof state === 'object' && state !== null) entry.states.push(new WeakRef(state));
      return app.onOpen?.(connection);
    },
    onClose: (connection, code, reason) => {
      tally(app.name).closed++;
      return app.onClose?.(connection, code, reason);
    },
  };
  if (app.start) wrapped.start = app.start.bind(app);
  if (app.routes) wrapped.routes = app.routes.bind(app);
  if (app.admit) wrapped.admit = app.admit.bind(app);
  if (app.authenticate) wrapped.authenticate = app.authenticate.bind(app);
  if (app.beforeClose) wrapped.beforeClose = app.beforeClose.bind(app);
  if (app.onRateLimited) wrapped.onRateLimited = app.onRateLimited.bind(app);
  if (app.checkReady) wrapped.checkReady = app.checkReady.bind(app);
  if (app.stop) wrapped.stop = app.stop.bind(app);
  return wrapped;
}

/** Opens a socket, waits for the first text frame `done` accepts, closes, waits for the close. */
async function roundTrip(
  url: string,
  headers: Record<string, string>,
  first: string | undefined,
  done: (text: string) => boolean,
): Promise<void> {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${url}: no answer within 20 s`));
    }, 20_000);
    socket.once('error', (error) => {
      reject(new Error(`${url}: ${error.message}`));
    });
    socket.once('open', () => {
      if (first !== undefined) socket.send(first);
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary || !done(data.toString('utf8'))) return;
      clearTimeout(timer);
      resolve();
    });
  });
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.close(1000);
  await closed;
}

function gc(): void {
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  global.gc();
}

/** Full collections with turns between them (a WeakRef's target lives to the end of a turn). */
async function collect(): Promise<number> {
  for (let round = 0; round < 6; round++) {
    gc();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

async function main(perApp: number): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-leak-'));
  const config = validateConfig({
    server: { host: '127.0.0.1', port: 0, max_connections_per_ip: 100_000 },
    storage: { data_dir: dataDir },
    log: { level: 'silent' },
    apps: {
      chat: {
        presence_grace_ms: GRACE_MS,
        limits: {
          connection_attempts_per_ip_per_minute: 1_000_000,
          login_attempts_per_ip_per_minute: 1000,
        },
      },
      presence: { reconnect_grace_ms: GRACE_MS, connection_attempts_per_ip_per_minute: 1_000_000 },
    },
  });
  const server = new HearthServer({ config, apps: createApps(config).map(tracked) });
  const { port } = await server.listen();
  const ws = `ws://127.0.0.1:${port}`;
  try {
    // Credentials made once: a meet session and a chat login.
    const meet = await firstJson(`${ws}/openlifter/ws`, {
      msgType: 'CREATE_MEET',
      thisLocationName: 'desk',
      password: 'correct horse battery staple',
      endpoints: [{ locationName: 'desk', priority: 30 }],
    });
    const sessionToken = String(meet.sessionToken);
    const setup = await fetch(`http://127.0.0.1:${port}/chat/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'leak@example.test',
        name: 'Leak',
        password: 'leak password 1',
      }),
    });
    if (setup.status !== 201) throw new Error(`chat setup: ${setup.status}`);
    const chatToken = ((await setup.json()) as { session_token: string }).session_token;

    const once: Record<AppName, () => Promise<void>> = {
      echo: () => roundTrip(`${ws}/echo/ws`, {}, 'ping', () => true),
      openlifter: () =>
        roundTrip(
          `${ws}/openlifter/ws`,
          {},
          JSON.stringify({ msgType: 'CLIENT_PULL', sessionToken, lastServerSeq: 0 }),
          (text) => text.includes('"SERVER_PULL"'),
        ),
      chat: () =>
        roundTrip(`${ws}/chat/ws`, { authorization: `Bearer ${chatToken}` }, undefined, (text) =>
          text.includes('"SyncComplete"'),
        ),
      presence: () =>
        roundTrip(`${ws}/presence/ws/leak-room`, {}, undefined, (text) =>
          text.includes('"SERVER_HELLO"'),
        ),
    };
    const churn = async (count: number): Promise<void> => {
      for (const app of only) {
        for (let started = 0; started < count; started += CONCURRENCY) {
          const batch = Math.min(CONCURRENCY, count - started);
          await Promise.all(Array.from({ length: batch }, () => once[app]()));
        }
      }
    };
    const settle = async (): Promise<void> => {
      const expected = (app: string) => tally(app).opened;
      const deadline = Date.now() + 10_000;
      while (only.some((app) => tally(app).closed < expected(app)) && Date.now() < deadline) {
        await sleep(20);
      }
      await sleep(GRACE_MS * 5); // the apps' grace timers run out
    };

    await churn(WARMUP);
    await settle();
    const baseline = await collect();
    const started = Date.now();
    await churn(perApp);
    await settle();
    const after = await collect();
    const apps = Object.fromEntries(
      APPS.map((app) => {
        const entry = tally(app);
        return [
          app,
          {
            opened: entry.opened,
            closed: entry.closed,
            connectionsAlive: entry.connections.filter((ref) => ref.deref() !== undefined).length,
            statesTracked: entry.states.length,
            statesAlive: entry.states.filter((ref) => ref.deref() !== undefined).length,
          },
        ];
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        perApp,
        warmup: WARMUP,
        churnMs: Date.now() - started,
        heapBaselineBytes: baseline,
        heapAfterBytes: after,
        apps,
      })}\n`,
    );
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Sends `message` on a fresh connection and returns the first JSON frame back. */
async function firstJson(url: string, message: unknown): Promise<Record<string, unknown>> {
  let answer: Record<string, unknown> = {};
  await roundTrip(url, {}, JSON.stringify(message), (text) => {
    answer = JSON.parse(text) as Record<string, unknown>;
    return true;
  });
  return answer;
}

const perApp = Number(process.argv[2] ?? '2000');
/** Apps to churn (all by default; naming one helps to find which one leaks). */
const only = (process.argv[3]?.split(',') ?? APPS).filter((name): name is AppName =>
  (APPS as readonly string[]).includes(name),
);
main(perApp).then(
  () => {
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
