// The bytes a bus message travels in over Redis: a small binary header (format version, flags,
// publish time, origin node, coalescing key) followed by the payload exactly as published, so
// binary frames cross nodes untouched and text frames come back as the same string. The topic
// is not in the envelope: it is the channel's name.

import type { BusMessage } from './bus.ts';

const VERSION = 1;
const FLAG_BINARY = 1;
const FLAG_VOLATILE = 2;
const FLAG_KEY = 4;
const FLAG_TEXT = 8;
/** version, flags, publish time (float64), origin length. */
const FIXED_HEADER = 11;
const MAX_ORIGIN_BYTES = 255;
const MAX_KEY_BYTES = 65_535;

const textDecoder = new TextDecoder('utf-8', { fatal: false });

export interface Envelope {
  readonly message: BusMessage;
  /** Publisher's clock (ms since the epoch) when it was published. */
  readonly publishedAt: number;
}

export function encodeEnvelope(message: BusMessage, publishedAt: number): Buffer {
  const origin = Buffer.from(message.origin, 'utf8');
  if (origin.length > MAX_ORIGIN_BYTES) throw new RangeError('bus origin id is too long');
  const key = message.key === undefined ? undefined : Buffer.from(message.key, 'utf8');
  if (key !== undefined && key.length > MAX_KEY_BYTES) throw new RangeError('bus key is too long');
  const text = typeof message.data === 'string';
  const data = text ? Buffer.from(message.data, 'utf8') : message.data;
  let flags = 0;
  if (message.binary ?? !text) flags |= FLAG_BINARY;
  if (message.volatile === true) flags |= FLAG_VOLATILE;
  if (key !== undefined) flags |= FLAG_KEY;
  if (text) flags |= FLAG_TEXT;
  const headerLength = FIXED_HEADER + origin.length + (key === undefined ? 0 : 2 + key.length);
  const out = Buffer.allocUnsafe(headerLength + data.byteLength);
  out[0] = VERSION;
  out[1] = flags;
  out.writeDoubleBE(publishedAt, 2);
  out[10] = origin.length;
  let offset = FIXED_HEADER + origin.copy(out, FIXED_HEADER);
  if (key !== undefined) {
    out.writeUInt16BE(key.length, offset);
    offset += 2 + key.copy(out, offset + 2);
  }
  out.set(data, offset);
  return out;
}

/** The message in `bytes`, or undefined when they are not an envelope this version wrote. */
export function decodeEnvelope(topic: string, bytes: Buffer): Envelope | undefined {
  if (bytes.length < FIXED_HEADER || bytes[0] !== VERSION) return undefined;
  const flags = bytes[1] ?? 0;
  const publishedAt = bytes.readDoubleBE(2);
  const originEnd = FIXED_HEADER + (bytes[10] ?? 0);
  if (originEnd > bytes.length) return undefined;
  const origin = bytes.toString('utf8', FIXED_HEADER, originEnd);
  let offset = originEnd;
  let key: string | undefined;
  if ((flags & FLAG_KEY) !== 0) {
    if (offset + 2 > bytes.length) return undefined;
    const keyEnd = offset + 2 + bytes.readUInt16BE(offset);
    if (keyEnd > bytes.length) return undefined;
    key = bytes.toString('utf8', offset + 2, keyEnd);
    offset = keyEnd;
  }
  const payload = bytes.subarray(offset);
  const data = (flags & FLAG_TEXT) !== 0 ? textDecoder.decode(payload) : payload;
  return {
    publishedAt,
    message: {
      topic,
      data,
      binary: (flags & FLAG_BINARY) !== 0,
      volatile: (flags & FLAG_VOLATILE) !== 0,
      key,
      origin,
    },
  };
}
