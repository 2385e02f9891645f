import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id parameters of every stored hash (the argon2 package defaults, written out). */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
} as const;

/**
 * An argon2id hash made with ARGON2_OPTIONS of a password nobody knows. A
 * login for an unknown user verifies against it, so that the answer takes as
 * long as for a known user with a wrong password. password-hasher.spec.ts
 * checks that its parameters still match ARGON2_OPTIONS.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$oRB8XMTWBciWKfxyQsCDXQ$spweCYdUndW9K9Ah6G9t01ZHPasQAWCaHs/RQ+WNsZg';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password; throws for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /** Spends the time of one verification and always fails: used when the user does not exist. */
  async verifyDummy(password: string): Promise<false> {
    await argon2.verify(DUMMY_HASH, password);

    return false;
  }
}
