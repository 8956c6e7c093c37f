// One error type for everything Hearth refuses on purpose. Each code maps to the HTTP status used
// when refusing an HTTP request or an upgrade, and to the close code used on an open WebSocket,
// so every layer answers the same refusal the same way. `message` is safe to show to clients;
// internal detail goes in `cause`, which is only ever logged.

import { CloseCode } from './close-codes.ts';

export const ErrorCode = {
  BadRequest: 'bad_request',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  AuthTimeout: 'auth_timeout',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  TooManyConnections: 'too_many_connections',
  SlowConsumer: 'slow_consumer',
  Unavailable: 'unavailable',
  Internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

interface ErrorMapping {
  readonly httpStatus: number;
  readonly closeCode: CloseCode;
}

export const ERROR_MAPPINGS: Readonly<Record<ErrorCode, ErrorMapping>> = {
  bad_request: { httpStatus: 400, closeCode: CloseCode.PolicyViolation },
  unauthorized: { httpStatus: 401, closeCode: CloseCode.Unauthorized },
  forbidden: { httpStatus: 403, closeCode: CloseCode.Forbidden },
  not_found: { httpStatus: 404, closeCode: CloseCode.PolicyViolation },
  auth_timeout: { httpStatus: 408, closeCode: CloseCode.AuthTimeout },
  payload_too_large: { httpStatus: 413, closeCode: CloseCode.MessageTooBig },
  rate_limited: { httpStatus: 429, closeCode: CloseCode.RateLimited },
  too_many_connections: { httpStatus: 429, closeCode: CloseCode.RateLimited },
  slow_consumer: { httpStatus: 429, closeCode: CloseCode.RateLimited },
  unavailable: { httpStatus: 503, closeCode: CloseCode.TryAgainLater },
  internal_error: { httpStatus: 500, closeCode: CloseCode.InternalError },
};

export interface HearthErrorOptions {
  readonly cause?: unknown;
  /** Milliseconds after which retrying may succeed (rate limits). */
  readonly retryAfterMs?: number;
  /**
   * The exact JSON body to answer with, for protocols that prescribe their own (e.g. the
   * presence spec's 429 body). @default {error, message, retry_after_ms?}
   */
  readonly body?: Readonly<Record<string, unknown>>;
}

export class HearthError extends Error {
  override readonly name = 'HearthError';
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;
  private readonly body: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: HearthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body;
  }

  get httpStatus(): number {
    return ERROR_MAPPINGS[this.code].httpStatus;
  }

  get closeCode(): CloseCode {
    return ERROR_MAPPINGS[this.code].closeCode;
  }

  /** The body a client may see: code and safe message, never the cause. */
  toJSON(): Readonly<Record<string, unknown>> {
    if (this.body !== undefined) return this.body;
    return this.retryAfterMs === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, retry_after_ms: this.retryAfterMs };
  }
}

export function isHearthError(value: unknown): value is HearthError {
  return value instanceof HearthError;
}
