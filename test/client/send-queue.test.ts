// The offline send queue on its own: first in, first out; refusals at either cap leave it untouched;
// the byte total follows every push, shift and clear; text counts as UTF-8 (checked against
// TextEncoder), binary by byteLength; queued binary is a copy the sender can no longer change.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SendQueue, byteLength, snapshot } from '../../src/client/send-queue.ts';

const roomy = { maxMessages: 100, maxBytes: 1_000_000 };

function text(data: string | ArrayBuffer | undefined): string {
  if (data === undefined || typeof data === 'string') return String(data);
  return `bin:${new Uint8Array(data).join(',')}`;
}

test('messages come out in the order they went in, text and binary alike', () => {
  const queue = new SendQueue(roomy);
  assert.equal(queue.push('one'), true);
  assert.equal(queue.push(new Uint8Array([1, 2])), true);
  assert.equal(queue.push(new Uint8Array([3]).buffer), true);
  assert.equal(queue.push('four'), true);
  assert.equal(queue.size, 4);
  const out = [queue.shift(), queue.shift(), queue.shift(), queue.shift()].map(text);
  assert.deepEqual(out, ['one', 'bin:1,2', 'bin:3', 'four']);
  assert.equal(queue.shift(), undefined);
  assert.equal(queue.size, 0);
  assert.equal(queue.bytes, 0);
});

test('the message cap refuses the next push and leaves the queue as it was', () => {
  const queue = new SendQueue({ maxMessages: 2, maxBytes: 1000 });
  assert.equal(queue.push('a'), true);
  assert.equal(queue.push('b'), true);
  assert.equal(queue.push('c'), false);
  assert.equal(queue.push(''), false, 'even an empty message counts');
  assert.equal(queue.size, 2);
  assert.equal(queue.bytes, 2);
  assert.equal(queue.shift(), 'a');
  assert.equal(queue.push('c'), true, 'room again once one left');
  assert.deepEqual(queue.clear(), ['b', 'c']);
});

test('the byte cap admits a message that fills it exactly and refuses one byte more', () => {
  const queue = new SendQueue({ maxMessages: 100, maxBytes: 10 });
  assert.equal(queue.push('aaaa'), true);
  assert.equal(queue.push(new Uint8Array(4)), true);
  assert.equal(queue.push('ccc'), false, '11 bytes');
  assert.equal(queue.push('é'), true, '2 UTF-8 bytes (1 UTF-16 unit): exactly 10');
  assert.equal(queue.bytes, 10);
  assert.equal(queue.push(new ArrayBuffer(1)), false);
  assert.equal(queue.push(''), true, 'an empty message still fits');
  assert.equal(queue.size, 4);
  assert.equal(queue.bytes, 10);
});

test('a refused large message does not block smaller ones behind it', () => {
  const queue = new SendQueue({ maxMessages: 100, maxBytes: 8 });
  assert.equal(queue.push('x'.repeat(9)), false);
  assert.equal(queue.push('small'), true);
  assert.deepEqual(queue.clear(), ['small']);
});

test('zero caps refuse everything that takes room', () => {
  assert.equal(new SendQueue({ maxMessages: 0, maxBytes: 100 }).push(''), false);
  const noBytes = new SendQueue({ maxMessages: 10, maxBytes: 0 });
  assert.equal(noBytes.push('a'), false);
  assert.equal(noBytes.push(''), true);
});

test('the byte total follows pushes, shifts and clear', () => {
  const queue = new SendQueue(roomy);
  queue.push('héllo'); // 6
  queue.push(new Float64Array(2)); // 16: bytes, not elements
  queue.push('😀'); // 4
  assert.equal(queue.bytes, 26);
  queue.shift();
  assert.equal(queue.bytes, 20);
  queue.shift();
  assert.equal(queue.bytes, 4);
  queue.push('abc');
  assert.deepEqual(queue.clear(), ['😀', 'abc']);
  assert.equal(queue.size, 0);
  assert.equal(queue.bytes, 0);
  assert.deepEqual(queue.clear(), []);
  assert.equal(queue.shift(), undefined);
});

test('text is counted in UTF-8 bytes, as TextEncoder (and so WebSocket.send) encodes it', () => {
  const encoder = new TextEncoder();
  const cases: [string, number][] = [
    ['', 0],
    ['ascii', 5],
    ['é', 2], // U+00E9
    ['߿', 2], // U+07FF, the last 2-byte code point
    ['ࠀ', 3], // U+0800, the first 3-byte one
    ['€', 3],
    ['\uffff', 3],
    ['😀', 4], // a surrogate pair: one code point
    ['a😀b€', 9],
    ['\ud800', 3], // lone surrogates go out as U+FFFD
    ['\udc00', 3],
    ['\ud800a', 4],
    ['\udc00\ud800', 6], // reversed pair: two lone surrogates
    ['\ud83d\ud83d\ude00', 7], // a lone high surrogate, then a pair
  ];
  for (const [value, bytes] of cases) {
    assert.equal(byteLength(value), bytes, JSON.stringify(value));
    assert.equal(encoder.encode(value).byteLength, bytes, `TextEncoder: ${JSON.stringify(value)}`);
  }
});

test('random UTF-16 strings count as many bytes as TextEncoder produces', () => {
  const encoder = new TextEncoder();
  // Park-Miller, fixed seed: a failure reproduces. Code units are drawn from each encoding's range
  // (1, 2, 3 bytes; high and low surrogates, often unpaired) with equal weight.
  let seed = 42;
  const next = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const ranges: [number, number][] = [
    [0, 0x80],
    [0x80, 0x800],
    [0x800, 0xd800],
    [0xd800, 0xdc00],
    [0xdc00, 0xe000],
    [0xe000, 0x10000],
  ];
  for (let run = 0; run < 1000; run++) {
    let value = '';
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) {
      const [low, high] = ranges[Math.floor(next() * ranges.length)] ?? [0, 0x80];
      value += String.fromCharCode(low + Math.floor(next() * (high - low)));
    }
    assert.equal(byteLength(value), encoder.encode(value).byteLength, JSON.stringify(value));
  }
});

test('binary is counted by byteLength: a view counts only its own range', () => {
  const backing = new ArrayBuffer(16);
  assert.equal(byteLength(backing), 16);
  assert.equal(byteLength(new Uint8Array(backing, 4, 3)), 3);
  assert.equal(byteLength(new Uint16Array(backing, 2, 3)), 6);
  assert.equal(byteLength(new DataView(backing, 10)), 6);
  assert.equal(byteLength(new ArrayBuffer(0)), 0);

  const queue = new SendQueue(roomy);
  queue.push(new Uint8Array(backing, 4, 3));
  assert.equal(queue.bytes, 3);
});

test('queued binary is a copy: the sender may reuse its buffer at once', () => {
  const queue = new SendQueue(roomy);
  const buffer = new Uint8Array([7, 8, 9]);
  const backing = new Uint8Array([0, 1, 2, 3, 4, 5]);
  const raw = new Uint8Array([5, 6]).buffer;
  queue.push(buffer);
  queue.push(backing.subarray(2, 4));
  queue.push(raw);
  buffer.fill(0);
  backing.fill(0);
  new Uint8Array(raw).fill(0);
  const view = queue.shift();
  assert.ok(view instanceof ArrayBuffer);
  assert.equal(text(view), 'bin:7,8,9');
  const slice = queue.shift();
  assert.ok(slice instanceof ArrayBuffer);
  assert.equal(slice.byteLength, 2, 'only the view’s range, not its whole backing buffer');
  assert.equal(text(slice), 'bin:2,3');
  assert.equal(text(queue.shift()), 'bin:5,6');
});

test('snapshot returns text as is and binary as a standalone ArrayBuffer', () => {
  assert.equal(snapshot('same'), 'same');
  const raw = new Uint8Array([1, 2, 3]).buffer;
  const copy = snapshot(raw);
  assert.notEqual(copy, raw);
  assert.equal(text(copy), 'bin:1,2,3');
  assert.equal(text(snapshot(new DataView(raw, 1, 1))), 'bin:2');
});

test('impossible caps are refused at construction; the caps are readable', () => {
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => new SendQueue({ maxMessages: bad, maxBytes: 1 }), RangeError);
    assert.throws(() => new SendQueue({ maxMessages: 1, maxBytes: bad }), RangeError);
  }
  const queue = new SendQueue({ maxMessages: 3, maxBytes: 10 });
  assert.equal(queue.maxMessages, 3);
  assert.equal(queue.maxBytes, 10);
});
