import { hashRefreshToken, isWellFormedRefreshToken, newRefreshToken } from './refresh-token';

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = newRefreshToken();

    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedRefreshToken(token)).toBe(true);
    expect(newRefreshToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hex hash', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rejects malformed input cheaply', () => {
    expect(isWellFormedRefreshToken('')).toBe(false);
    expect(isWellFormedRefreshToken('a'.repeat(44))).toBe(false);
    expect(isWellFormedRefreshToken(`${'a'.repeat(42)}=`)).toBe(false);
  });
});
