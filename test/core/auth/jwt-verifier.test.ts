// JWT verification against real keys made by jose: HS256 (GraphWiz tokens), RS256/ES256/EdDSA
// PEMs, a JWKS file, claim checks, and the attacks an allowlist must stop (alg none, HS/RS
// key confusion). The clock is injected, so expiry needs no sleeps.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { createJwtVerifier } from '../../../src/core/auth/jwt-verifier.ts';
import type { JwtVerifier, JwtVerifierOptions } from '../../../src/core/auth/jwt-verifier.ts';
import { HearthError } from '../../../src/protocol/errors.ts';

const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;
const SECRET = 'graphwiz-shared-secret-at-least-32-bytes!';
const clock = (): number => NOW_MS;

interface KeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly pem: string;
}

async function keyPair(alg: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicKey, pem: await exportSPKI(publicKey) };
}

function sign(
  claims: JWTPayload,
  key: CryptoKey | Uint8Array,
  alg: string,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, alg }).sign(key);
}

const secretBytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const valid = (extra: JWTPayload = {}): JWTPayload => ({
  sub: 'user-1',
  exp: NOW + 3600,
  ...extra,
});
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function verifier(options: Omit<JwtVerifierOptions, 'now'>): Promise<JwtVerifier> {
  return createJwtVerifier({ now: clock, ...options });
}

async function assertRefused(
  promise: Promise<unknown>,
  message: string | RegExp = 'invalid token',
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HearthError, `expected HearthError, got ${String(error)}`);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.httpStatus, 401);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

void describe('JWT verifier', () => {
  let rsa: KeyPair;
  let otherRsa: KeyPair;
  let ec: KeyPair;
  let ed: KeyPair;
  let dir: string;

  before(async () => {
    [rsa, otherRsa, ec, ed] = await Promise.all([
      keyPair('RS256'),
      keyPair('RS256'),
      keyPair('ES256'),
      keyPair('EdDSA'),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'hearth-jwt-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void describe('HS256', () => {
    void it('accepts a valid token and returns sub and claims', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      const token = await sign(valid({ name: 'Ada' }), secretBytes(SECRET), 'HS256');
      const result = await jwt.verify(token);
      assert.equal(result.sub, 'user-1');
      assert.equal(result.claims.name, 'Ada');
    });

    void it('accepts a GraphWiz auth-service token as it is (sub, email, exp, iat; typ JWT)', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      const claims = { sub: 'a1b2c3', email: 'ada@example.com', exp: NOW + 86_400, iat: NOW - 10 };
      const token = await sign(claims, secretBytes(SECRET), 'HS256', { typ: 'JWT' });
      const result = await jwt.verify(token);
      assert.equal(result.sub, 'a1b2c3');
      assert.deepEqual(result.claims, claims);
    });

    void it('refuses a token signed with another secret', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      await assertRefused(jwt.verify(await sign(valid(), secretBytes(`${SECRET}x`), 'HS256')));
    });

    void it('refuses an expired token, allowing the clock tolerance', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      const key = secretBytes(SECRET);
      await assertRefused(
        jwt.verify(await sign(valid({ exp: NOW - 60 }), key, 'HS256')),
        'token expired',
      );
      await assertRefused(
        jwt.verify(await sign(valid({ exp: NOW - 6 }), key, 'HS256')),
        'token expired',
      );
      assert.equal(
        (await jwt.verify(await sign(valid({ exp: NOW - 4 }), key, 'HS256'))).sub,
        'user-1',
      );
    });

    void it('refuses a token whose nbf is in the future', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      const token = await sign(valid({ nbf: NOW + 60 }), secretBytes(SECRET), 'HS256');
      await assertRefused(jwt.verify(token), 'token not yet valid');
    });

    void it('requires sub as a non-empty string', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      const key = secretBytes(SECRET);
      await assertRefused(jwt.verify(await sign({ exp: NOW + 60 }, key, 'HS256')));
      await assertRefused(jwt.verify(await sign({ sub: '', exp: NOW + 60 }, key, 'HS256')));
    });

    void it('requires exp', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      await assertRefused(jwt.verify(await sign({ sub: 'user-1' }, secretBytes(SECRET), 'HS256')));
    });

    void it('refuses an allowed-family algorithm that is not in the allowlist', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      await assertRefused(jwt.verify(await sign(valid(), secretBytes(SECRET), 'HS512')));
    });

    void it('refuses garbage without parsing much', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      for (const token of [
        '',
        'abc',
        'a.b.c',
        `${b64url({ alg: 'HS256' })}.e30.`,
        'x'.repeat(9000),
      ]) {
        await assertRefused(jwt.verify(token));
      }
    });
  });

  void describe('alg none', () => {
    void it('refuses an unsigned token built by hand', async () => {
      const jwt = await verifier({ algorithms: ['HS256'], hsSecret: SECRET });
      for (const alg of ['none', 'None', 'NONE']) {
        const unsigned = `${b64url({ alg, typ: 'JWT' })}.${b64url(valid())}.`;
        await assertRefused(jwt.verify(unsigned));
      }
    });

    void it('cannot be allowed', async () => {
      for (const alg of ['none', 'None']) {
        await assert.rejects(
          verifier({ algorithms: ['HS256', alg], hsSecret: SECRET }),
          /algorithm "none" is refused/,
        );
      }
    });
  });

  void describe('key confusion', () => {
    void it('refuses HS256 signed with the RSA public key PEM when only RS256 is allowed', async () => {
      const jwt = await verifier({ algorithms: ['RS256'], publicKeysPem: [rsa.pem] });
      const forged = await sign(valid(), secretBytes(rsa.pem), 'HS256');
      await assertRefused(jwt.verify(forged));
    });

    void it('refuses HS256 signed with the PEM even when HS256 and RS256 are both allowed', async () => {
      const jwt = await verifier({
        algorithms: ['HS256', 'RS256'],
        hsSecret: SECRET,
        publicKeysPem: [rsa.pem],
      });
      await assertRefused(jwt.verify(await sign(valid(), secretBytes(rsa.pem), 'HS256')));
      await assertRefused(jwt.verify(await sign(valid(), secretBytes(rsa.pem.trim()), 'HS256')));
      // Both real kinds still work.
      assert.equal(
        (await jwt.verify(await sign(valid(), secretBytes(SECRET), 'HS256'))).sub,
        'user-1',
      );
      assert.equal((await jwt.verify(await sign(valid(), rsa.privateKey, 'RS256'))).sub, 'user-1');
    });

    void it('refuses a PEM configured as the HS secret', async () => {
      await assert.rejects(
        verifier({ algorithms: ['HS256'], hsSecret: rsa.pem }),
        /hsSecret looks like a PEM key/,
      );
    });

    void it('binds each key to the algorithms of its type at import', async () => {
      // An EC key cannot even be configured for RS256, so it can never be offered to it.
      await assert.rejects(
        verifier({ algorithms: ['RS256'], publicKeysPem: [ec.pem] }),
        /fits none of RS256/,
      );
    });
  });

  void describe('public keys', () => {
    void it('verifies RS256, ES256 and EdDSA with SPKI PEM keys', async () => {
      const jwt = await verifier({
        algorithms: ['RS256', 'ES256', 'EdDSA'],
        publicKeysPem: [rsa.pem, ec.pem, ed.pem],
      });
      assert.deepEqual(jwt.algorithms, ['RS256', 'ES256', 'EdDSA']);
      for (const [pair, alg] of [
        [rsa, 'RS256'],
        [ec, 'ES256'],
        [ed, 'EdDSA'],
      ] as const) {
        const result = await jwt.verify(await sign(valid({ sub: alg }), pair.privateKey, alg));
        assert.equal(result.sub, alg);
      }
    });

    void it('refuses a token signed by a key that is not configured', async () => {
      const jwt = await verifier({ algorithms: ['RS256'], publicKeysPem: [rsa.pem] });
      await assertRefused(jwt.verify(await sign(valid(), otherRsa.privateKey, 'RS256')));
    });

    void it('tries every key of the algorithm (key rotation)', async () => {
      const jwt = await verifier({ algorithms: ['RS256'], publicKeysPem: [rsa.pem, otherRsa.pem] });
      assert.equal(
        (await jwt.verify(await sign(valid(), otherRsa.privateKey, 'RS256'))).sub,
        'user-1',
      );
    });

    void it('still checks claims with public keys', async () => {
      const jwt = await verifier({ algorithms: ['ES256'], publicKeysPem: [ec.pem] });
      const expired = await sign(valid({ exp: NOW - 60 }), ec.privateKey, 'ES256');
      await assertRefused(jwt.verify(expired), 'token expired');
    });

    void it('refuses private keys in the configuration', async () => {
      const privatePem = await exportPKCS8(rsa.privateKey);
      await assert.rejects(
        verifier({ algorithms: ['RS256'], publicKeysPem: [privatePem] }),
        /is a private key/,
      );
    });
  });

  void describe('JWKS file', () => {
    async function writeJwks(name: string, keys: object[]): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, JSON.stringify({ keys }));
      return path;
    }

    void it('verifies with the key named by kid and refuses unknown kids', async () => {
      const jwksFile = await writeJwks('kid.json', [
        { ...(await exportJWK(rsa.publicKey)), kid: 'one', use: 'sig' },
        { ...(await exportJWK(otherRsa.publicKey)), kid: 'two', use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec' },
      ]);
      const jwt = await verifier({ algorithms: ['RS256', 'ES256'], jwksFile });
      const token = await sign(valid(), otherRsa.privateKey, 'RS256', { kid: 'two' });
      assert.equal((await jwt.verify(token)).sub, 'user-1');
      const ecToken = await sign(valid(), ec.privateKey, 'ES256', { kid: 'ec' });
      assert.equal((await jwt.verify(ecToken)).sub, 'user-1');
      await assertRefused(jwt.verify(await sign(valid(), rsa.privateKey, 'RS256', { kid: 'two' })));
      await assertRefused(
        jwt.verify(await sign(valid(), rsa.privateKey, 'RS256', { kid: 'nope' })),
      );
    });

    void it('tries each matching key when the token has no kid', async () => {
      const jwksFile = await writeJwks('nokid.json', [
        await exportJWK(rsa.publicKey),
        await exportJWK(otherRsa.publicKey),
      ]);
      const jwt = await verifier({ algorithms: ['RS256'], jwksFile });
      assert.equal(
        (await jwt.verify(await sign(valid(), otherRsa.privateKey, 'RS256'))).sub,
        'user-1',
      );
      const stranger = await keyPair('RS256');
      await assertRefused(jwt.verify(await sign(valid(), stranger.privateKey, 'RS256')));
    });

    void it('fails loudly on a missing file, a non-JWKS file, or no fitting key', async () => {
      await assert.rejects(
        verifier({ algorithms: ['RS256'], jwksFile: join(dir, 'missing.json') }),
        /cannot read JWKS file/,
      );
      const notJwks = join(dir, 'not.json');
      await writeFile(notJwks, '{"hello":1}');
      await assert.rejects(verifier({ algorithms: ['RS256'], jwksFile: notJwks }), /is not a JWKS/);
      const ecOnly = await writeJwks('ec.json', [await exportJWK(ec.publicKey)]);
      await assert.rejects(verifier({ algorithms: ['RS256'], jwksFile: ecOnly }), /has no key for/);
      await assert.rejects(
        verifier({ algorithms: ['RS256', 'ES256'], jwksFile: ecOnly }),
        /RS256 is allowed but no configured key fits it/,
      );
    });
  });

  void describe('issuer and audience', () => {
    void it('are required and checked when configured', async () => {
      const jwt = await verifier({
        algorithms: ['HS256'],
        hsSecret: SECRET,
        issuer: 'https://auth.example',
        audience: 'hearth',
      });
      const key = secretBytes(SECRET);
      const ok = await sign(
        valid({ iss: 'https://auth.example', aud: ['other', 'hearth'] }),
        key,
        'HS256',
      );
      assert.equal((await jwt.verify(ok)).sub, 'user-1');
      for (const claims of [
        { iss: 'https://evil.example', aud: 'hearth' },
        { iss: 'https://auth.example', aud: 'other' },
        { aud: 'hearth' },
        { iss: 'https://auth.example' },
      ]) {
        await assertRefused(jwt.verify(await sign(valid(claims), key, 'HS256')));
      }
    });
  });

  void describe('configuration', () => {
    void it('fails loudly on impossible combinations', async () => {
      const cases: [JwtVerifierOptions, RegExp][] = [
        [{ algorithms: ['HS256'] }, /no configured key fits it|no key configured/],
        [{ algorithms: [] }, /`algorithms` is empty/],
        [{ algorithms: ['HS257'], hsSecret: SECRET }, /unsupported algorithm HS257/],
        [
          { algorithms: ['HS256', 'RS256'], hsSecret: SECRET },
          /RS256 is allowed but no configured key/,
        ],
        [{ algorithms: ['RS256'], hsSecret: SECRET, publicKeysPem: [rsa.pem] }, /no HS algorithm/],
        [{ algorithms: ['HS256'], hsSecret: '' }, /hsSecret is empty/],
      ];
      for (const [options, message] of cases) {
        await assert.rejects(verifier(options), message);
      }
    });

    void it('reports a safe message and keeps the detail in cause', async () => {
      const jwt = await verifier({ algorithms: ['RS256'], publicKeysPem: [rsa.pem] });
      const error = await jwt.verify('not-a-token').catch((caught: unknown) => caught);
      assert.ok(error instanceof HearthError);
      assert.deepEqual(error.toJSON(), { error: 'unauthorized', message: 'invalid token' });
      assert.ok(error.cause !== undefined);
    });
  });
});
