// The 100-byte benchmark message: a 10-digit sequence number, the scheduled send time as 16
// digits of microseconds on the generator's clock (performance.timeOrigin + performance.now()),
// then filler. Digits and spaces only, so it needs no escaping inside Socket.IO's JSON.

import { performance } from 'node:perf_hooks';

export const PAYLOAD_BYTES = 100;
const SEQ_DIGITS = 10;
const TIME_OFFSET = SEQ_DIGITS + 1;
const TIME_DIGITS = 16;
const FILLER = '.'.repeat(PAYLOAD_BYTES);

/** Microseconds on the shared high-resolution clock, for a performance.now() instant. */
export function clockUs(performanceNow: number = performance.now()): number {
  return Math.round((performance.timeOrigin + performanceNow) * 1000);
}

export function encodePayload(seq: number, scheduledUs: number): string {
  const head = `${String(seq).padStart(SEQ_DIGITS, '0')} ${String(scheduledUs).padStart(TIME_DIGITS, '0')} `;
  return head + FILLER.slice(head.length);
}

/** Reads a decimal field without allocating; -1 when a byte is not a digit. */
function readDigits(frame: Buffer, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = (frame[index] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

export function readSeq(frame: Buffer, offset: number): number {
  return readDigits(frame, offset, SEQ_DIGITS);
}

export function readScheduledUs(frame: Buffer, offset: number): number {
  return readDigits(frame, offset + TIME_OFFSET, TIME_DIGITS);
}
