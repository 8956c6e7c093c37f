// What a scenario is: one measured run against one freshly started server, driven through the
// load generator, returning flat named numbers (see report/metrics.ts for units).

import type { GeneratorProcess } from '../runner/generator-process.ts';
import type { Sizes } from '../runner/options.ts';
import type { ServerProcess } from '../runner/server-process.ts';
import type { ProbeStats } from '../servers/probe-commands.ts';
import type { TargetName } from '../servers/targets.ts';

export type Metrics = Record<string, number>;

export interface ScenarioContext {
  readonly server: ServerProcess;
  /** Further nodes of the same target, for scenarios with `nodes` > 1 (else empty). */
  readonly peers: readonly ServerProcess[];
  /** The environment every server of this run got on top of its target's own. */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** Repetition number, from 1 (e.g. to alternate the order of a run's phases). */
  readonly rep: number;
  readonly generator: GeneratorProcess;
  readonly sizes: Sizes;
  /** Local addresses this run's clients connect from. */
  readonly sourceAddresses: readonly string[];
  readonly log: (text: string) => void;
}

export interface Scenario {
  readonly name: string;
  /** One line on what the run does, with this run's sizes. */
  describe(sizes: Sizes): string;
  /** Connections the run opens at most (sizes the children's open-file limits). */
  connections(sizes: Sizes): number;
  run(context: ScenarioContext): Promise<Metrics>;
  /**
   * App scenarios measure Hearth's own apps and run against these servers only (no reference
   * implements the app); core scenarios leave it out and run against every server.
   */
  readonly targets?: readonly TargetName[];
  /** Extra environment for the server under test (e.g. a Hearth setting the scenario varies). */
  readonly serverEnv?: Readonly<Record<string, string>>;
  /**
   * Servers of the target each run starts (default 1): `server`, then `peers`, all alike (same
   * environment, same CPU).
   */
  readonly nodes?: number;
  /**
   * Why the scenario cannot run here (e.g. a service it needs is unreachable), or undefined.
   * Asked once before its runs: the scenario is then skipped with the reason printed (in CI,
   * where the services are set up, it fails instead).
   */
  unavailable?(): Promise<string | undefined>;
  /** What one run needs besides its servers, acquired before they start. */
  acquire?(): Promise<RunResources>;
}

/** What a scenario acquires for one run: released after the run's servers have stopped. */
export interface RunResources {
  /** Added to every server's environment for this run (e.g. a key prefix of its own). */
  readonly serverEnv?: Readonly<Record<string, string>>;
  /**
   * Processes outside the bench that the run keeps busy (e.g. a local Redis): their CPU is the
   * run's own, not other processes' load.
   */
  readonly pids?: readonly number[];
  release?(): Promise<void>;
}

/** Whether the scenario runs against this server. */
export function runsAgainst(scenario: Scenario, target: TargetName): boolean {
  return scenario.targets === undefined || scenario.targets.includes(target);
}

/** Server CPU (user + system) in µs over the probe's window. */
export function cpuUs(stats: ProbeStats): number {
  return stats.cpuUserUs + stats.cpuSystemUs;
}

/** Share of one core the server used over the window, in percent. */
export function cpuPercent(stats: ProbeStats): number {
  return stats.wallMs > 0 ? (cpuUs(stats) / 1000 / stats.wallMs) * 100 : 0;
}

export const MIB = 1024 * 1024;

/** 10000 → "10,000", for scenario descriptions. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
