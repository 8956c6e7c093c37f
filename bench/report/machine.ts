// A description of the machine a run was taken on, for the results file and the docs: numbers
// from different machines are not comparable, so every report carries its own.

import { cpus, release, totalmem, type as osType } from 'node:os';
import { canPin, childAutogroupsRaised, openFileLimit } from '../lib/platform.ts';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly cpuMHz: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly pinned: boolean;
  readonly openFiles: number;
  /** Nice value of the bench processes (negative: raised priority). */
  readonly nice: number;
  /** Whether each child ran in its own autogroup at that nice value. */
  readonly ownAutogroups: boolean;
}

export function describeMachine(nice: number): MachineInfo {
  const list = cpus();
  const limit = openFileLimit();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    cpuMHz: list[0]?.speed ?? 0,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${osType()} ${release()}`,
    node: process.version,
    pinned: canPin(),
    openFiles: limit.soft,
    nice,
    ownAutogroups: childAutogroupsRaised(),
  };
}

export function machineLine(machine: MachineInfo): string {
  const speed = machine.cpuMHz > 0 ? ` @ ${machine.cpuMHz} MHz` : '';
  const pinning = machine.pinned
    ? 'server pinned to CPU 0, load generator (and runner) to CPU 1 with taskset'
    : 'no CPU pinning (taskset or a second CPU missing)';
  return (
    `${machine.cpuModel} (${machine.cpuCount} CPUs${speed}), ${machine.memoryGiB} GiB RAM, ` +
    `${machine.kernel}, Node ${machine.node}; ${pinning}; bench processes at nice ${machine.nice}` +
    `${machine.ownAutogroups ? ' in their own autogroups' : ''}; ` +
    `open-file limit ${machine.openFiles}; ` +
    'loopback only'
  );
}
