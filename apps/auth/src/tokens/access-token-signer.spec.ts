import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createLogger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { AccessTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@messenger/tokens';
import { AccessTokenSigner } from './access-token-signer';
import { parseSigningKey } from './signing-key';

function newKey() {
  return parseSigningKey(
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
}

function verifierFor(signer: AccessTokenSigner): AccessTokenVerifier {
  return new AccessTokenVerifier({ fetchKeys: async () => signer.publishedKeys() }, createLogger('test', 'silent'));
}

const subject = { userId: '6f1c1f9e-3b8a-4f57-9d7e-0c2b9f1d2a11', username: 'alice', sessionId: 'session-1' };

describe('AccessTokenSigner', () => {
  it('signs tokens that AccessTokenVerifier accepts, with the claims other services read', async () => {
    const signer = new AccessTokenSigner(newKey(), 900);
    const verifier = verifierFor(signer);
    await verifier.loadKeys();
    const now = Date.now();

    const signed = await signer.sign(subject, now);
    const claims = await verifier.verify(signed.token);

    expect(claims).toEqual({ ...subject, expiresAt: signed.expiresAt });
    expect(signed.expiresAt).toBe((Math.floor(now / 1000) + 900) * 1000);
    expect(decodeProtectedHeader(signed.token)).toEqual({ alg: 'EdDSA', kid: signer.keyId, typ: 'JWT' });
    const payload = decodeJwt(signed.token);
    expect(payload).toMatchObject({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: subject.userId, sid: 'session-1' });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(typeof payload.jti).toBe('string');
    expect(decodeJwt((await signer.sign(subject, now)).token).jti).not.toBe(payload.jti);
  });

  it('publishes one EdDSA key', () => {
    const key = newKey();

    expect(new AccessTokenSigner(key, 60).publishedKeys()).toEqual([
      { kid: key.thumbprint, alg: 'EdDSA', spkiPem: key.spkiPem },
    ]);
    expect(new AccessTokenSigner(key, 60, 'auth-2026-01').keyId).toBe('auth-2026-01');
  });

  it('makes tokens that expire after the TTL', async () => {
    const signer = new AccessTokenSigner(newKey(), 5);
    const verifier = verifierFor(signer);
    await verifier.loadKeys();

    const old = await signer.sign(subject, Date.now() - 10_000);

    await expect(verifier.verify(old.token)).rejects.toMatchObject({ code: ErrorCode.TOKEN_EXPIRED });
  });

  it('makes tokens that a verifier with another key rejects', async () => {
    const signer = new AccessTokenSigner(newKey(), 60, 'shared-kid');
    const other = new AccessTokenSigner(newKey(), 60, 'shared-kid');
    const verifier = verifierFor(other);
    await verifier.loadKeys();

    const error = await verifier.verify((await signer.sign(subject)).token).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.UNAUTHENTICATED);
  });
});
