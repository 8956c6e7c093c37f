// The WebSocket close codes Hearth uses, defined once for server, client SDK and pages.
// Application codes in the 4xxx range mirror HTTP statuses (4401 ~ 401), as hocuspocus does,
// so a close code reads like the HTTP refusal it stands for.

export const CloseCode = {
  /** Normal closure: the conversation is over. */
  Normal: 1000,
  /** The server is going away (drain, shutdown): reconnect elsewhere. */
  GoingAway: 1001,
  /** The peer broke the WebSocket protocol. */
  ProtocolError: 1002,
  /** A frame type this endpoint does not accept (text where binary is expected, …). */
  UnsupportedData: 1003,
  /** A frame or message violated the application protocol. */
  PolicyViolation: 1008,
  /** A frame or message was larger than the endpoint accepts. */
  MessageTooBig: 1009,
  /** The server hit an unexpected condition. */
  InternalError: 1011,
  /** The server is restarting: reconnect (after a short delay). */
  ServiceRestart: 1012,
  /** Overloaded: try again later. */
  TryAgainLater: 1013,
  /** Authentication missing or invalid. Do not reconnect with the same credentials. */
  Unauthorized: 4401,
  /** Authenticated, but not allowed here. Do not reconnect. */
  Forbidden: 4403,
  /** Authentication did not arrive in time. */
  AuthTimeout: 4408,
  /** Too many frames, too many connections, or a consumer too slow to keep up. */
  RateLimited: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Close codes after which a client must not reconnect automatically: retrying cannot succeed
 * until the user does something (log in again, get access).
 */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
]);

/** Close codes that ask the client to come back after a pause rather than at once. */
export const BACK_OFF_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.TryAgainLater,
  CloseCode.RateLimited,
  CloseCode.ServiceRestart,
]);
