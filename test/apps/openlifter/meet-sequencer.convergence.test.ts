// Convergence of the sync protocol around the sequencer: 2–4 simulated clients at random
// locations and priorities edit a small key set, with random delivery order, offline periods,
// lost messages, re-sends and server restarts; once all have synced, all hold the server's log.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import { MeetSequencer } from '../../../src/apps/openlifter/meet-sequencer.ts';
import {
  applyEntry,
  EMPTY_STATE,
  materialize,
} from '../../../src/protocol/openlifter/meet-state.ts';
import type { JsonObject } from '../../../src/protocol/openlifter/meet-state.ts';
import type { Endpoint, StoredUpdate } from '../../../src/apps/openlifter/store.ts';
import type {
  ClientUpdate,
  RelayedUpdate,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../../src/protocol/openlifter/messages.ts';
import {
  KEYS,
  endpointsOf,
  prioritiesArbitrary,
  relayed,
  valueArbitrary,
} from './sequencer-fixtures.ts';
import type { UpdateValue } from './sequencer-fixtures.ts';

// Each simulated client keeps what the client sync engine keeps: pending
// updates (afterServerSeqNum = its last contiguous server number when the edit was made), a
// canonical log by server number (acks move pending → canonical, relays and pulls fill it,
// a rejection drops the pending update and the winner's relay overwrites the value), and the
// state materialized from that log in order.

type ToServer =
  | { readonly kind: 'updates'; readonly updates: ClientUpdate[] }
  | { readonly kind: 'pull'; readonly lastServerSeq: number };
type ToClient =
  | { readonly kind: 'ack'; readonly acks: readonly UpdateAckEntry[] }
  | { readonly kind: 'rejected'; readonly rejected: readonly UpdateRejectedEntry[] }
  | { readonly kind: 'entries'; readonly entries: readonly RelayedUpdate[] };

class SimClient {
  readonly sessionId: string;
  readonly location: string;
  online = true;
  private nextLocal = 1;
  pending: ClientUpdate[] = [];
  private readonly sentOnConnection = new Set<number>();
  readonly canonical = new Map<number, RelayedUpdate>();
  lastSeq = 0;
  state: JsonObject = EMPTY_STATE;
  readonly acked = new Map<number, number>();
  readonly rejectedLocals = new Set<number>();
  toServer: ToServer[] = [];
  toClient: ToClient[] = [];

  constructor(index: number, location: string) {
    this.sessionId = `session-${index}`;
    this.location = location;
  }

  edit(updateKey: string, updateValue: UpdateValue): void {
    const localSeqNum = this.nextLocal++;
    this.pending.push({ localSeqNum, updateKey, updateValue, afterServerSeqNum: this.lastSeq });
  }

  /** Sends, as one batch, the pending updates not yet sent on this connection. */
  flush(): void {
    if (!this.online) return;
    const updates = this.pending.filter((u) => !this.sentOnConnection.has(u.localSeqNum));
    if (updates.length === 0) return;
    for (const u of updates) this.sentOnConnection.add(u.localSeqNum);
    this.toServer.push({ kind: 'updates', updates });
  }

  /** The connection drops: whatever was in flight either way is lost. */
  disconnect(): void {
    this.online = false;
    this.toServer = [];
    this.toClient = [];
  }

  /** Reconnect: pull what was missed, then re-send everything still pending. */
  connect(): void {
    this.online = true;
    this.sentOnConnection.clear();
    this.toServer.push({ kind: 'pull', lastServerSeq: this.lastSeq });
    this.flush();
  }

  receive(message: ToClient): void {
    if (message.kind === 'entries') {
      for (const entry of message.entries) this.learn(entry);
    } else if (message.kind === 'ack') {
      for (const { localSeqNum, serverSeqNum } of message.acks) {
        const known = this.acked.get(localSeqNum);
        assert.ok(known === undefined || known === serverSeqNum, 'an ack never changes');
        assert.ok(!this.rejectedLocals.has(localSeqNum), 'a rejected update is never acked');
        this.acked.set(localSeqNum, serverSeqNum);
        const update = this.pending.find((u) => u.localSeqNum === localSeqNum);
        if (update === undefined) continue; // a repeat of an ack already applied
        this.pending = this.pending.filter((u) => u !== update);
        const { updateKey, updateValue } = update;
        this.learn({ updateKey, updateValue, serverSeqNum, locationName: this.location });
      }
    } else {
      for (const { localSeqNum, conflict } of message.rejected) {
        assert.ok(conflict, 'only conflicts are expected here');
        assert.ok(!this.acked.has(localSeqNum), 'an acked update is never rejected');
        this.rejectedLocals.add(localSeqNum);
        this.pending = this.pending.filter((u) => u.localSeqNum !== localSeqNum);
      }
    }
  }

  /** Adds an entry to the canonical log; the same number must always mean the same entry. */
  private learn(entry: RelayedUpdate): void {
    const known = this.canonical.get(entry.serverSeqNum);
    if (known !== undefined) {
      assert.deepEqual(known, entry, `entry ${entry.serverSeqNum} seen twice, differently`);
      return;
    }
    this.canonical.set(entry.serverSeqNum, entry);
    for (let next = this.canonical.get(this.lastSeq + 1); next !== undefined;) {
      this.state = applyEntry(this.state, next);
      this.lastSeq++;
      next = this.canonical.get(this.lastSeq + 1);
    }
  }
}

/** Totals over all runs, so the test can show it exercised what it claims to. */
const seen = { appended: 0, overruled: 0, conflicts: 0, repeatedAcks: 0, restarts: 0, pulls: 0 };

class SimServer {
  private readonly endpoints: readonly Endpoint[];
  sequencer: MeetSequencer;
  /** What the caller would have made durable, in order. */
  readonly persisted: StoredUpdate[] = [];

  constructor(endpoints: readonly Endpoint[]) {
    this.endpoints = endpoints;
    this.sequencer = new MeetSequencer(endpoints);
  }

  /** A restart reloads the log from what was persisted. */
  restart(): void {
    this.sequencer = new MeetSequencer(this.endpoints, this.persisted);
    seen.restarts++;
  }

  handle(from: SimClient, message: ToServer, everyone: readonly SimClient[]): void {
    if (message.kind === 'pull') {
      seen.pulls++;
      from.toClient.push({
        kind: 'entries',
        entries: this.sequencer.entriesAfter(message.lastServerSeq),
      });
      return;
    }
    const outcome = this.sequencer.submit(from.sessionId, from.location, message.updates);
    this.persisted.push(...outcome.appended);
    seen.appended += outcome.appended.length;
    seen.overruled += outcome.overruled;
    seen.conflicts += outcome.rejected.length;
    seen.repeatedAcks += outcome.acks.length - outcome.appended.length;
    if (outcome.acks.length > 0) from.toClient.push({ kind: 'ack', acks: outcome.acks });
    if (outcome.rejected.length > 0)
      from.toClient.push({ kind: 'rejected', rejected: outcome.rejected });
    if (outcome.winners.length > 0)
      from.toClient.push({ kind: 'entries', entries: outcome.winners });
    if (outcome.appended.length === 0) return;
    const entries = outcome.appended.map(relayed);
    for (const client of everyone) {
      if (client !== from && client.online) client.toClient.push({ kind: 'entries', entries });
    }
  }
}

const clientIndex = fc.nat(3);
const command = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(
      fc.constant('edit' as const),
      clientIndex,
      fc.nat(KEYS.length - 1),
      valueArbitrary,
      fc.boolean(), // send at once (if online) rather than batch with later edits
    ),
  },
  { weight: 6, arbitrary: fc.tuple(fc.constant('flush' as const), clientIndex) },
  { weight: 10, arbitrary: fc.tuple(fc.constant('toServer' as const), clientIndex) },
  { weight: 10, arbitrary: fc.tuple(fc.constant('toClient' as const), clientIndex) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('offline' as const), clientIndex) },
  { weight: 3, arbitrary: fc.tuple(fc.constant('online' as const), clientIndex) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('restart' as const)) },
);

/** Delivers every message in flight, both ways, until nothing moves. */
function quiesce(server: SimServer, clients: readonly SimClient[]): void {
  for (let moved = true; moved;) {
    moved = false;
    for (const client of clients) {
      for (let m = client.toServer.shift(); m !== undefined; m = client.toServer.shift()) {
        server.handle(client, m, clients);
        moved = true;
      }
      for (let m = client.toClient.shift(); m !== undefined; m = client.toClient.shift()) {
        client.receive(m);
        moved = true;
      }
    }
  }
}

test('property: clients converge on the server log whatever the interleaving', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 4 }),
      prioritiesArbitrary,
      fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
      fc.array(command, { minLength: 20, maxLength: 150, size: 'medium' }),
      (count, priorities, locationOf, commands) => {
        const endpoints = endpointsOf(priorities.slice(0, count));
        const server = new SimServer(endpoints);
        const clients = Array.from(
          { length: count },
          (_, i) => new SimClient(i, endpoints[locationOf[i]! % count]!.locationName),
        );
        for (const [kind, index, key, value, sendNow] of commands) {
          const client = clients[(index ?? 0) % count]!;
          if (kind === 'edit') {
            client.edit(KEYS[key]!, value);
            if (sendNow) client.flush();
          } else if (kind === 'flush') {
            client.flush();
          } else if (kind === 'toServer') {
            const message = client.toServer.shift();
            if (message !== undefined) server.handle(client, message, clients);
          } else if (kind === 'toClient') {
            const message = client.toClient.shift();
            if (message !== undefined) client.receive(message);
          } else if (kind === 'offline') {
            client.disconnect();
          } else if (kind === 'online') {
            if (!client.online) client.connect();
          } else {
            server.restart();
            for (const c of clients) c.disconnect();
          }
        }
        // Everyone comes back, sends what is pending, then pulls everything after its last seq.
        for (const client of clients) {
          if (client.online) client.flush();
          else client.connect();
        }
        quiesce(server, clients);
        for (const client of clients)
          client.toServer.push({ kind: 'pull', lastServerSeq: client.lastSeq });
        quiesce(server, clients);

        const log = server.sequencer.entriesAfter(0);
        const persisted = server.persisted;
        assert.deepEqual(
          persisted.map((e) => e.serverSeqNum),
          log.map((_, i) => i + 1),
          'gap-free',
        );
        assert.deepEqual(persisted.map(relayed), log);
        const expectedState = materialize(log);
        for (const client of clients) {
          assert.deepEqual(client.pending, [], 'every update was acked or rejected');
          assert.equal(client.lastSeq, log.length);
          assert.deepEqual(
            [...client.canonical.values()].sort((a, b) => a.serverSeqNum - b.serverSeqNum),
            log,
          );
          assert.deepEqual(client.state, expectedState);
          // Acked exactly once: each ack names this session's entry, and each of its entries was acked.
          const mine = persisted.filter((e) => e.sessionId === client.sessionId);
          assert.equal(new Set(mine.map((e) => e.localSeqNum)).size, mine.length, 'no duplicates');
          assert.equal(client.acked.size, mine.length);
          for (const [localSeqNum, serverSeqNum] of client.acked) {
            const entry = persisted[serverSeqNum - 1];
            assert.equal(entry?.sessionId, client.sessionId);
            assert.equal(entry.localSeqNum, localSeqNum);
          }
          for (const localSeqNum of client.rejectedLocals) {
            assert.ok(!mine.some((e) => e.localSeqNum === localSeqNum), 'rejected never logged');
          }
        }
      },
    ),
    { numRuns: 200 },
  );
  for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `no ${what} happened`);
});
