import { ARGON2_OPTIONS, DUMMY_HASH, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and verifies', async () => {
    const hash = await hasher.hash('correct horse battery');

    expect(hash.startsWith('$argon2id$')).toBe(true);
    await expect(hasher.verify(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'wrong horse battery')).resolves.toBe(false);
  });

  it('dummy hash matches real parameters', async () => {
    const real = await hasher.hash('whatever-password');
    const params = (hash: string) => hash.split('$')[3];

    expect(params(DUMMY_HASH)).toBe(params(real));
    expect(params(DUMMY_HASH)).toBe(
      `m=${ARGON2_OPTIONS.memoryCost},p=${ARGON2_OPTIONS.parallelism},t=${ARGON2_OPTIONS.timeCost}`,
    );
    await expect(hasher.verifyDummy('whatever-password')).resolves.toBe(false);
  });
});
