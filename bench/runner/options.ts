// Command-line options of `npm run bench` and the sizes of the full and --quick suites.
// The full suite aims at ≤ 15 minutes on a 2-core machine; --quick is a 1–2 minute smoke run.

import { parseArgs } from 'node:util';
import { isTargetName, TARGETS, type TargetName } from '../servers/targets.ts';

export interface Sizes {
  readonly repetitions: number;
  /** Subscribers in the fan-out room (the publisher is one more member). */
  readonly subscribers: number;
  readonly burst: {
    readonly messages: number;
    readonly burstSize: number;
    readonly intervalMs: number;
    readonly warmupMessages: number;
  };
  readonly paced: {
    readonly messagesPerSecond: number;
    readonly warmupSeconds: number;
    readonly measureSeconds: number;
  };
  readonly idle: { readonly connections: number; readonly inFlight: number };
  readonly connect: { readonly connections: number; readonly inFlight: number };
  /** App scenario chat-recovery: messages in one room, then timed catch-up connections. */
  readonly chat: {
    readonly messages: number;
    readonly inFlight: number;
    readonly recoveries: number;
  };
  /** App scenario openlifter-durable: one meet, `writers` locations sending 1-update batches. */
  readonly openlifter: {
    readonly writers: number;
    /** Offered updates/s of the latency phase, all writers together. */
    readonly ratePerSec: number;
    readonly warmupUpdates: number;
    readonly pacedSeconds: number;
    /** Updates of the throughput phase (one batch in flight per writer). */
    readonly throughputUpdates: number;
  };
  /**
   * App scenario chat-fanout: one open room whose members are `users` users with
   * `connectionsPerUser` WebSockets each; the first connections of `senders` users send.
   */
  readonly chatFanout: {
    readonly users: number;
    readonly connectionsPerUser: number;
    readonly senders: number;
    /** Offered messages/s of the latency phase, all senders together. */
    readonly ratePerSec: number;
    readonly warmupMessages: number;
    readonly pacedSeconds: number;
    /** Unanswered messages per sender in the throughput phase. */
    readonly inFlight: number;
    readonly throughputMessages: number;
  };
  /** App scenarios presence-poses(-protobuf): `rooms` × `clientsPerRoom` clients posing at `hz`. */
  readonly presence: {
    readonly rooms: number;
    readonly clientsPerRoom: number;
    readonly hz: number;
    readonly warmupSeconds: number;
    readonly measureSeconds: number;
  };
}

export const FULL_SIZES: Sizes = {
  repetitions: 3,
  subscribers: 500,
  // 20 messages back-to-back every 5 ms: 4,000 msg/s × 501 receivers offered, more than any
  // server here delivers, so the phase measures how fast the backlog is cleared.
  burst: { messages: 2_000, burstSize: 20, intervalMs: 5, warmupMessages: 200 },
  // 20 s = 1,000 messages: each percentile up to p99.9 rests on at least one whole message.
  paced: { messagesPerSecond: 50, warmupSeconds: 2, measureSeconds: 20 },
  idle: { connections: 10_000, inFlight: 200 },
  // 5,000 rather than 2,000: at ~5,000/s a 2,000-connection window is too short to be stable.
  connect: { connections: 5_000, inFlight: 100 },
  chat: { messages: 10_000, inFlight: 16, recoveries: 5 },
  openlifter: {
    writers: 8,
    ratePerSec: 500,
    warmupUpdates: 500,
    pacedSeconds: 10,
    throughputUpdates: 4_000,
  },
  // 100 member connections: 20 users × 5 (100 distinct users would cost 200 scrypt hashes,
  // about a minute of server CPU per run, for setup alone).
  chatFanout: {
    users: 20,
    connectionsPerUser: 5,
    senders: 4,
    ratePerSec: 200,
    warmupMessages: 200,
    pacedSeconds: 10,
    inFlight: 8,
    throughputMessages: 5_000,
  },
  // The load: 1,000 clients, 20,000 poses/s in, 380,000 deliveries/s out.
  presence: { rooms: 50, clientsPerRoom: 20, hz: 20, warmupSeconds: 2, measureSeconds: 10 },
};

export const QUICK_SIZES: Sizes = {
  repetitions: 1,
  subscribers: 100,
  burst: { messages: 400, burstSize: 20, intervalMs: 5, warmupMessages: 40 },
  paced: { messagesPerSecond: 50, warmupSeconds: 1, measureSeconds: 3 },
  idle: { connections: 1_000, inFlight: 200 },
  connect: { connections: 500, inFlight: 100 },
  chat: { messages: 1_000, inFlight: 16, recoveries: 2 },
  openlifter: {
    writers: 8,
    ratePerSec: 500,
    warmupUpdates: 100,
    pacedSeconds: 2,
    throughputUpdates: 500,
  },
  chatFanout: {
    users: 4,
    connectionsPerUser: 5,
    senders: 2,
    ratePerSec: 100,
    warmupMessages: 50,
    pacedSeconds: 2,
    inFlight: 8,
    throughputMessages: 500,
  },
  presence: { rooms: 10, clientsPerRoom: 10, hz: 20, warmupSeconds: 1, measureSeconds: 2 },
};

export interface BenchOptions {
  readonly mode: 'full' | 'quick';
  readonly sizes: Sizes;
  /** Scenario names, in run order. */
  readonly scenarios: readonly string[];
  readonly targets: readonly TargetName[];
  /** Write a CPU profile of this target's server process for each run. */
  readonly profile: TargetName | undefined;
  /** Regenerate the results section of docs/benchmarks.md and the chart. */
  readonly writeDocs: boolean;
  /** The results JSON file. */
  readonly out: string;
  /** Measure nothing: regenerate the docs section and chart from this results file. */
  readonly fromResults: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick              1–2 minute smoke run: smaller sizes, 1 repetition, docs untouched
  --scenario NAME      run only this scenario (repeatable, or comma-separated; prefix match:
                       "fanout" = fanout-burst + fanout-paced; app scenarios such as
                       openlifter-durable, chat-recovery, chat-fanout and presence-poses
                       run against hearth only; cross-node-fanout also needs REDIS_URL)
  --target NAME        run only this server (repeatable): ${TARGETS.map((t) => t.name).join(', ')}
  --reps N             repetitions per scenario and server
  --profile NAME       write a --cpu-prof profile of that server for every run (to the OS tmpdir)
  --docs / --no-docs   regenerate docs/benchmarks.md results (default: only after a full run)
  --out FILE           results JSON (default bench/results/<mode>.json)
  --from-results FILE  measure nothing; regenerate docs/benchmarks.md and the chart from FILE
  -h, --help`;

export function parseOptions(
  argv: readonly string[],
  allScenarios: readonly string[],
): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowNegative: true,
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      target: { type: 'string', multiple: true },
      reps: { type: 'string' },
      profile: { type: 'string' },
      docs: { type: 'boolean' },
      out: { type: 'string' },
      'from-results': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const mode = values.quick ? 'quick' : 'full';
  const base = mode === 'quick' ? QUICK_SIZES : FULL_SIZES;
  const reps = values.reps === undefined ? base.repetitions : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1 || reps > 10) throw new Error('--reps must be 1–10');
  const scenarios = pickScenarios(values.scenario, allScenarios);
  const targets = pickTargets(values.target);
  const profile = values.profile;
  if (profile !== undefined && !isTargetName(profile)) throw new Error(`unknown target ${profile}`);
  const complete = scenarios.length === allScenarios.length && targets.length === TARGETS.length;
  return {
    mode,
    sizes: { ...base, repetitions: reps },
    scenarios,
    targets,
    profile,
    writeDocs: values.docs ?? (mode === 'full' && complete),
    out: values.out ?? `bench/results/${mode}${complete ? '' : '-partial'}.json`,
    fromResults: values['from-results'],
  };
}

function split(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).filter((value) => value !== '');
}

function pickScenarios(wanted: readonly string[] | undefined, all: readonly string[]): string[] {
  const names = split(wanted);
  if (names.length === 0) return [...all];
  const picked = all.filter((scenario) => names.some((name) => scenario.startsWith(name)));
  const unknown = names.filter((name) => !all.some((scenario) => scenario.startsWith(name)));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')} (have: ${all.join(', ')})`);
  }
  return picked;
}

function pickTargets(wanted: readonly string[] | undefined): TargetName[] {
  const names = split(wanted);
  if (names.length === 0) return TARGETS.map((target) => target.name);
  for (const name of names) if (!isTargetName(name)) throw new Error(`unknown target ${name}`);
  return TARGETS.map((target) => target.name).filter((name) => names.includes(name));
}
