import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@messenger/tokens';
import { SigningKey } from './signing-key';

export interface AccessTokenSubject {
  userId: string;
  username: string;
  sessionId: string;
}

export interface SignedAccessToken {
  token: string;
  /** Unix time in milliseconds (a whole second: the "exp" claim times 1000). */
  expiresAt: number;
}

/** Public key as GetPublicKeys returns it. */
export interface PublishedKey {
  kid: string;
  alg: typeof TOKEN_ALGORITHM;
  spkiPem: string;
}

/**
 * Signs access tokens: EdDSA JWTs with the key id in the header and the
 * claims that AccessTokenVerifier (libs/tokens) checks: iss, aud, sub (user
 * id), sid (session id), username, iat, exp and a unique jti.
 */
export class AccessTokenSigner {
  readonly keyId: string;

  constructor(
    private readonly key: SigningKey,
    private readonly ttlSeconds: number,
    keyId?: string,
  ) {
    this.keyId = keyId ?? key.thumbprint;
  }

  async sign(subject: AccessTokenSubject, now = Date.now()): Promise<SignedAccessToken> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ sid: subject.sessionId, username: subject.username })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.keyId, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(subject.userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.key.privateKey);

    return { token, expiresAt: expiresAt * 1000 };
  }

  publishedKeys(): PublishedKey[] {
    return [{ kid: this.keyId, alg: TOKEN_ALGORITHM, spkiPem: this.key.spkiPem }];
  }
}
