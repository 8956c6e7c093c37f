// The presence client's protobuf codec, in its own entry point: importing it loads protobufjs
// (its minimal runtime under code generated from the .proto; nothing is compiled at run time, so
// it runs under a CSP without 'unsafe-eval'), which relay-mode apps importing ./index.ts never do.
//   import { PresenceClient } from './src/client/presence/index.ts';
//   import { ProtobufCodec } from './src/client/presence/protobuf.ts';
//   new PresenceClient({ url, roomId, codec: new ProtobufCodec() });

import { decodeMessage, encodeMessage, type DecodeResult } from '../../protocol/presence/codec.ts';
import { PROTOBUF_SUBPROTOCOL, type MessageInit } from '../../protocol/presence/messages.ts';

export type { DecodeResult } from '../../protocol/presence/codec.ts';

/**
 * Protobuf mode: binary `graphwiz.core.Message` frames, selected with the subprotocol
 * `graphwiz.protobuf.v1`. The server keeps the room's world, stamps identities, and delivers
 * chat and entity messages reliably (acknowledged, retried, kept for a reconnect).
 */
export class ProtobufCodec {
  readonly mode = 'protobuf';
  readonly subprotocol: string = PROTOBUF_SUBPROTOCOL;

  encode(init: MessageInit): Uint8Array {
    return encodeMessage(init);
  }

  /** Never throws: bytes that are not a Message give `{ ok: false }`. */
  decode(bytes: Uint8Array): DecodeResult {
    return decodeMessage(bytes);
  }
}
