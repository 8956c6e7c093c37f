// The upgrade's request target is split into path and query exactly as WHATWG URL parsing does
// (the fast path must never disagree with `new URL`), including the targets URL normalizes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseRequestTarget } from '../../src/core/request-target.ts';

function viaUrl(target: string): { path: string; query: [string, string][] } | undefined {
  try {
    const url = new URL(target, 'http://hearth.invalid');
    return { path: url.pathname, query: [...url.searchParams] };
  } catch {
    return undefined;
  }
}

function viaParser(target: string): { path: string; query: [string, string][] } | undefined {
  const parsed = parseRequestTarget(target);
  return parsed && { path: parsed.path, query: [...new URLSearchParams(parsed.search)] };
}

/** Characters that URL parsing encodes, decodes or interprets, mixed with plain ones. */
const TRICKY = [
  ...Array.from('/?#.%\\\'" <>`{}|^[]:@!$&()*+,;=~-_aZ09'),
  '%2e',
  '%2E',
  '%zz',
  '%41',
  'é',
  '\t',
];

void describe('parseRequestTarget', () => {
  void it('splits usual targets on the fast path', () => {
    assert.deepEqual(parseRequestTarget('/echo/ws?room=r1'), {
      path: '/echo/ws',
      search: '?room=r1',
    });
    assert.deepEqual(parseRequestTarget('/chat/ws'), { path: '/chat/ws', search: '' });
    assert.deepEqual(parseRequestTarget('/ws?'), { path: '/ws', search: '' });
  });

  void it('normalizes as URL does: dot segments, "//" hosts, backslashes, fragments', () => {
    assert.deepEqual(parseRequestTarget('/echo/../chat/ws?x=1'), {
      path: '/chat/ws',
      search: '?x=1',
    });
    assert.deepEqual(parseRequestTarget('/a/%2e%2E/b'), { path: '/b', search: '' });
    assert.deepEqual(parseRequestTarget('//evil/echo/ws'), { path: '/echo/ws', search: '' });
    assert.deepEqual(parseRequestTarget('\\echo\\ws'), { path: '/echo/ws', search: '' });
    assert.deepEqual(parseRequestTarget('/ws?room=a#frag'), { path: '/ws', search: '?room=a' });
    assert.deepEqual(parseRequestTarget('http://other/echo/ws?q'), {
      path: '/echo/ws',
      search: '?q',
    });
  });

  void it('refuses what URL refuses', () => {
    assert.equal(parseRequestTarget('http://[::1'), undefined);
    assert.equal(viaUrl('http://[::1'), undefined);
  });

  void it('agrees with new URL on any target', () => {
    const target = fc
      .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), { maxLength: 12 })
      .map((parts) => `/${parts.join('')}`);
    fc.assert(
      fc.property(fc.oneof(target, fc.string({ maxLength: 20 })), (value) => {
        assert.deepEqual(viaParser(value), viaUrl(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
