// The server the fuzz tests attack: one in-process Hearth with every app mounted (cheap scrypt,
// per-IP and per-connection rate limits lifted so the fuzzer measures robustness, not the
// limiters), plus the invariants checked after a fuzz run: no uncaught exception or unhandled
// rejection, no handler error, an echo round trip on a fresh connection, heap bounded after GC.

import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chatConfigSchema } from '../../../src/apps/chat/config.ts';
import { createChatApp } from '../../../src/apps/chat/chat-app.ts';
import { createEchoApp } from '../../../src/apps/echo/echo-app.ts';
import { openlifterConfigSchema } from '../../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../../src/apps/openlifter/openlifter-app.ts';
import { presenceConfigSchema } from '../../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../../src/apps/presence/presence-app.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import type { RawConfig } from '../../../src/core/config/sources.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { TestClient } from '../../support/ws-client.ts';

const MANY = 1_000_000;
/** The fuzzer sends as fast as it can; the frame-rate limiter has tests of its own. */
const UNTHROTTLED: RawConfig = { frames_per_second: MANY, frame_burst: MANY };

/** Frame size limits of the fuzz server, per app. */
export const FUZZ_PAYLOAD_LIMITS = {
  chat: 64 * 1024,
  openlifter: 256 * 1024,
  presence: 64 * 1024,
  echo: 64 * 1024,
} as const;

export const APPS_RAW = {
  chat: {
    limits: {
      connection_attempts_per_ip_per_minute: MANY,
      login_attempts_per_ip_per_minute: MANY,
      login_attempts_per_account_per_minute: MANY,
      messages_per_minute: MANY,
      typing_per_minute: MANY,
      connections_per_user: 1000,
    },
    websocket: { ...UNTHROTTLED, max_payload_bytes: FUZZ_PAYLOAD_LIMITS.chat },
  },
  openlifter: {
    join_attempts_per_ip_per_minute: MANY,
    join_attempts_per_meet_per_minute: MANY,
    websocket: { ...UNTHROTTLED, max_payload_bytes: FUZZ_PAYLOAD_LIMITS.openlifter },
  },
  presence: {
    connection_attempts_per_ip_per_minute: MANY,
    websocket: { ...UNTHROTTLED, max_payload_bytes: FUZZ_PAYLOAD_LIMITS.presence },
  },
  echo: { websocket: { ...UNTHROTTLED, max_payload_bytes: FUZZ_PAYLOAD_LIMITS.echo } },
} satisfies RawConfig;

export async function startFuzzServer(): Promise<TestServer> {
  const cheap = () => new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } });
  return startTestServer({
    apps: () => [
      createChatApp(chatConfigSchema.parse(APPS_RAW.chat), { hasher: cheap() }),
      createOpenLifterApp(openlifterConfigSchema.parse(APPS_RAW.openlifter), { hasher: cheap() }),
      createPresenceApp(presenceConfigSchema.parse(APPS_RAW.presence)),
      createEchoApp('/echo'),
    ],
    config: { apps: APPS_RAW },
  });
}

/** Collects uncaught exceptions and unhandled rejections while a fuzz test runs. */
export class ProcessWatch implements Disposable {
  readonly problems: string[] = [];
  private readonly onError = (error: unknown): void => {
    this.problems.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  };

  constructor() {
    process.on('uncaughtException', this.onError);
    process.on('unhandledRejection', this.onError);
  }

  [Symbol.dispose](): void {
    process.off('uncaughtException', this.onError);
    process.off('unhandledRejection', this.onError);
  }
}

let collect: (() => void) | undefined;

/** Used heap after a full garbage collection (the gc hook is exposed at run time). */
export function heapAfterGc(): number {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** What the fuzz run may have grown the heap by: fuzzed meets and messages are kept by design. */
export const HEAP_MARGIN_BYTES = 64 * 1024 * 1024;

/** The invariants every fuzz test ends with. */
export async function assertServerHealthy(
  server: TestServer,
  watch: ProcessWatch,
  heapBefore: number,
): Promise<void> {
  assert.deepEqual(watch.problems, [], 'uncaught exceptions or unhandled rejections');
  const metrics = await scrapeMetrics(server.url);
  for (const app of ['chat', 'openlifter', 'presence', 'echo']) {
    const errors = metricSample(metrics, 'hearth_handler_errors_total', { app }) ?? 0;
    assert.equal(errors, 0, `${app} handlers threw unexpected errors`);
  }
  await using probe = await TestClient.connect(server.wsUrl('/echo/ws'));
  probe.send('still serving');
  assert.equal((await probe.waitFor()).text, 'still serving');
  const growth = heapAfterGc() - heapBefore;
  assert.ok(growth < HEAP_MARGIN_BYTES, `heap grew by ${growth} bytes`);
}

/** A close code the server may use for a fuzzed connection; 1011 (internal error) never. */
export function assertProtocolClose(code: number, payloadBytes: number, limit: number): void {
  assert.notEqual(code, 1011, 'the server hit an internal error');
  if (payloadBytes > limit) assert.equal(code, 1009, `a ${payloadBytes}-byte frame`);
}
