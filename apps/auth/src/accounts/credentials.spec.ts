import { AppError, ErrorCode } from '@messenger/protocol';
import { isUserId, passwordProblem, usernameProblem, validateRegistration } from './credentials';

describe('usernameProblem', () => {
  it.each(['abc', 'alice', 'a_b.c-d', '0123456789', 'x'.repeat(32)])('accepts "%s"', (name) => {
    expect(usernameProblem(name)).toBeUndefined();
  });

  it.each(['ab', 'x'.repeat(33), ''])('rejects "%s" by length', (name) => {
    expect(usernameProblem(name)).toBe('username must be 3-32 characters long');
  });

  it.each(['al ice', 'al!ce', 'алиса', 'a/b', 'Alice'])('rejects "%s" by characters', (name) => {
    expect(usernameProblem(name)).toBe('username may only contain a-z, 0-9, "_", "." and "-"');
  });
});

describe('passwordProblem', () => {
  it('accepts 8 to 128 characters', () => {
    expect(passwordProblem('12345678')).toBeUndefined();
    expect(passwordProblem('p'.repeat(128))).toBeUndefined();
  });

  it('rejects shorter and longer passwords', () => {
    expect(passwordProblem('1234567')).toBe('password must be 8-128 characters long');
    expect(passwordProblem('p'.repeat(129))).toBe('password must be 8-128 characters long');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀'.repeat(8))).toBeUndefined();
    expect(passwordProblem('😀'.repeat(7))).toBe('password must be 8-128 characters long');
  });
});

describe('validateRegistration', () => {
  it('lowercases the username before checking it', () => {
    expect(validateRegistration({ username: 'Alice.B', password: 'correct horse' })).toEqual({
      username: 'alice.b',
      password: 'correct horse',
    });
  });

  it('throws INVALID_ARGUMENT naming the rule', () => {
    const attempt = () => validateRegistration({ username: 'bad name', password: 'correct horse' });

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow('username may only contain');
    try {
      validateRegistration({ username: 'alice', password: 'short' });
    } catch (error) {
      expect((error as AppError).code).toBe(ErrorCode.INVALID_ARGUMENT);
      expect((error as AppError).message).toBe('password must be 8-128 characters long');
    }
  });
});

describe('isUserId', () => {
  it('accepts UUIDs only', () => {
    expect(isUserId('6f1c1f9e-3b8a-4f57-9d7e-0c2b9f1d2a11')).toBe(true);
    expect(isUserId('alice')).toBe(false);
    expect(isUserId("6f1c1f9e-3b8a-4f57-9d7e-0c2b9f1d2a11' OR 1=1")).toBe(false);
  });
});
