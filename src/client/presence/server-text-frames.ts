// Reading the server's JSON text frames at the boundary, once: SERVER_HELLO and PRESENCE_JOIN /
// PRESENCE_LEAVE (relay mode) and ERROR (protobuf mode). A frame that does not have exactly the
// documented field types is not the server's: in relay mode it is then a peer's opaque frame.

import {
  PresenceErrorCode,
  type ErrorFrame,
  type PresenceFrame,
  type ServerHelloFrame,
} from '../../protocol/presence/text-frames.ts';

export type ParsedTextFrame = ServerHelloFrame | PresenceFrame | ErrorFrame;

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(PresenceErrorCode));

/** The frame, validated; undefined when `text` is not a server frame of a known type. */
export function parseServerTextFrame(text: string): ParsedTextFrame | undefined {
  // Cheap test first: relay rooms carry many peer frames that are not JSON objects at all.
  if (!text.startsWith('{') || !text.includes('"type"')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'SERVER_HELLO':
      return isString(frame.room_id) && isString(frame.client_id) && isNumber(frame.timestamp)
        ? (frame as unknown as ServerHelloFrame)
        : undefined;
    case 'PRESENCE_JOIN':
    case 'PRESENCE_LEAVE':
      return isString(frame.room_id) &&
        isString(frame.client_id) &&
        isString(frame.user_id) &&
        (frame.display_name === null || isString(frame.display_name)) &&
        isNumber(frame.timestamp)
        ? (frame as unknown as PresenceFrame)
        : undefined;
    case 'ERROR':
      return isString(frame.code) &&
        ERROR_CODES.has(frame.code) &&
        isString(frame.message) &&
        (frame.message_id === undefined || isString(frame.message_id)) &&
        (frame.retry_after_ms === undefined || isNumber(frame.retry_after_ms))
        ? (frame as unknown as ErrorFrame)
        : undefined;
    default:
      return undefined;
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
