// A WebSocket frame encoded once and written, as the same bytes, to any number of sockets.
// Server-to-client frames are never masked (RFC 6455 §5.1), so the bytes do not depend on the
// recipient: framing a broadcast once instead of once per socket is what makes fan-out cheap.
// ws does the same framing inside `send()`, but has no public API for writing prepared frames.

const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;
const FIN = 0x80;

export interface PreparedFrame {
  /** Header and payload, ready to write to a socket. */
  readonly bytes: Buffer;
}

/** Frames a text (string) or binary (Uint8Array) message as one final, unmasked frame. */
export function prepareFrame(
  data: string | Uint8Array,
  binary = typeof data !== 'string',
): PreparedFrame {
  const payload =
    typeof data === 'string'
      ? Buffer.from(data, 'utf8')
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const bytes = Buffer.allocUnsafe(headerLength + length);
  bytes[0] = FIN | (binary ? OPCODE_BINARY : OPCODE_TEXT);
  if (length < 126) {
    bytes[1] = length;
  } else if (length < 65_536) {
    bytes[1] = 126;
    bytes.writeUInt16BE(length, 2);
  } else {
    bytes[1] = 127;
    bytes.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(bytes, headerLength);
  return { bytes };
}
