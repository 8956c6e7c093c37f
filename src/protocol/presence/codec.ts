// Encoding and decoding `graphwiz.core.Message` frames of the presence protocol's protobuf mode,
// with the static code generated from presence.proto (./generated/, `npm run proto:generate`):
// plain functions over protobufjs/minimal, no .proto parser, no reflection and nothing compiled
// at run time, so browsers load it under a CSP without 'unsafe-eval' as the server does.
// Decoding never throws.

import type { IConversionOptions } from 'protobufjs/minimal.js';
import { graphwiz } from './generated/presence.js';
import {
  MessageType,
  PAYLOAD_MESSAGE_TYPE,
  PresenceEventType,
  type EmptyMessage,
  type MessageInit,
  type PresenceMessage,
} from './messages.ts';

const MessageSchema = graphwiz.core.Message;

// Plain objects with every field present (defaults), int64 as numbers (milliseconds fit in
// 2^53), enums as numbers, bytes as Uint8Array, and the oneof's case in `payload`.
const TO_OBJECT: IConversionOptions = {
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
};

export type DecodeResult =
  | { readonly ok: true; readonly message: PresenceMessage | EmptyMessage }
  | { readonly ok: false; readonly error: string };

/** Decodes one binary frame; bytes that are not a Message give `{ok: false}` with the reason. */
export function decodeMessage(bytes: Uint8Array): DecodeResult {
  let decoded: graphwiz.core.Message;
  try {
    decoded = MessageSchema.decode(bytes);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'not a protobuf message' };
  }
  const message = MessageSchema.toObject(decoded, TO_OBJECT) as unknown as
    PresenceMessage | EmptyMessage;
  return { ok: true, message };
}

/** Encodes a message; `type` defaults to the payload's MessageType, the rest to proto defaults. */
export function encodeMessage(init: MessageInit): Uint8Array {
  const object = { ...init, type: init.type ?? messageTypeOf(init) };
  return MessageSchema.encode(MessageSchema.fromObject(object)).finish();
}

/** The MessageType that goes with a payload. */
export function messageTypeOf(init: MessageInit): MessageType {
  if (init.payload !== 'presenceEvent') return PAYLOAD_MESSAGE_TYPE[init.payload];
  switch (init.presenceEvent.eventType) {
    case PresenceEventType.Leave:
      return MessageType.PresenceLeave;
    case PresenceEventType.Update:
      return MessageType.PresenceUpdate;
    default:
      return MessageType.PresenceJoin;
  }
}
