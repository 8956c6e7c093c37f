// Fast in-process properties of every decoder a client's bytes reach first: they never throw,
// answer with the protocol's error kinds only, accept only what their rules allow (meet ids of 9
// digits, update keys that format back to themselves, no control characters in stored content,
// update values nested at most OPENLIFTER_LIMITS.maxValueDepth), and valid messages round-trip.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeClientFrame } from '../../src/apps/openlifter/wire.ts';
import { checkContent } from '../../src/protocol/chat/content.ts';
import { decodeClientMessage } from '../../src/protocol/chat/messages.ts';
import { parseMessageId } from '../../src/protocol/chat/message-id.ts';
import {
  normalizeMeetId,
  OPENLIFTER_LIMITS,
  updateSchema,
} from '../../src/protocol/openlifter/messages.ts';
import { formatUpdateKey, parseUpdateKey } from '../../src/protocol/openlifter/update-key.ts';
import { decodeMessage, encodeMessage } from '../../src/protocol/presence/codec.ts';
import { anyValue, nastyString, randomBytes, toJsonText } from './support/arbitraries.ts';
import { fcParameters, pureRuns, report, tally } from './support/fuzz-settings.ts';

const counted = tally('decoders (in-process)', 'decoder inputs');
const runs = (): ReturnType<typeof fcParameters> => fcParameters(pureRuns());

const jsonish = fc.oneof(
  nastyString,
  anyValue.map(toJsonText),
  fc.record({ type: nastyString, msgType: nastyString, data: anyValue }).map(toJsonText),
);

test('chat: decodeClientMessage never throws and answers only malformed_message or unknown_type', () => {
  fc.assert(
    fc.property(jsonish, (text) => {
      counted.inputs++;
      const decoded = decodeClientMessage(text);
      if (!decoded.ok) {
        assert.ok(['malformed_message', 'unknown_type'].includes(decoded.code));
        assert.ok(decoded.message.length <= 400, 'error messages stay short');
      }
    }),
    runs(),
  );
});

test('chat: stored content never holds control characters other than tab and newline', () => {
  fc.assert(
    fc.property(nastyString, (raw) => {
      counted.inputs++;
      const checked = checkContent(raw);
      // eslint-disable-next-line no-control-regex -- control characters are what is checked
      if (checked.ok) assert.doesNotMatch(checked.content, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    }),
    runs(),
  );
});

test('chat: message ids parse only as safe integers', () => {
  fc.assert(
    fc.property(
      fc.oneof(nastyString, fc.bigInt({ min: 0n, max: 10n ** 21n }).map(String)),
      (text) => {
        counted.inputs++;
        const id = parseMessageId(text);
        if (id !== undefined) assert.ok(Number.isSafeInteger(id) && id >= 0);
      },
    ),
    runs(),
  );
});

test('OpenLifter: decodeClientFrame never throws; binary is MALFORMED_MESSAGE', () => {
  fc.assert(
    fc.property(jsonish, fc.boolean(), (text, binary) => {
      counted.inputs++;
      const decoded = decodeClientFrame(Buffer.from(text, 'utf8'), binary);
      if (binary) assert.equal(decoded.ok, false);
      if (!decoded.ok) {
        assert.ok(['MALFORMED_MESSAGE', 'UNKNOWN_MESSAGE_TYPE'].includes(decoded.reply.msgType));
      }
    }),
    runs(),
  );
});

test('OpenLifter: a meet id is nine digits or nothing (it can never name a path)', () => {
  fc.assert(
    fc.property(fc.oneof(nastyString, fc.integer(), fc.stringMatching(/^[\d -]{0,15}$/)), (raw) => {
      counted.inputs++;
      const meetId = normalizeMeetId(raw);
      if (meetId !== undefined) assert.match(meetId, /^\d{9}$/);
    }),
    runs(),
  );
});

test('OpenLifter: accepted update keys have one spelling and no prototype names', () => {
  fc.assert(
    fc.property(
      fc.oneof(nastyString, fc.stringMatching(/^[a-z_]{1,8}(\.[a-z_]{1,8}|\[\d{1,6}\]){0,4}$/)),
      (key) => {
        counted.inputs++;
        const parsed = parseUpdateKey(key);
        if (!parsed.ok) return;
        assert.equal(formatUpdateKey(parsed.path), key);
        for (const segment of parsed.path) {
          assert.ok(!['__proto__', 'prototype', 'constructor'].includes(String(segment)));
        }
      },
    ),
    runs(),
  );
});

test('OpenLifter: update values nested deeper than the limit are refused, shallower accepted', () => {
  const limit = OPENLIFTER_LIMITS.maxValueDepth;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: limit * 4 }), fc.boolean(), (depth, arrays) => {
      counted.inputs++;
      const text = arrays
        ? '['.repeat(depth) + ']'.repeat(depth)
        : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const update = {
        updateKey: 'meet.name',
        updateValue: JSON.parse(text) as unknown,
        localSeqNum: 1,
        afterServerSeqNum: 0,
      };
      assert.equal(updateSchema.safeParse(update).success, depth <= limit, `depth ${depth}`);
    }),
    runs(),
  );
});

test('presence: decodeMessage never throws on any bytes; valid messages round-trip', () => {
  fc.assert(
    fc.property(randomBytes, (bytes) => {
      counted.inputs++;
      const decoded = decodeMessage(bytes);
      if (!decoded.ok) assert.equal(typeof decoded.error, 'string');
    }),
    runs(),
  );
  // Well-formed strings: a decoder refuses invalid UTF-8, so lone surrogates never come in.
  const text = fc.string({ unit: 'binary', maxLength: 2000 });
  fc.assert(
    fc.property(text, text, fc.nat(), (messageId, message, timestamp) => {
      counted.inputs++;
      const bytes = encodeMessage({
        payload: 'chatMessage',
        messageId,
        timestamp,
        chatMessage: { message },
      });
      const decoded = decodeMessage(bytes);
      assert.ok(decoded.ok && decoded.message.payload === 'chatMessage');
      assert.equal(decoded.message.messageId, messageId);
      assert.equal(decoded.message.chatMessage.message, message);
    }),
    runs(),
  );
});

test('decoder totals', () => {
  report(counted);
});
