import { AppError, ErrorCode } from '@messenger/protocol';
import { MAX_ID_LENGTH, MAX_PRESENCE_USERS, validateId, validateUserIds } from './presence.validation';

function errorOf(fn: () => void): AppError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }

  return undefined;
}

describe('validateId', () => {
  it('accepts a uuid', () => {
    expect(errorOf(() => validateId('user_id', '5b0f7a3e-2f0c-4d8e-9d55-6f1f2f0b8c11'))).toBeUndefined();
  });

  it('accepts an id of the maximum length', () => {
    expect(errorOf(() => validateId('device_id', 'd'.repeat(MAX_ID_LENGTH)))).toBeUndefined();
  });

  it.each([
    ['an empty id', '', 'user_id is missing'],
    ['a long id', 'u'.repeat(MAX_ID_LENGTH + 1), `user_id is ${MAX_ID_LENGTH + 1} characters long`],
    ['the queue separator', 'user|device', 'user_id must contain only printable ASCII'],
    ['a space', 'user one', 'user_id must contain only printable ASCII'],
    ['a control character', 'user\n', 'user_id must contain only printable ASCII'],
    ['non-ASCII text', 'usér', 'user_id must contain only printable ASCII'],
  ])('rejects %s', (_case, value, message) => {
    const error = errorOf(() => validateId('user_id', value));

    expect(error?.code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(error?.message).toContain(message);
  });
});

describe('validateUserIds', () => {
  it('accepts an empty list', () => {
    expect(errorOf(() => validateUserIds([]))).toBeUndefined();
  });

  it('accepts the maximum number of users', () => {
    const userIds = Array.from({ length: MAX_PRESENCE_USERS }, (_, index) => `user-${index}`);

    expect(errorOf(() => validateUserIds(userIds))).toBeUndefined();
  });

  it('rejects one user over the maximum', () => {
    const userIds = Array.from({ length: MAX_PRESENCE_USERS + 1 }, (_, index) => `user-${index}`);
    const error = errorOf(() => validateUserIds(userIds));

    expect(error?.code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(error?.message).toBe('user_ids has 101 entries, more than the maximum of 100');
  });

  it('names the position of an invalid id', () => {
    expect(errorOf(() => validateUserIds(['user-a', '']))?.message).toBe('user_ids[1] is missing');
  });
});
