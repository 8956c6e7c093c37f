// Two real `hearth serve` nodes sharing Redis (the bus) and a PostgreSQL schema serve one meet;
// one is killed with SIGKILL while engines on both stream edits. Every edit that got UPDATE_ACK
// is in the log exactly once at its number, the log is gap-free, and every engine, the killed
// node's ones reconnecting to the survivor, converges on the survivor's log.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { MeetSyncEngine } from '../../../src/client/openlifter/meet-sync-engine.ts';
import type { MeetSyncEngineOptions } from '../../../src/client/openlifter/sync-options.ts';
import { HearthProcess } from '../../support/child-server.ts';
import { freshSchema, type TestSchema } from '../../support/postgres-schema.ts';
import { serviceUrl } from '../../support/services.ts';
import type { TestServer } from '../../support/test-server.ts';
import {
  assertLogHonoursAcks,
  collectAcks,
  converged,
  Engines,
  waitUntil,
  type AckRecord,
} from '../../client/openlifter/support/sync-harness.ts';
import { oneTo, storedLogIn } from './cluster-support.ts';
import { ENDPOINTS, PASSWORD } from './support/meet-server.ts';

interface ChildNode {
  readonly process: HearthProcess;
  /** What the sync harness needs of a server: where it listens. */
  readonly target: TestServer;
  readonly wsUrl: string;
}

async function startChild(
  t: TestContext,
  schema: TestSchema,
  redisUrl: string,
  prefix: string,
): Promise<ChildNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-ol-cluster-'));
  const child = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], {
    HEARTH_STORAGE__POSTGRES_URL: schema.url,
    HEARTH_STORAGE__POSTGRES_SCHEMA: schema.schema,
    HEARTH_CLUSTER__REDIS_URL: redisUrl,
    HEARTH_CLUSTER__PREFIX: prefix,
    HEARTH_APPS__CHAT__ENABLED: 'false',
    HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
    HEARTH_LOG__LEVEL: 'warn',
  });
  t.after(async () => {
    await child[Symbol.asyncDispose]();
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = await child.listeningPort(30_000);
  const target = {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: (path: string) => `ws://127.0.0.1:${port}${path}`,
  } as unknown as TestServer;
  return { process: child, target, wsUrl: target.wsUrl('/openlifter/ws') };
}

/** A WebSocket whose connections go to `route(url)`: a client's failover to another node. */
function routedWebSocket(route: (url: string) => string): typeof WebSocket {
  return class RoutedWebSocket extends globalThis.WebSocket {
    constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
      super(route(String(url)), protocols);
    }
  };
}

/** Edits `key(i)` every few milliseconds until `running()` says stop. */
async function streamEdits(
  engine: MeetSyncEngine,
  key: (index: number) => string,
  running: () => boolean,
): Promise<void> {
  for (let index = 0; running(); index++) {
    engine.edit(key(index), index);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
}

test('a node killed mid-stream loses nothing acked; every engine converges on the survivor', async (t) => {
  const redisUrl = serviceUrl(t, 'redis');
  if (redisUrl === undefined) return;
  const schema = await freshSchema(t, 'hearth_ol_crash');
  if (schema === undefined) return;
  const prefix = `hearth-ol-crash-${randomBytes(4).toString('hex')}`;
  const [doomed, survivor] = await Promise.all([
    startChild(t, schema, redisUrl, prefix),
    startChild(t, schema, redisUrl, prefix),
  ]);

  let doomedIsDead = false;
  const WebSocketClass = routedWebSocket((url) =>
    doomedIsDead && url === doomed.wsUrl ? survivor.wsUrl : url,
  );
  const options = (node: ChildNode): MeetSyncEngineOptions => ({
    url: node.wsUrl,
    WebSocket: WebSocketClass,
    socket: { backoff: { initialDelayMs: 5, maxDelayMs: 100 }, backOffMinDelayMs: 10 },
    gapPullDelayMs: 50,
  });
  await using engines = new Engines();
  const desk = engines.add(options(doomed));
  const platform = engines.add(options(doomed));
  const weighin = engines.add(options(survivor));
  const acks: AckRecord[] = [];
  for (const engine of [desk, platform, weighin]) collectAcks(engine, acks);
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  await weighin.joinMeet({ meetId, password: PASSWORD, locationName: 'weighin' });

  let streaming = true;
  const running = () => streaming;
  const streams = [
    streamEdits(desk, (i) => `registration.entries[${i % 40}].name`, running),
    streamEdits(platform, (i) => (i % 3 === 0 ? 'lifting.flight' : `platform.log[${i}]`), running),
    streamEdits(weighin, (i) => (i % 3 === 0 ? 'lifting.flight' : `weighin.log[${i}]`), running),
  ];
  await waitUntil(() => acks.length >= 60, 20_000);
  doomed.process.child.kill('SIGKILL');
  doomedIsDead = true;
  const exit = await doomed.process.waitForExit();
  assert.equal(exit.signal, 'SIGKILL');
  const ackedBeforeKill = acks.length;
  // The killed node's engines reconnect to the survivor and go on.
  await waitUntil(() => {
    const since = acks.slice(ackedBeforeKill);
    return since.length >= 60 && since.some((ack) => ack.locationName === 'desk');
  }, 30_000);
  streaming = false;
  await Promise.all(streams);

  const truth = await converged(
    survivor.target,
    weighin.sessionToken ?? '',
    [desk, platform, weighin],
    30_000,
  );
  for (const engine of [desk, platform, weighin]) assert.deepEqual(engine.state, truth.state);
  const log = await storedLogIn(schema.db, meetId);
  assert.deepEqual(
    log.map((line) => line.serverSeqNum),
    oneTo(truth.head),
  );
  assertLogHonoursAcks(log, acks);
  t.diagnostic(`${acks.length} acks (${ackedBeforeKill} before the kill), ${truth.head} entries`);
});
