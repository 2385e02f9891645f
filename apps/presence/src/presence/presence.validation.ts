import { AppError, ErrorCode } from '@messenger/protocol';

/** Maximum number of users that one GetPresence request may name. */
export const MAX_PRESENCE_USERS = 100;
/** Maximum length of a user id or device id, in characters. */
export const MAX_ID_LENGTH = 128;

// Printable ASCII without "|", which separates user and device in the expiry queue.
const ID_PATTERN = /^[\x21-\x7b\x7d\x7e]+$/;

/** Throws INVALID_ARGUMENT unless the id is 1 to MAX_ID_LENGTH printable ASCII characters other than "|". */
export function validateId(field: string, value: string): void {
  if (value.length === 0) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${field} is missing`);
  }
  if (value.length > MAX_ID_LENGTH) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `${field} is ${value.length} characters long, more than the maximum of ${MAX_ID_LENGTH}`,
    );
  }
  if (!ID_PATTERN.test(value)) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `${field} must contain only printable ASCII characters other than space and "|"`,
    );
  }
}

/** Throws INVALID_ARGUMENT when the list is longer than MAX_PRESENCE_USERS or contains an invalid id. */
export function validateUserIds(userIds: string[]): void {
  if (userIds.length > MAX_PRESENCE_USERS) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `user_ids has ${userIds.length} entries, more than the maximum of ${MAX_PRESENCE_USERS}`,
    );
  }
  userIds.forEach((userId, index) => validateId(`user_ids[${index}]`, userId));
}
