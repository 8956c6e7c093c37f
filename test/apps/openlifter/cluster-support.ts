// OpenLifter on several nodes for the cluster tests: HearthServer instances in this process on
// one LocalBusHub (no Redis) sharing a PostgreSQL schema of the test's own, the meet's log read
// straight from that schema, and the relays a raw client received.

import type { TestContext } from 'node:test';
import { openlifterConfigSchema } from '../../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../../src/apps/openlifter/openlifter-app.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import { LocalBus, LocalBusHub } from '../../../src/core/bus/local-bus.ts';
import type { PostgresDatabase } from '../../../src/core/storage/postgres.ts';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { freshSchema } from '../../support/postgres-schema.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import type { StoredLine } from '../../client/openlifter/support/sync-harness.ts';
import type { MeetClient } from './support/meet-server.ts';

/** Engine and raw-client tests join many times a second: attempts are not limited here. */
export const UNLIMITED_ATTEMPTS = {
  join_attempts_per_ip_per_minute: 100_000,
  join_attempts_per_meet_per_minute: 100_000,
};

export interface MeetCluster {
  readonly nodes: TestServer[];
  /** A pool on the nodes' schema, to read the true log. */
  readonly db: PostgresDatabase;
}

/** `count` nodes on one in-process bus and one fresh schema; undefined if skipped. */
export async function startMeetCluster(
  t: TestContext,
  count: number,
): Promise<MeetCluster | undefined> {
  const fresh = await freshSchema(t, 'hearth_ol_cluster');
  if (fresh === undefined) return undefined;
  const hub = new LocalBusHub();
  const openlifter = openlifterConfigSchema.parse(UNLIMITED_ATTEMPTS);
  const nodes: TestServer[] = [];
  t.after(() => Promise.all(nodes.map((node) => node.close())));
  for (let index = 0; index < count; index++) {
    nodes.push(
      await startTestServer({
        apps: () => [
          createOpenLifterApp(openlifter, {
            hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }),
          }),
        ],
        config: { storage: { postgres_url: fresh.url, postgres_schema: fresh.schema } },
        bus: () => new LocalBus(`node${index}`, hub),
      }),
    );
  }
  return { nodes, db: fresh.db };
}

/** The meet's log as PostgreSQL holds it, in sequence order. */
export async function storedLogIn(db: PostgresDatabase, meetId: string): Promise<StoredLine[]> {
  const rows = await db.query(
    'SELECT entry FROM openlifter_updates WHERE meet_id = $1 ORDER BY seq',
    [meetId],
  );
  return rows.map((row) => JSON.parse(String(row.entry)) as StoredLine);
}

/** Every UPDATE_RELAY entry a raw client received, in arrival order. */
export function relaysReceived(client: MeetClient): RelayedUpdate[] {
  const entries: RelayedUpdate[] = [];
  for (const frame of client.socket.frames) {
    if (frame.isBinary) continue;
    const message = JSON.parse(frame.text) as {
      msgType: string;
      updatesRelayed?: RelayedUpdate[];
    };
    if (message.msgType === 'UPDATE_RELAY') entries.push(...(message.updatesRelayed ?? []));
  }
  return entries;
}

/** 1, 2, … n. */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_value, index) => index + 1);
}
