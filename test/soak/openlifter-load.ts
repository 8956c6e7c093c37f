// The chaos soak's OpenLifter load and its end check. Real MeetSyncEngines (the Node SDK, in
// memory) at the locations of one or two meets edit keys of their own and keys every location
// fights over, through the fault proxy. At the end the server's log is pulled directly (not
// through the proxy) and must be gap-free, hold every acknowledged update exactly once where
// its ack said, and materialize to the state every engine shows and a fresh engine syncs to.

import { isDeepStrictEqual } from 'node:util';
import { MeetSyncEngine } from '../../src/client/openlifter/index.ts';
import type { RelayedUpdate } from '../../src/protocol/openlifter/messages.ts';
import { materialize } from '../../src/protocol/openlifter/meet-state.ts';
import { countBy, poll, sleep, type Violations } from './soak-support.ts';

const PASSWORD = 'soak meet password';
/** Keys every location of a meet edits: where conflicts and priorities are exercised. */
const SHARED_KEYS = ['lifting.flight', 'lifting.platform', 'meet.name'] as const;

interface Acked {
  readonly engine: string;
  readonly location: string;
  readonly localSeqNum: number;
  readonly serverSeqNum: number;
  readonly updateKey: string;
  readonly updateValue: unknown;
}

interface Member {
  readonly name: string;
  readonly meet: number;
  readonly location: string;
  readonly engine: MeetSyncEngine;
  edits: number;
}

export interface OpenLifterFigures {
  engines: number;
  meets: number;
  edits: number;
  acked: number;
  conflicts: number;
  rejected: number;
  errors: number;
}

export interface OpenLifterLoadOptions {
  /** Through the proxy. */
  readonly url: string;
  /** Straight to the server, for the end check. */
  readonly directUrl: string;
  readonly engines: number;
  readonly meets: number;
  readonly editEveryMs: number;
  readonly random: () => number;
}

export class OpenLifterLoad {
  readonly figures: OpenLifterFigures;
  readonly #options: OpenLifterLoadOptions;
  readonly #members: Member[] = [];
  readonly #acked: Acked[] = [];
  readonly #meetIds: string[] = [];
  readonly #sessionInvalid: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: OpenLifterLoadOptions) {
    this.#options = options;
    this.figures = {
      engines: options.engines,
      meets: options.meets,
      edits: 0,
      acked: 0,
      conflicts: 0,
      rejected: 0,
      errors: 0,
    };
  }

  /** Reconnections of all engines, from their status changes. */
  reconnects = 0;

  /** Creates the meets and joins every engine (faults should be off meanwhile). */
  async setUp(): Promise<void> {
    const { engines, meets } = this.#options;
    const perMeet: string[][] = Array.from({ length: meets }, () => []);
    for (let index = 0; index < engines; index++) perMeet[index % meets]!.push(`loc${index}`);
    for (const [meet, locations] of perMeet.entries()) {
      // Alternating priorities: some conflicts are won by rank, some by equal priority.
      const endpoints = locations.map((locationName, rank) => ({
        locationName,
        priority: (rank % 2) + 1,
      }));
      let meetId: string | undefined;
      for (const location of locations) {
        const engine = this.#engine();
        const member: Member = { name: `m${meet}/${location}`, meet, location, engine, edits: 0 };
        this.#listen(member);
        if (meetId === undefined) {
          const session = await engine.createMeet({
            thisLocationName: location,
            password: PASSWORD,
            endpoints,
          });
          meetId = session.meetId;
          this.#meetIds.push(meetId);
        } else {
          await engine.joinMeet({ meetId, password: PASSWORD, locationName: location });
        }
        this.#members.push(member);
      }
    }
    const online = await poll(
      () => this.#members.every((m) => m.engine.syncStatus === 'online'),
      30_000,
    );
    if (!online) throw new Error('openlifter: not every engine came online after joining');
  }

  start(): void {
    this.#running = true;
    this.#tick();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  /** Every engine online with nothing pending and at the server's head. */
  async settled(): Promise<boolean> {
    if (
      !this.#members.every((m) => m.engine.syncStatus === 'online' && m.engine.pendingCount === 0)
    ) {
      return false;
    }
    for (const meet of this.#meetIds.keys()) {
      const members = this.#members.filter((m) => m.meet === meet);
      const token = members[0]?.engine.sessionToken;
      if (token === undefined) return false;
      const { head } = await pullLog(this.#options.directUrl, token, 0, true);
      if (!members.every((m) => m.engine.lastServerSeq === head)) return false;
    }
    return true;
  }

  /** One line of what is waiting, for a report when settling fails. */
  describeUnsettled(): string {
    return this.#members
      .filter((m) => m.engine.syncStatus !== 'online' || m.engine.pendingCount > 0)
      .map((m) => `${m.name}: ${m.engine.syncStatus}, ${m.engine.pendingCount} pending`)
      .join('; ');
  }

  async check(violations: Violations): Promise<void> {
    for (const name of this.#sessionInvalid) {
      violations.add('openlifter: session invalidated', name);
    }
    for (const [meet, meetId] of this.#meetIds.entries()) {
      const members = this.#members.filter((m) => m.meet === meet);
      const token = members[0]!.engine.sessionToken!;
      const { log, head } = await pullLog(this.#options.directUrl, token, 0, false);
      const label = `meet ${meetId}`;
      log.forEach((entry, index) => {
        if (entry.serverSeqNum !== index + 1) {
          violations.add(
            'openlifter: log not gap-free',
            `${label}: #${index + 1} is ${entry.serverSeqNum}`,
          );
        }
      });
      if (log.length !== head)
        violations.add('openlifter: log length', `${label}: ${log.length} vs head ${head}`);
      // Every edit value is unique (engine name and counter): a value twice is an update doubled.
      for (const [value, count] of countBy(log, (entry) => JSON.stringify(entry.updateValue))) {
        if (count > 1)
          violations.add('openlifter: update doubled in the log', `${label}: ${value} ×${count}`);
      }
      const bySeq = new Map(log.map((entry) => [entry.serverSeqNum, entry]));
      for (const ack of this.#acked) {
        if (!members.some((m) => m.name === ack.engine)) continue;
        const entry = bySeq.get(ack.serverSeqNum);
        if (
          entry?.updateKey !== ack.updateKey ||
          !isDeepStrictEqual(entry.updateValue, ack.updateValue) ||
          entry.locationName !== ack.location
        ) {
          violations.add(
            'openlifter: acked update lost',
            `${label}: ${ack.engine} local ${ack.localSeqNum} → server ${ack.serverSeqNum} ` +
              `(${ack.updateKey}=${JSON.stringify(ack.updateValue)}), log has ${JSON.stringify(entry)}`,
          );
        }
      }
      for (const [key, count] of countBy(
        this.#acked,
        (ack) => `${ack.engine}:${ack.localSeqNum}`,
      )) {
        if (count > 1) violations.add('openlifter: acknowledged twice', `${key} ×${count}`);
      }
      const state = materialize(log);
      for (const member of members) {
        if (!isDeepStrictEqual(member.engine.state, state)) {
          violations.add('openlifter: engine differs from the server', `${label}: ${member.name}`);
        }
        if (member.engine.pendingCount !== 0) {
          violations.add(
            'openlifter: edits still pending',
            `${member.name}: ${member.engine.pendingCount}`,
          );
        }
      }
      // A fresh display-only engine, straight to the server: its full sync is the server's view.
      const fresh = new MeetSyncEngine({ url: this.#options.directUrl });
      try {
        await fresh.joinMeet({ meetId, password: PASSWORD });
        const synced = await poll(
          () => fresh.syncStatus === 'online' && fresh.lastServerSeq >= head,
          30_000,
        );
        if (!synced) violations.add('openlifter: fresh engine did not sync', label);
        else if (!isDeepStrictEqual(fresh.state, state)) {
          violations.add('openlifter: fresh engine differs from the log', label);
        }
      } finally {
        await fresh.close();
      }
    }
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(this.#members.map((m) => m.engine.close()));
  }

  #engine(): MeetSyncEngine {
    return new MeetSyncEngine({
      url: this.#options.url,
      heartbeatIntervalMs: 2000,
      heartbeatTimeoutMs: 6000,
      socket: {
        backoff: { initialDelayMs: 100, maxDelayMs: 2000 },
        backOffMinDelayMs: 500,
        connectTimeoutMs: 5000,
      },
    });
  }

  #listen(member: Member): void {
    const { engine } = member;
    engine.addEventListener('acknowledged', (event) => {
      for (const update of event.updates) {
        this.figures.acked++;
        this.#acked.push({
          engine: member.name,
          location: member.location,
          localSeqNum: update.localSeqNum,
          serverSeqNum: update.serverSeqNum,
          updateKey: update.updateKey,
          updateValue: update.updateValue,
        });
      }
    });
    engine.addEventListener('conflict', () => this.figures.conflicts++);
    engine.addEventListener('rejected', (event) => (this.figures.rejected += event.updates.length));
    engine.addEventListener('error', () => this.figures.errors++);
    engine.addEventListener('sessionInvalid', () => this.#sessionInvalid.push(member.name));
    let wasOnline = false;
    engine.addEventListener('syncStatus', (event) => {
      if (event.status === 'online') {
        if (wasOnline) this.reconnects++;
        wasOnline = true;
      }
    });
  }

  #tick(): void {
    if (!this.#running) return;
    const { random, editEveryMs } = this.#options;
    for (const member of this.#members) {
      if (random() < 0.5) continue;
      member.edits++;
      const value = `${member.name}#${member.edits}`;
      const key =
        random() < 0.3
          ? SHARED_KEYS[Math.floor(random() * SHARED_KEYS.length)]!
          : `registration.entries[${Number(member.location.slice(3)) * 4 + (member.edits % 4)}].bodyweightKg`;
      member.engine.edit(key, value);
      this.figures.edits++;
    }
    this.#timer = setTimeout(
      () => {
        this.#tick();
      },
      editEveryMs * 2 * random(),
    );
  }
}

/**
 * The meet's whole log from the server, paged by CLIENT_PULL over a direct WebSocket.
 * `headOnly`: just the first page's head.
 */
export async function pullLog(
  url: string,
  sessionToken: string,
  from: number,
  headOnly: boolean,
): Promise<{ log: RelayedUpdate[]; head: number }> {
  const socket = new WebSocket(url);
  const log: RelayedUpdate[] = [];
  try {
    const frames: unknown[] = [];
    let wake: (() => void) | undefined;
    socket.addEventListener('message', (event) => {
      frames.push(JSON.parse(String(event.data)));
      wake?.();
    });
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener(
        'open',
        () => {
          resolve();
        },
        { once: true },
      );
      socket.addEventListener(
        'error',
        () => {
          reject(new Error('pull: connection failed'));
        },
        {
          once: true,
        },
      );
    });
    let last = from;
    for (;;) {
      socket.send(JSON.stringify({ msgType: 'CLIENT_PULL', sessionToken, lastServerSeq: last }));
      const deadline = performance.now() + 30_000;
      let page: { lastServerSeq: number; updatesRelayed: RelayedUpdate[] } | undefined;
      while (page === undefined) {
        const frame = frames.shift() as
          { msgType?: string; lastServerSeq: number; updatesRelayed: RelayedUpdate[] } | undefined;
        if (frame?.msgType === 'SERVER_PULL') page = frame;
        else if (frame === undefined) {
          if (performance.now() > deadline) throw new Error('pull: no SERVER_PULL');
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), sleep(500)]);
        } else if (frame.msgType !== 'SERVER_PULL') {
          throw new Error(`pull: unexpected ${JSON.stringify(frame)}`);
        }
      }
      if (headOnly) return { log, head: page.lastServerSeq };
      log.push(...page.updatesRelayed);
      const tail = page.updatesRelayed.at(-1)?.serverSeqNum ?? last;
      if (tail >= page.lastServerSeq || page.updatesRelayed.length === 0) {
        return { log, head: page.lastServerSeq };
      }
      last = tail;
    }
  } finally {
    socket.close();
  }
}
