// The chaos soak: a real `hearth serve` behind a fault-injecting proxy, restarted on a schedule
// (graceful and kill -9 in turn), under mixed load from the three apps' SDK clients. Phases:
// set-up (faults off) → chaos (faults, restarts, load) → settle (faults off, load stopped,
// clients catch up) → end checks (each app's guarantees, server memory) → report.
// `npm run soak -- --minutes N [--seed S]` runs it (run.ts); test/reliability/soak.test.ts
// runs a short one in CI.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatLoad, type ChatFigures } from './chat-load.ts';
import { FaultProxy, type ProxyCounters } from './fault-proxy.ts';
import { FaultSchedule, seededRandom } from './fault-schedule.ts';
import { OpenLifterLoad, type OpenLifterFigures } from './openlifter-load.ts';
import { PresenceLoad, type PresenceFigures } from './presence-load.ts';
import { freePort, ServerSupervisor, type RestartKind } from './server-supervisor.ts';
import { poll, sleep, Violations } from './soak-support.ts';

export interface SoakOptions {
  /** Length of the chaos phase (faults, restarts, load). */
  readonly minutes: number;
  readonly seed: number;
  readonly openlifterEngines?: number;
  readonly chatClients?: number;
  readonly presenceClients?: number;
  /** Time between restarts; they stop at half the chaos phase (the rest measures memory). */
  readonly restartEveryMs?: number;
  readonly progressEveryMs?: number;
  readonly settleTimeoutMs?: number;
  /** Where progress lines go. */
  readonly log?: (line: string) => void;
  /** Keep the data dir (its path is in the report). */
  readonly keepData?: boolean;
}

export interface SoakReport {
  readonly ok: boolean;
  readonly seed: number;
  readonly minutes: number;
  readonly elapsedMs: number;
  readonly dataDir: string;
  readonly proxy: ProxyCounters;
  readonly faultsInjected: number;
  readonly restarts: Readonly<Record<RestartKind, number>>;
  readonly openlifter: OpenLifterFigures;
  readonly chat: ChatFigures;
  readonly presence: PresenceFigures;
  readonly reconnects: { openlifter: number; chat: number; presence: number };
  readonly rss: {
    readonly warmupBytes: number | undefined;
    readonly endBytes: number | undefined;
    readonly driftBytes: number | undefined;
    readonly limitBytes: number | undefined;
  };
  readonly violations: readonly string[];
}

/** Server settings for the soak: limits raised (every client is 127.0.0.1), timers shortened. */
const PRESENCE_RETRY_MS = 1000;
const PRESENCE_MAX_RETRIES = 10;
const PRESENCE_GRACE_MS = 30_000;
const LIVENESS_MS = 5000;
const SERVER_ENV: Record<string, string> = {
  HEARTH_LOG__LEVEL: 'error',
  HEARTH_WEB__ENABLED: 'false',
  HEARTH_WEBSOCKET__HEARTBEAT_INTERVAL_MS: '2000',
  HEARTH_SERVER__DRAIN_TIMEOUT_MS: '5000',
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '1000000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '1000000',
  HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
  HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE: '1000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTIONS_PER_USER: '50',
  HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
  HEARTH_APPS__OPENLIFTER__JOIN_ATTEMPTS_PER_MEET_PER_MINUTE: '1000',
  HEARTH_APPS__PRESENCE__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '1000000',
  HEARTH_APPS__PRESENCE__RELIABLE__RETRY_INTERVAL_MS: String(PRESENCE_RETRY_MS),
  HEARTH_APPS__PRESENCE__RELIABLE__MAX_RETRIES: String(PRESENCE_MAX_RETRIES),
  HEARTH_APPS__PRESENCE__RECONNECT_GRACE_MS: String(PRESENCE_GRACE_MS),
};

/**
 * Memory margin at the end: RSS after the load stopped and the server idled may exceed the
 * RSS sampled after warm-up (same process, under load) by at most this. Generous on purpose:
 * V8 grows its heap lazily and rarely hands pages back, SQLite's page cache and the meets'
 * in-memory logs grow with the data (a few MB over a long run); what it must catch is memory
 * that grows with traffic or faults (buffers of dead connections, unbounded queues), which over
 * minutes of chaos is far more than this.
 */
export function rssLimitBytes(warmupBytes: number): number {
  return Math.max(64 * 1024 * 1024, warmupBytes * 0.5);
}

const MB = 1024 * 1024;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log =
    options.log ??
    ((line: string) => {
      console.log(line);
    });
  const chaosMs = Math.round(options.minutes * 60_000);
  const random = seededRandom(options.seed ^ 0x5eed);
  const t0 = performance.now();
  const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s`;
  const violations = new Violations();

  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-soak-'));
  const supervisor = new ServerSupervisor({ port: await freePort(), dataDir, env: SERVER_ENV });
  const killOnExit = (): void => {
    supervisor.killNow();
  };
  process.once('exit', killOnExit);
  const proxy = new FaultProxy({
    schedule: new FaultSchedule({ seed: options.seed }),
    upstreamPort: () => supervisor.port,
  });
  const proxyPort = await proxy.listen();
  const via = `ws://127.0.0.1:${proxyPort}`;
  const direct = `ws://127.0.0.1:${supervisor.port}`;
  const openlifter = new OpenLifterLoad({
    url: `${via}/openlifter/ws`,
    directUrl: `${direct}/openlifter/ws`,
    engines: options.openlifterEngines ?? 6,
    meets: 2,
    editEveryMs: 400,
    random,
  });
  const chat = new ChatLoad({
    url: `${via}/chat/ws`,
    httpUrl: supervisor.httpUrl,
    clients: options.chatClients ?? 4,
    sendEveryMs: 800,
    random,
  });
  const presence = new PresenceLoad({
    url: `${via}/presence/ws`,
    clients: options.presenceClients ?? 4,
    chatEveryMs: 1000,
    graceMs: PRESENCE_GRACE_MS,
    horizonMs: PRESENCE_RETRY_MS * (PRESENCE_MAX_RETRIES + 1) + LIVENESS_MS + 5000,
    livenessMs: LIVENESS_MS,
    random,
  });

  let warmupBytes: number | undefined;
  let endBytes: number | undefined;
  let progress: ReturnType<typeof setInterval> | undefined;
  const restartCounts: Record<RestartKind, number> = { graceful: 0, kill: 0 };
  try {
    log(`soak: seed ${options.seed}, chaos ${options.minutes} min, data ${dataDir}`);
    await supervisor.start();
    log(`${elapsed()} server up on ${supervisor.port}, proxy on ${proxyPort}; setting up clients`);
    await chat.setUp();
    await openlifter.setUp();
    await presence.setUp();

    const line = (phase: string): string => {
      const { injected } = proxy.counters;
      return (
        `${elapsed()} ${phase.padEnd(7)} faults ${proxy.faultsInjected} ` +
        `(slow ${injected.slow} drop ${injected.drop} reset ${injected.reset} ` +
        `half-open ${injected['half-open']} drip ${injected.drip}) ` +
        `restarts ${restartCounts.kill} kill/${restartCounts.graceful} graceful | ` +
        `ol ${openlifter.figures.acked}/${openlifter.figures.edits} acked | ` +
        `chat ${chat.figures.delivered}/${chat.figures.sent} delivered | ` +
        `presence ${presence.figures.acked}/${presence.figures.sent} acked | ` +
        `reconnects ${openlifter.reconnects + chat.reconnects + presence.reconnects} | ` +
        `conns ${proxy.liveConnections}`
      );
    };
    let phase = 'chaos';
    progress = setInterval(() => {
      log(line(phase));
    }, options.progressEveryMs ?? 5000);

    // Chaos: faults on, load on, restarts at fixed times in the first half.
    proxy.setFaults(true);
    openlifter.start();
    chat.start();
    presence.start();
    const chaosStart = performance.now();
    const restartWindowMs = chaosMs / 2;
    const everyMs = Math.min(options.restartEveryMs ?? 40_000, restartWindowMs / 2);
    const restartTimes: number[] = [];
    for (let at = everyMs; at <= restartWindowMs; at += everyMs) restartTimes.push(at);
    let nextKind: RestartKind = 'kill';
    for (const at of restartTimes) {
      await sleep(Math.max(0, chaosStart + at - performance.now()));
      log(`${elapsed()} restart: ${nextKind === 'kill' ? 'kill -9' : 'SIGTERM (graceful)'}`);
      await supervisor.restart(nextKind);
      restartCounts[nextKind]++;
      nextKind = nextKind === 'kill' ? 'graceful' : 'kill';
    }
    // The last process warms up under load, then its memory is the baseline.
    const warmupMs = Math.min(30_000, (chaosStart + chaosMs - performance.now()) / 2);
    await sleep(warmupMs);
    warmupBytes = await supervisor.rssBytes();
    log(`${elapsed()} server RSS after warm-up: ${mb(warmupBytes)}`);
    await sleep(Math.max(0, chaosStart + chaosMs - performance.now()));

    // Settle: no new faults (pending ones disarmed), no new messages; clients catch up.
    phase = 'settle';
    proxy.setFaults(false);
    openlifter.stop();
    chat.stop();
    presence.stop();
    const settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
    const settled = await poll(
      async () => presence.settled() && (await openlifter.settled()) && (await chat.settled()),
      settleTimeoutMs,
      500,
    );
    if (!settled) {
      violations.add(
        'clients did not settle',
        `within ${settleTimeoutMs} ms: openlifter [${openlifter.describeUnsettled()}] ` +
          `chat [${chat.describeUnsettled()}] presence [${presence.describeUnsettled()}]`,
      );
    }
    phase = 'check';
    log(`${elapsed()} settled: ${settled}; checking`);
    await openlifter.check(violations);
    await chat.check(violations);
    presence.check(violations, supervisor.restarts);

    // Memory: the load has stopped; let the server idle, then sample.
    presence.quiesce();
    await sleep(5000);
    endBytes = await supervisor.rssBytes();
    if (warmupBytes === undefined || endBytes === undefined) {
      violations.add('memory', 'could not read the server RSS from /proc');
    } else if (endBytes - warmupBytes > rssLimitBytes(warmupBytes)) {
      violations.add(
        'memory',
        `RSS ${mb(endBytes)} at the end vs ${mb(warmupBytes)} after warm-up ` +
          `(limit +${mb(rssLimitBytes(warmupBytes))})`,
      );
    }
    clearInterval(progress);
    log(line('done'));
  } catch (error) {
    violations.add(
      'soak aborted',
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    const tail = supervisor.stderrTail();
    if (tail !== '') violations.add('server stderr', tail);
  } finally {
    clearInterval(progress);
    presence.close();
    await Promise.all([openlifter.close(), chat.close()]).catch(() => undefined);
    await proxy.close();
    await supervisor.stop('graceful');
    process.off('exit', killOnExit);
    if (options.keepData !== true) await rm(dataDir, { recursive: true, force: true });
  }
  for (const problem of supervisor.problems) violations.add('server process', problem);
  for (const kind of ['drop', 'reset', 'half-open', 'drip', 'slow'] as const) {
    if (proxy.counters.injected[kind] === 0)
      violations.add('coverage', `no ${kind} fault was injected`);
  }
  const lines = violations.lines();
  return {
    ok: violations.total === 0,
    seed: options.seed,
    minutes: options.minutes,
    elapsedMs: Math.round(performance.now() - t0),
    dataDir,
    proxy: proxy.counters,
    faultsInjected: proxy.faultsInjected,
    restarts: restartCounts,
    openlifter: openlifter.figures,
    chat: chat.figures,
    presence: presence.figures,
    reconnects: {
      openlifter: openlifter.reconnects,
      chat: chat.reconnects,
      presence: presence.reconnects,
    },
    rss: {
      warmupBytes,
      endBytes,
      driftBytes:
        warmupBytes === undefined || endBytes === undefined ? undefined : endBytes - warmupBytes,
      limitBytes: warmupBytes === undefined ? undefined : rssLimitBytes(warmupBytes),
    },
    violations: lines,
  };
}

export function mb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / MB).toFixed(1)} MB`;
}

/** The report as text: figures first, then every violation. */
export function formatReport(report: SoakReport): string {
  const { proxy, openlifter: ol, chat, presence: p, rss } = report;
  const injected = Object.entries(proxy.injected)
    .filter(([kind]) => kind !== 'clean')
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    `chaos soak: ${report.ok ? 'PASSED' : 'FAILED'} (seed ${report.seed}, ${report.minutes} min of chaos, ${(report.elapsedMs / 60_000).toFixed(1)} min in all)`,
    `  connections through the proxy: ${proxy.connections} (${proxy.upstreamFailed} found the server down)`,
    `  faults injected: ${report.faultsInjected} (${injected}); every connection also had latency and jitter`,
    `  restarts: ${report.restarts.kill} kill -9, ${report.restarts.graceful} graceful`,
    `  openlifter: ${ol.engines} engines in ${ol.meets} meets; ${ol.edits} edits, ${ol.acked} acked, ${ol.conflicts} conflicts lost, ${ol.rejected} rejected; ${report.reconnects.openlifter} resyncs`,
    `  chat: ${chat.clients} clients in ${chat.rooms} rooms; ${chat.sent} sent, ${chat.delivered} delivered, ${chat.failed} failed, ${chat.received} received; ${report.reconnects.chat} re-syncs`,
    `  presence: ${p.clients} clients; ${p.poses} poses, ${p.sent} reliable sent, ${p.acked} acked, ${p.delivered} delivered; ${report.reconnects.presence} reconnects (${p.livenessReconnects} on silence)`,
    `    loss checked for ${p.checkedDeliveries} deliveries (${p.excusedLosses} missing ones excused by a restart/id change/long absence); ${p.excusedDuplicates} repeats excused (restart or id change before the ack)`,
    `  server RSS: ${mb(rss.warmupBytes)} after warm-up, ${mb(rss.endBytes)} at the end (drift ${mb(rss.driftBytes)}, limit +${mb(rss.limitBytes)})`,
  ];
  if (report.violations.length > 0) {
    lines.push('  violations:');
    for (const line of report.violations) lines.push(`    ${line}`);
  } else {
    lines.push('  violations: none (losses 0, duplicates 0)');
  }
  return lines.join('\n');
}
