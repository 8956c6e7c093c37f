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
  ChatRecoverRequest,
  ChatRecoverResult,
  ChatSetupRequest,
  ChatSetupResult,
  ChatFanoutPhaseRequest,
  ChatFanoutPhaseResult,
  ChatFanoutSetupRequest,
  ChatFanoutSetupResult,
  GeneratorCommands,
  OpenLifterPhaseRequest,
  OpenLifterPhaseResult,
  OpenLifterSetupRequest,
  OpenLifterSetupResult,
  PresencePhaseRequest,
  PresencePhaseResult,
  PresenceSetupRequest,
  PresenceSetupResult,
} from '../load/commands.ts';

export const GENERATOR_CPU = 1;

export interface GeneratorProcess {
  readonly pid: number;
  connect(request: ConnectRequest): Promise<ConnectResult>;
  fanout(request: FanoutRequest): Promise<FanoutResult>;
  chatSetup(request: ChatSetupRequest): Promise<ChatSetupResult>;
  chatRecover(request: ChatRecoverRequest): Promise<ChatRecoverResult>;
  chatFanoutSetup(request: ChatFanoutSetupRequest): Promise<ChatFanoutSetupResult>;
  chatFanoutPhase(request: ChatFanoutPhaseRequest): Promise<ChatFanoutPhaseResult>;
  presenceSetup(request: PresenceSetupRequest): Promise<PresenceSetupResult>;
  presencePhase(request: PresencePhaseRequest): Promise<PresencePhaseResult>;
  openlifterSetup(request: OpenLifterSetupRequest): Promise<OpenLifterSetupResult>;
  openlifterPhase(request: OpenLifterPhaseRequest): Promise<OpenLifterPhaseResult>;
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
    // Bounded only against a stuck generator: posting 10,000 messages takes seconds.
    chatSetup: (request) => peer.request('chatSetup', request, 600_000).catch(withTail),
    chatRecover: (request) =>
      peer.request('chatRecover', request, request.timeoutMs + 30_000).catch(withTail),
    // Setup hashes two passwords per user on the server (about 0.3 s each here).
    chatFanoutSetup: (request) =>
      peer
        .request('chatFanoutSetup', request, request.users * 2_000 + request.timeoutMs + 60_000)
        .catch(withTail),
    chatFanoutPhase: (request) => {
      // The phase ends itself after idleTimeoutMs without progress; this guards a stuck generator.
      const sending = request.mode === 'paced' ? (request.messages / request.ratePerSec) * 1000 : 0;
      return peer
        .request('chatFanoutPhase', request, sending + request.idleTimeoutMs * 3 + 600_000)
        .catch(withTail);
    },
    presenceSetup: (request) => {
      const rounds = Math.ceil((request.rooms * request.clientsPerRoom) / request.inFlight);
      return peer
        .request('presenceSetup', request, request.timeoutMs * rounds + 60_000)
        .catch(withTail);
    },
    presencePhase: (request) => {
      const sending = (request.framesPerClient / request.hz) * 1000;
      return peer
        .request('presencePhase', request, sending + request.idleTimeoutMs * 3 + 120_000)
        .catch(withTail);
    },
    openlifterSetup: (request) =>
      peer.request('openlifterSetup', request, request.timeoutMs * 3 + 30_000).catch(withTail),
    openlifterPhase: (request) => {
      // The phase ends itself after idleTimeoutMs without an ack; this guards a stuck generator.
      const sending = request.mode === 'paced' ? (request.updates / request.ratePerSec) * 1000 : 0;
      return peer
        .request('openlifterPhase', request, sending + request.idleTimeoutMs * 3 + 600_000)
        .catch(withTail);
    },
    close: async (group) => {
      const { closed } = await peer.request('close', group === undefined ? {} : { group }, 60_000);
      return closed;
    },
    stop: () => stopChild(node.child, 5_000),
  };
}
