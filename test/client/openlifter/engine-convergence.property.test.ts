// Property, through real sockets and the real server: whatever the interleaving of edits by two
// or three updating engines (on overlapping keys, so conflicts happen), network cuts and
// restores of any device, and server restarts, once every device is back online every engine
// (a display-only one too) holds the server's log and state; the server's log has no
// (session, localSeqNum) twice, and every edit an engine saw acknowledged is in it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import {
  assertLogHonoursAcks,
  collectAcks,
  converged,
  engineOptions,
  Engines,
  ENDPOINTS,
  Network,
  PASSWORD,
  startSyncServer,
  storedLog,
  type AckRecord,
} from './support/sync-harness.ts';

/** Overlapping paths on purpose: a whole entry and one of its fields conflict separately. */
const KEYS = [
  'lifting.flight',
  'lifting.platform',
  'meet.name',
  'registration.entries[0]',
  'registration.entries[0].lot',
];

type Command =
  | { readonly kind: 'edit'; readonly engine: number; readonly key: string; readonly value: number }
  | { readonly kind: 'cut' | 'restore'; readonly device: number }
  | { readonly kind: 'restart' }
  | { readonly kind: 'pause'; readonly ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      engine: fc.nat({ max: 2 }),
      key: fc.constantFrom(...KEYS),
      value: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('cut' as const), device: fc.nat({ max: 3 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('restore' as const), device: fc.nat({ max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pause' as const),
      ms: fc.integer({ min: 0, max: 15 }),
    }),
  },
);

test('engines converge on the server log whatever the edits, cuts and restarts', async () => {
  await using server = await startSyncServer();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2, max: 3 }),
      fc.array(command, { minLength: 1, maxLength: 25 }),
      async (count, commands) => {
        await using engines = new Engines();
        const nets = Array.from({ length: count + 1 }, () => new Network());
        const updating = nets.slice(0, count).map((net) => engines.add(engineOptions(server, net)));
        const overlay = engines.add(engineOptions(server, nets[count]!));
        const [desk, ...others] = updating;
        const { meetId } = await desk!.createMeet({
          thisLocationName: 'desk',
          password: PASSWORD,
          endpoints: ENDPOINTS,
        });
        for (const [index, engine] of others.entries()) {
          const locationName = ENDPOINTS[index + 1]!.locationName;
          await engine.joinMeet({ meetId, password: PASSWORD, locationName });
        }
        await overlay.joinMeet({ meetId, password: PASSWORD });
        const acked: AckRecord[] = [];
        for (const engine of updating) collectAcks(engine, acked);

        for (const step of commands) {
          switch (step.kind) {
            case 'edit': {
              const value =
                step.key === 'registration.entries[0]' ? { lot: step.value } : step.value;
              updating[step.engine % count]!.edit(step.key, value);
              break;
            }
            case 'cut':
              nets[step.device % nets.length]!.cut();
              break;
            case 'restore':
              nets[step.device % nets.length]!.restore();
              break;
            case 'restart':
              await server.restart();
              break;
            case 'pause':
              await sleep(step.ms);
              break;
          }
        }
        for (const net of nets) net.restore();

        const all = [...updating, overlay];
        const truth = await converged(server, overlay.sessionToken ?? '', all, 15_000);
        for (const engine of all) assert.deepEqual(engine.state, truth.state);
        const log = await storedLog(server, meetId);
        assert.equal(log.length, truth.head);
        assertLogHonoursAcks(log, acked);
      },
    ),
    { numRuns: 30 },
  );
});
