// The presence protocol's JSON text frames: what relay-mode clients get from the server
// (SERVER_HELLO, PRESENCE_JOIN, PRESENCE_LEAVE), the ERROR frame both modes use for input the
// server refuses, and the identifier rules shared by server, SDK and pages.

/** Room ids and client ids: 1–128 letters, digits, `-`, `_`, `.`, `:`. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export interface ServerHelloFrame {
  readonly type: 'SERVER_HELLO';
  readonly room_id: string;
  readonly client_id: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

export interface PresenceFrame {
  readonly type: 'PRESENCE_JOIN' | 'PRESENCE_LEAVE';
  readonly room_id: string;
  readonly client_id: string;
  readonly user_id: string;
  readonly display_name: string | null;
  /** Unix seconds. */
  readonly timestamp: number;
}

/** Why the server refused one frame (the connection stays open). */
export const PresenceErrorCode = {
  /** The frame is not a protobuf Message (or is text in protobuf mode). */
  DecodeError: 'decode_error',
  /** A Message the server does not accept here: no payload, a server-only one, a bad field. */
  InvalidMessage: 'invalid_message',
  /** The message would speak for another client (its avatar or its entities). */
  Forbidden: 'forbidden',
  /** An EntityUpdate/EntityDespawn for an entity the room does not have. */
  UnknownEntity: 'unknown_entity',
  /** Frames are arriving faster than the connection's rate; the excess was dropped. */
  RateLimited: 'rate_limited',
} as const;
export type PresenceErrorCode = (typeof PresenceErrorCode)[keyof typeof PresenceErrorCode];

export interface ErrorFrame {
  readonly type: 'ERROR';
  readonly code: PresenceErrorCode;
  readonly message: string;
  /** The refused message's `message_id`, when it had one. */
  readonly message_id?: string;
  /** With `rate_limited`: when sending may succeed again. */
  readonly retry_after_ms?: number;
}

export type ServerTextFrame = ServerHelloFrame | PresenceFrame | ErrorFrame;

/** Seconds since the Unix epoch, as the text frames carry time. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
