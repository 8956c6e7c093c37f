// The load generator as the runner sees it: a child process pinned to CPU 1 (the server has
// CPU 0) that holds the client connections; its progress lines are passed to `onProgress`.

import { stopChild } from '../lib/children.ts';
import { IpcPeer } from '../lib/ipc.ts';
import { spawnNode } from '../lib/spawn-node.ts';
import type {
  ConnectRequest,
  ConnectResult,
  FanoutRequest,
  FanoutResult,
  GeneratorCommands,
} from '../load/commands.ts';

export const GENERATOR_CPU = 1;

export interface GeneratorProcess {
  readonly pid: number;
  connect(request: ConnectRequest): Promise<ConnectResult>;
  fanout(request: FanoutRequest): Promise<FanoutResult>;
  close(group?: string): Promise<number>;
  stop(): Promise<void>;
}

export function startGenerator(options: {
  readonly openFiles: number;
  readonly onProgress: (text: string) => void;
}): GeneratorProcess {
  const node = spawnNode({
    label: 'generator',
    cpu: GENERATOR_CPU,
    nodeArgs: ['bench/load/generator.ts'],
    openFiles: options.openFiles,
  });
  const peer = new IpcPeer<GeneratorCommands>(node.child, 'load generator');
  peer.onEvent((event) => {
    if (event.text !== undefined) options.onProgress(event.text);
  });
  const withTail = (error: unknown): never => {
    throw new Error(`${(error as Error).message}\n${node.tail()}`, { cause: error });
  };
  return {
    pid: node.child.pid ?? 0,
    connect: (request) => {
      // Bounded: every handshake has its own timeout; this only guards a stuck generator.
      const bound = request.timeoutMs * Math.ceil(request.count / request.inFlight) + 60_000;
      return peer.request('connect', request, bound).catch(withTail);
    },
    fanout: (request) => {
      const sending = (request.messages / request.burstSize) * request.intervalMs;
      const bound = sending + request.idleTimeoutMs * 3 + 120_000;
      return peer.request('fanout', request, bound).catch(withTail);
    },
    close: async (group) => {
      const { closed } = await peer.request('close', group === undefined ? {} : { group }, 60_000);
      return closed;
    },
    stop: () => stopChild(node.child, 5_000),
  };
}
