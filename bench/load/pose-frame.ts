// The benchmark's pose frames for the presence app, in both of its modes.
//
// Relay mode: the GraphWiz browser client's binary framing (docs/protocols/presence.md),
// [u8 id length][message id][u64 BE timestamp ms][u8 type = 10, position update][payload JSON],
// 100 bytes in all. The message id is a 10-digit sequence number and the JSON starts with the
// scheduled send time in µs ("t", 16 digits), so both sit at fixed offsets and a receiver reads
// them without parsing. The server relays the bytes unchanged.
//
// Protobuf mode: `Message{position_update{entity_id, position, rotation, sequence_number}}`. The
// server decodes and re-encodes it (stamping the entity id and its own timestamp), so only the
// sequence number comes back; the sender's process keeps the scheduled time of each one.

import protobuf from 'protobufjs/light.js';
import { encodeMessage } from '../../src/protocol/presence/codec.ts';

export const POSE_FRAME_BYTES = 100;
export const POSITION_UPDATE_TYPE = 10;
const SEQ_DIGITS = 10;
const TIME_DIGITS = 16;
const SEQ_OFFSET = 1;
const HEADER_BYTES = 1 + SEQ_DIGITS + 8 + 1;
/** `{"t":` then the 16 digits. */
const TIME_OFFSET = HEADER_BYTES + '{"t":'.length;

/** Reads a decimal field; -1 when a byte is not a digit. */
function readDigits(frame: Uint8Array, start: number, length: number): number {
  if (frame.length < start + length) return -1;
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = (frame[index] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A 100-byte relay-mode pose of `entityId`, sequence `seq`, scheduled at `scheduledUs`. */
export function encodeRelayPose(seq: number, scheduledUs: number, entityId: string): Buffer {
  const frame = Buffer.alloc(POSE_FRAME_BYTES, 0x20);
  frame.writeUInt8(SEQ_DIGITS, 0);
  frame.write(String(seq).padStart(SEQ_DIGITS, '0'), SEQ_OFFSET, 'latin1');
  frame.writeBigUInt64BE(BigInt(Math.floor(scheduledUs / 1000)), SEQ_OFFSET + SEQ_DIGITS);
  frame.writeUInt8(POSITION_UPDATE_TYPE, HEADER_BYTES - 1);
  const phase = (seq % 1000) / 1000;
  const json =
    `{"t":${String(scheduledUs).padStart(TIME_DIGITS, '0')},"e":"${entityId}",` +
    `"p":[${phase.toFixed(3)},1.625,-0.5],"r":[0,0.375,0,0.875]}`;
  if (HEADER_BYTES + json.length > POSE_FRAME_BYTES) throw new RangeError(`entity id too long`);
  // The rest stays spaces: trailing whitespace after the JSON is still valid JSON.
  frame.write(json, HEADER_BYTES, 'latin1');
  return frame;
}

/** The sequence number of a relay-mode pose, or -1 when the frame is not one. */
export function relayPoseSeq(frame: Uint8Array): number {
  if (frame.length !== POSE_FRAME_BYTES || frame[0] !== SEQ_DIGITS) return -1;
  if (frame[HEADER_BYTES - 1] !== POSITION_UPDATE_TYPE) return -1;
  return readDigits(frame, SEQ_OFFSET, SEQ_DIGITS);
}

/** The scheduled send time (µs) of a relay-mode pose, or -1. */
export function relayPoseScheduledUs(frame: Uint8Array): number {
  return readDigits(frame, TIME_OFFSET, TIME_DIGITS);
}

/** A protobuf-mode pose of the sender's own avatar (entity id left to the server). */
export function encodeProtobufPose(seq: number): Uint8Array {
  const phase = (seq % 1000) / 1000;
  return encodeMessage({
    payload: 'positionUpdate',
    positionUpdate: {
      entityId: '',
      position: { x: phase, y: 1.625, z: -0.5 },
      rotation: { x: 0, y: 0.375, z: 0, w: 0.875 },
      sequenceNumber: seq,
    },
  });
}

const POSITION_UPDATE_FIELD = 20;
const SEQUENCE_NUMBER_FIELD = 4;
const LENGTH_DELIMITED = 2;
const VARINT = 0;

/**
 * The sequence number of a protobuf `Message` carrying a `PositionUpdate`, or -1. Reads only the
 * tags on the way (no full decode): a receiver handles hundreds of thousands of these a second.
 */
export function protobufPoseSeq(frame: Uint8Array): number {
  try {
    const reader = protobuf.Reader.create(frame);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 === POSITION_UPDATE_FIELD && (tag & 7) === LENGTH_DELIMITED) {
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) {
          const inner = reader.uint32();
          if (inner >>> 3 === SEQUENCE_NUMBER_FIELD && (inner & 7) === VARINT) {
            return reader.uint32();
          }
          reader.skipType(inner & 7);
        }
        return -1;
      }
      reader.skipType(tag & 7);
    }
  } catch {
    // Not a protobuf message: counted as malformed by the caller.
  }
  return -1;
}
