// Small apps for exercising the core in tests: each records what the core did to it.

import type { AppContext, HearthApp } from '../../src/core/app.ts';
import type { Connection } from '../../src/core/connection.ts';

export interface RecordedClose {
  readonly id: string;
  readonly code: number;
  readonly reason: string;
}

/** An app that records connections and frames; hooks can be replaced per test. */
export interface RecordingApp extends HearthApp<undefined> {
  context: AppContext | undefined;
  readonly opened: Connection<undefined>[];
  readonly received: { id: string; text: string; isBinary: boolean }[];
  readonly closes: RecordedClose[];
  readonly rateLimited: number[];
}

export function createRecordingApp(
  overrides: Partial<HearthApp<undefined>> & { name?: string; prefix?: string } = {},
): RecordingApp {
  const app: RecordingApp = {
    name: overrides.name ?? 'test',
    prefix: overrides.prefix ?? '/test',
    context: undefined,
    opened: [],
    received: [],
    closes: [],
    rateLimited: [],
    start(context) {
      app.context = context;
    },
    onOpen(connection) {
      app.opened.push(connection);
    },
    onMessage(connection, data, isBinary) {
      app.received.push({ id: connection.id, text: data.toString('utf8'), isBinary });
    },
    onRateLimited(_connection, retryAfterMs) {
      app.rateLimited.push(retryAfterMs);
    },
    onClose(connection, code, reason) {
      app.closes.push({ id: connection.id, code, reason });
    },
    ...overrides,
  };
  return app;
}
