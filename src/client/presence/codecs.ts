// The two ways a PresenceClient speaks to the server, chosen with the `codec` option. The relay
// codec lives here; the protobuf codec is in ./protobuf.ts, its own entry point, so an app that
// stays in relay mode never loads protobufjs (only its type is named here, and types are erased).

import type { ProtobufCodec } from './protobuf.ts';
import { parseServerTextFrame, type ParsedTextFrame } from './server-text-frames.ts';

export type { ProtobufCodec } from './protobuf.ts';

/**
 * Relay mode (the server's default): the app's frames are opaque and relayed as they are to the
 * room's other relay clients; the server's own frames are JSON text (SERVER_HELLO,
 * PRESENCE_JOIN, PRESENCE_LEAVE), which this codec reads.
 */
export class RelayCodec {
  readonly mode = 'relay';

  /** A server text frame, or undefined when the text is not one (then it is a peer's frame). */
  decodeControl(text: string): ParsedTextFrame | undefined {
    return parseServerTextFrame(text);
  }
}

export type PresenceCodec = RelayCodec | ProtobufCodec;
export type PresenceMode = PresenceCodec['mode'];
