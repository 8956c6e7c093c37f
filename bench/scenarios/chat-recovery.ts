// App scenario: chat recovery. An admin (first-run setup), one open room, N messages posted over
// HTTP (each persisted before its 201), then catch-up connections: a WebSocket opened with
// `last_seen_message_id` of the first message reads the N − 1 later ones, sending `Sync` for each
// further page, until `SyncComplete` says `has_more: false`. Timed from opening the socket.

import { SERVER_HOST } from '../lib/net.ts';
import { count, cpuUs, type Scenario } from './scenario.ts';

/** Posting and reconnecting as fast as possible is the point: lift the per-user/IP limits. */
const CHAT_ENV = {
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '100000000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
  HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
};
const RECOVERY_TIMEOUT_MS = 60_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export const chatRecovery: Scenario = {
  name: 'chat-recovery',
  targets: ['hearth'],
  serverEnv: CHAT_ENV,
  describe: ({ chat }) =>
    `Hearth only. One admin, one open room, ${count(chat.messages)} messages of 100 bytes posted ` +
    `over HTTP (${chat.inFlight} requests open); then ${chat.recoveries} catch-up connections, one ` +
    'after another (after one warm-up), each from `last_seen_message_id` of the first message ' +
    'until `SyncComplete` with `has_more: false` (`Sync` for each further page of ' +
    '`recovery_page_size` = 500).',
  connections: () => 4,
  async run(context) {
    const { server, generator, sizes, log } = context;
    const { messages, inFlight, recoveries } = sizes.chat;
    const setup = await generator.chatSetup({
      baseUrl: `http://${SERVER_HOST}:${server.port}`,
      messages,
      inFlight,
    });
    log(`${messages} messages posted in ${setup.insertMs.toFixed(0)} ms`);
    const warm = await generator.chatRecover({ timeoutMs: RECOVERY_TIMEOUT_MS });
    log(`warm-up recovery: ${warm.elapsedMs.toFixed(0)} ms, ${warm.pages} pages`);
    await server.reset();
    const times: number[] = [];
    let received = 0;
    let pages = 0;
    for (let index = 0; index < recoveries; index++) {
      const result = await generator.chatRecover({ timeoutMs: RECOVERY_TIMEOUT_MS });
      times.push(result.elapsedMs);
      received = result.received;
      pages = result.pages;
    }
    const stats = await server.stats(false);
    return {
      recoveryMs: median(times),
      recoveryMaxMs: Math.max(...times),
      coldRecoveryMs: warm.elapsedMs,
      recoveryPages: pages,
      recoveredMessages: received,
      missingMessages: messages - 1 - received,
      serverCpuMsPerRecovery: cpuUs(stats) / 1000 / recoveries,
      httpMessagesPerSec: messages / (setup.insertMs / 1000),
    };
  },
};
