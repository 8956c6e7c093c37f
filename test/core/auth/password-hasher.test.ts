// scrypt hashing at a cheap cost: round trips, PHC parsing with other parameters (an RFC 7914
// vector), tampering, malformed stored hashes, Unicode normalisation and the concurrency cap.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import { HearthError } from '../../../src/protocol/errors.ts';

// Cheap cost so the suite stays fast; the production default is ln=17.
const cheap = { ln: 10, r: 8, p: 1 };

// RFC 7914 §12, third vector: scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, 64).
const RFC_VECTOR_PHC =
  '$scrypt$ln=14,r=8,p=1$' +
  Buffer.from('SodiumChloride').toString('base64').replace(/=+$/, '') +
  '$' +
  Buffer.from(
    '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
      'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    'hex',
  )
    .toString('base64')
    .replace(/=+$/, '');

void describe('PasswordHasher', () => {
  void it('hashes to a PHC string that verifies the right password only', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    const phc = await hasher.hash('correct horse battery staple');
    assert.match(phc, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await hasher.verify('correct horse battery staple', phc), true);
    assert.equal(await hasher.verify('correct horse battery stable', phc), false);
    assert.equal(await hasher.verify('', phc), false);
  });

  void it('salts every hash', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    assert.notEqual(await hasher.hash('same'), await hasher.hash('same'));
  });

  void it('uses the default OWASP parameters unless told otherwise', () => {
    assert.deepEqual(new PasswordHasher().cost, { ln: 17, r: 8, p: 1 });
  });

  void it('verifies with the parameters stored in the hash (RFC 7914 vector)', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    assert.equal(await hasher.verify('pleaseletmein', RFC_VECTOR_PHC), true);
    assert.equal(await hasher.verify('pleaseletmeout', RFC_VECTOR_PHC), false);
    assert.equal(hasher.needsRehash(RFC_VECTOR_PHC), true);
  });

  void it('keeps verifying old hashes after the cost changes, and flags them for rehash', async () => {
    const old = new PasswordHasher({ cost: cheap });
    const phc = await old.hash('pw');
    const current = new PasswordHasher({ cost: { ln: 11, r: 4, p: 2 } });
    assert.equal(await current.verify('pw', phc), true);
    assert.equal(current.needsRehash(phc), true);
    assert.equal(old.needsRehash(phc), false);
    assert.match(await current.hash('pw'), /^\$scrypt\$ln=11,r=4,p=2\$/);
  });

  void it('answers false for a tampered hash or tampered parameters', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    const phc = await hasher.hash('pw');
    const parts = phc.split('$');
    const hash = parts[4]!;
    const flipped = (hash.startsWith('A') ? 'B' : 'A') + hash.slice(1);
    assert.equal(await hasher.verify('pw', [...parts.slice(0, 4), flipped].join('$')), false);
    assert.equal(await hasher.verify('pw', phc.replace('ln=10', 'ln=11')), false);
    assert.equal(await hasher.verify('pw', phc.replace('p=1', 'p=2')), false);
  });

  void it('throws a clear Error for a malformed stored hash', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    const phc = await hasher.hash('pw');
    const malformed = [
      '',
      'not a hash',
      phc.replace('$scrypt$', '$argon2id$'),
      phc.replace('ln=10,', ''),
      phc.replace('ln=10', 'ln=40'), // would need 128 TiB
      phc.replace('r=8', 'r=0'),
      `${phc.slice(0, -2)}!!`,
      `${phc}$extra`,
      phc.replace(/\$[^$]+$/, '$AAAA'), // 3-byte key
    ];
    for (const stored of malformed) {
      await assert.rejects(
        hasher.verify('pw', stored),
        /malformed scrypt hash|unsupported scrypt cost/,
      );
      assert.equal(hasher.needsRehash(stored), true);
    }
  });

  void it('treats canonically equivalent Unicode passwords as the same password', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    const phc = await hasher.hash('caf\u00e9');
    assert.equal(await hasher.verify('cafe\u0301', phc), true);
  });

  void it('refuses over-long passwords before hashing', async () => {
    const hasher = new PasswordHasher({ cost: cheap, maxPasswordBytes: 16 });
    await assert.rejects(hasher.hash('x'.repeat(17)), (error: unknown) => {
      assert.ok(error instanceof HearthError);
      assert.equal(error.code, 'bad_request');
      return true;
    });
    const phc = await hasher.hash('x'.repeat(16));
    assert.equal(await hasher.verify('x'.repeat(17), phc), false);
  });

  void it('caps concurrent hashes and refuses when the queue is full', async () => {
    const hasher = new PasswordHasher({ cost: cheap, maxConcurrent: 1, maxQueued: 0 });
    const first = hasher.hash('one');
    await assert.rejects(hasher.hash('two'), (error: unknown) => {
      assert.ok(error instanceof HearthError);
      assert.equal(error.code, 'unavailable');
      return true;
    });
    assert.deepEqual(hasher.load, { active: 1, queued: 0 });
    assert.equal(await hasher.verify('one', await first), true);
    assert.deepEqual(hasher.load, { active: 0, queued: 0 });
  });

  void it('verifyMissing does the work and always answers false', async () => {
    const hasher = new PasswordHasher({ cost: cheap });
    assert.equal(await hasher.verifyMissing('hearth-dummy-password'), false);
  });

  void it('refuses an unsupported cost at construction', () => {
    assert.throws(() => new PasswordHasher({ cost: { ln: 0, r: 8, p: 1 } }), /unsupported/);
    assert.throws(() => new PasswordHasher({ cost: { ln: 20, r: 8, p: 1 } }), /unsupported/);
  });
});
