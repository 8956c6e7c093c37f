// Reading and writing OpenLifter frames: JSON text only, the message type checked against the
// protocol, fields validated by its schema. A bad frame becomes the spec's answer
// (MALFORMED_MESSAGE / UNKNOWN_MESSAGE_TYPE) and never an exception.

import {
  CLIENT_MESSAGE_SCHEMAS,
  type ClientMessage,
  type ServerMessage,
} from '../../protocol/openlifter/messages.ts';
import type { Connection } from '../../core/connection.ts';

export type Decoded =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly reply: ServerMessage };

export function decodeClientFrame(data: Buffer, isBinary: boolean): Decoded {
  if (isBinary) return malformed('binary frames are not part of this protocol; send JSON text');
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return malformed('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return malformed('a message must be a JSON object');
  }
  const msgType = (value as { msgType?: unknown }).msgType;
  if (typeof msgType !== 'string') return malformed('msgType is missing or not a string');
  if (!Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, msgType)) {
    return {
      ok: false,
      reply: { msgType: 'UNKNOWN_MESSAGE_TYPE', unknownMsgType: msgType.slice(0, 64) },
    };
  }
  const schema = CLIENT_MESSAGE_SCHEMAS[msgType as keyof typeof CLIENT_MESSAGE_SCHEMAS];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.map(String).join('.') ?? '';
  return malformed(`${msgType}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
}

export function malformed(errMsg: string): Decoded {
  return { ok: false, reply: { msgType: 'MALFORMED_MESSAGE', errMsg } };
}

export function send(connection: Connection, message: ServerMessage): void {
  connection.send(JSON.stringify(message));
}
