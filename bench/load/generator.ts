// The load generator process (pinned to its own CPU by the runner): holds groups of client
// connections and runs the runner's commands on them over IPC, reporting progress as it goes.
// It exits with its parent, so an interrupted bench never leaves clients connected.

import type { BenchClient } from './bench-client.ts';
import { openClients } from './client-pool.ts';
import type { GeneratorCommands } from './commands.ts';
import { chatRecover, chatSetup } from './chat.ts';
import { chatFanoutClose, chatFanoutPhase, chatFanoutSetup } from './chat-fanout.ts';
import { runFanout } from './fanout.ts';
import { openlifterClose, openlifterPhase, openlifterSetup } from './openlifter.ts';
import { presenceClose, presencePhase, presenceSetup } from './presence.ts';
import { emitEvent, serveIpc } from '../lib/ipc.ts';

const groups = new Map<string, BenchClient[]>();

function progress(text: string): void {
  emitEvent({ event: 'progress', text });
}

function group(name: string): BenchClient[] {
  const clients = groups.get(name);
  if (clients === undefined || clients.length === 0)
    throw new Error(`no open clients in "${name}"`);
  return clients;
}

const serving = serveIpc<GeneratorCommands>({
  async connect(request) {
    const { clients, result } = await openClients(request, progress);
    const existing = groups.get(request.group) ?? [];
    groups.set(request.group, existing.concat(clients));
    return result;
  },
  fanout(request) {
    const [publisher] = group(request.publisherGroup);
    const receivers = request.receiverGroups.flatMap(group);
    return runFanout(request, publisher!, receivers, progress);
  },
  chatSetup(request) {
    return chatSetup(request, progress);
  },
  chatRecover(request) {
    return chatRecover(request);
  },
  chatFanoutSetup(request) {
    return chatFanoutSetup(request, progress);
  },
  chatFanoutPhase(request) {
    return chatFanoutPhase(request, progress);
  },
  presenceSetup(request) {
    return presenceSetup(request, progress);
  },
  presencePhase(request) {
    return presencePhase(request, progress);
  },
  openlifterSetup(request) {
    return openlifterSetup(request);
  },
  openlifterPhase(request) {
    return openlifterPhase(request, progress);
  },
  close({ group: name }) {
    let closed = name === undefined || name === 'openlifter' ? openlifterClose() : 0;
    if (name === undefined || name === 'chat-fanout') closed += chatFanoutClose();
    if (name === undefined || name === 'presence') closed += presenceClose();
    for (const [key, clients] of groups) {
      if (name !== undefined && key !== name) continue;
      for (const client of clients) client.ws.terminate();
      closed += clients.length;
      groups.delete(key);
    }
    return { closed };
  },
});

if (!serving) {
  console.error('bench/load/generator.ts is started by bench/run.ts (it needs an IPC channel)');
  process.exit(2);
}
process.on('disconnect', () => {
  process.exit(0);
});
