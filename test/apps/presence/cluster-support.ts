// Several presence nodes for the cluster tests: in one process (HearthServer instances sharing
// a LocalBusHub and one in-memory registry, no Redis) or as `hearth serve` child processes
// sharing a Redis. Each is addressed like a TestServer by the presence clients.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { presenceConfigSchema } from '../../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../../src/apps/presence/presence-app.ts';
import { validateConfig } from '../../../src/config.ts';
import type { Bus } from '../../../src/core/bus/bus.ts';
import type { PresenceRegistry } from '../../../src/core/presence/presence-registry.ts';
import { HearthServer } from '../../../src/core/server.ts';
import { HearthProcess } from '../../support/child-server.ts';
import type { TestServer } from '../../support/test-server.ts';

export interface Node {
  /** What the presence clients need of a server: where it listens. */
  readonly target: TestServer;
  readonly url: string;
}

function nodeAt(port: number): Node {
  const target = {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: (path: string) => `ws://127.0.0.1:${port}${path}`,
  } as unknown as TestServer;
  return { target, url: `http://127.0.0.1:${port}` };
}

/** A HearthServer with the presence app only, on the given bus and registry. */
export async function startInProcessNode(
  t: TestContext,
  bus: Bus,
  presence: PresenceRegistry,
  /** `apps.presence` values over the test defaults. */
  overrides: Readonly<Record<string, unknown>> = {},
): Promise<Node & { readonly server: HearthServer }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-cluster-'));
  const raw = { connection_attempts_per_ip_per_minute: 100_000, ...overrides };
  const config = validateConfig({
    server: { host: '127.0.0.1', port: 0 },
    storage: { data_dir: dataDir },
    log: { level: 'silent' },
    apps: { presence: raw },
  });
  const server = new HearthServer({
    config,
    apps: [createPresenceApp(presenceConfigSchema.parse(raw))],
    bus,
    presence,
  });
  const { port } = await server.listen();
  t.after(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { ...nodeAt(port), server };
}

/** A `hearth serve` child joined to the cluster on `redisUrl` under `prefix`. */
export async function startChildNode(
  t: TestContext,
  redisUrl: string,
  prefix: string,
  cluster: { readonly nodeTtlMs: number; readonly heartbeatIntervalMs: number },
  /** More environment (e.g. `HEARTH_APPS__PRESENCE__…` settings). */
  env: Readonly<Record<string, string>> = {},
): Promise<Node & { readonly process: HearthProcess }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-cluster-'));
  const child = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], {
    HEARTH_CLUSTER__REDIS_URL: redisUrl,
    HEARTH_CLUSTER__PREFIX: prefix,
    HEARTH_CLUSTER__NODE_TTL_MS: String(cluster.nodeTtlMs),
    HEARTH_CLUSTER__HEARTBEAT_INTERVAL_MS: String(cluster.heartbeatIntervalMs),
    HEARTH_APPS__PRESENCE__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
    HEARTH_APPS__CHAT__ENABLED: 'false',
    HEARTH_APPS__OPENLIFTER__ENABLED: 'false',
    HEARTH_LOG__LEVEL: 'info',
    ...env,
  });
  t.after(async () => {
    await child[Symbol.asyncDispose]();
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = await child.listeningPort(30_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${child.stderr}`);
  });
  return { ...nodeAt(port), process: child };
}
