// A Hearth server for tests: port 0 on loopback, a temporary data directory, silent logs,
// teardown through `await using`, and restart on the same port for reconnect tests.

import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { HearthApp } from '../../src/core/app.ts';
import type { Bus } from '../../src/core/bus/bus.ts';
import { validateConfig, type HearthConfig } from '../../src/config.ts';
import { deepMerge, type RawConfig } from '../../src/core/config/sources.ts';
import { createLogger, type Logger } from '../../src/core/observability/logger.ts';
import { HearthServer } from '../../src/core/server.ts';

export interface TestServerOptions {
  /** Apps to mount (a function is called again, with the config, for each restart). */
  readonly apps: readonly HearthApp[] | ((config: HearthConfig) => readonly HearthApp[]);
  /** Extra root routes, as the composition root passes them (the web pages). */
  readonly routes?: (http: FastifyInstance, config: HearthConfig) => void;
  /** Config values over the test defaults. */
  readonly config?: RawConfig;
  /** Capture log lines (JSON objects) instead of discarding them. */
  readonly captureLogs?: boolean;
  /** The node's bus, made anew for each start (e.g. a LocalBus on a hub shared by nodes). */
  readonly bus?: () => Bus;
}

export interface TestServer extends AsyncDisposable {
  readonly server: HearthServer;
  readonly config: HearthConfig;
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Parsed log lines written so far (with captureLogs). */
  readonly logs: Record<string, unknown>[];
  wsUrl(path: string): string;
  /** Close and listen again on the same port with fresh app instances. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-test-'));
  const logs: Record<string, unknown>[] = [];
  const { apps } = options;
  const makeApps = (config: HearthConfig): readonly HearthApp[] =>
    typeof apps === 'function' ? apps(config) : apps;
  const { routes, bus } = options;
  const serverOptions = (config: HearthConfig) => ({
    config,
    apps: makeApps(config),
    logger,
    ...(bus === undefined ? {} : { bus: bus() }),
    ...(routes === undefined
      ? {}
      : {
          routes: (http: FastifyInstance) => {
            routes(http, config);
          },
        }),
  });
  const baseConfig = validateConfig(
    deepMerge(
      {
        server: { host: '127.0.0.1', port: 0, drain_timeout_ms: 2000 },
        storage: { data_dir: dataDir },
        log: { level: options.captureLogs === true ? 'info' : 'silent' },
      },
      options.config ?? {},
    ),
  );
  const logger = createCaptureLogger(baseConfig, logs);
  let server = new HearthServer(serverOptions(baseConfig));
  const { port } = await server.listen();
  let closed = false;

  const handle: TestServer = {
    get server() {
      return server;
    },
    config: baseConfig,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    wsUrl: (path) => `ws://127.0.0.1:${port}${path}`,
    async restart() {
      await server.close();
      const config = validateConfig(deepMerge(baseConfig, { server: { port } }));
      server = new HearthServer(serverOptions(config));
      await server.listen();
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    async [Symbol.asyncDispose]() {
      await handle.close();
    },
  };
  return handle;
}

function createCaptureLogger(config: HearthConfig, logs: Record<string, unknown>[]): Logger {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return createLogger({ level: config.log.level, destination });
}
