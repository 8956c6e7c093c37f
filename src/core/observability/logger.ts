// Structured logging for the whole server: pino, JSON lines or pretty text, optionally also to a
// file, with the level changeable at runtime. Secrets are redacted by path and tokens are
// stripped from logged URLs so that nothing a client authenticates with ends up in a log.

import pino, { type Logger, type LevelWithSilent, type StreamEntry } from 'pino';
import PinoPretty from 'pino-pretty';

export type { Logger };
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  /** @default "info" */
  readonly level?: LogLevel;
  /** @default "json" */
  readonly format?: 'json' | 'pretty';
  /** Also append JSON lines to this file. */
  readonly file?: string | undefined;
  /** Where JSON/pretty output goes. @default process.stdout */
  readonly destination?: NodeJS.WritableStream;
}

/** Query parameters whose values are credentials. */
const SECRET_QUERY_PARAMS =
  /^(token|auth_token|access_token|session_token|password|key|secret|api_key|apikey)$/i;

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'sessionToken',
  '*.sessionToken',
  'session_token',
  '*.session_token',
  'auth_token',
  '*.auth_token',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const streams: StreamEntry[] = [];
  const destination = options.destination ?? process.stdout;
  streams.push({
    level: 'trace',
    stream:
      options.format === 'pretty'
        ? PinoPretty({ destination, colorize: false, sync: true })
        : destination,
  });
  if (options.file !== undefined) {
    streams.push({
      level: 'trace',
      stream: pino.destination({ dest: options.file, mkdir: true, sync: false }),
    });
  }
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(streams),
  );
}

/** A URL path with the values of credential-bearing query parameters replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const key of params.keys()) {
    if (SECRET_QUERY_PARAMS.test(key)) {
      params.set(key, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${params.toString()}` : url;
}
