export const TOKEN_ISSUER = 'messenger-auth';
export const TOKEN_AUDIENCE = 'messenger';
export const TOKEN_ALGORITHM = 'EdDSA';

/** Claims of a verified access token. */
export interface AccessTokenClaims {
  /** User id ("sub"). */
  userId: string;
  username: string;
  /** Session id ("sid"), shared by the tokens of one login. */
  sessionId: string;
  /** Expiry, Unix time in milliseconds. */
  expiresAt: number;
}
