import { AppError, ErrorCode } from '@messenger/protocol';

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
export const USERNAME_PATTERN = /^[a-z0-9_.-]+$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Usernames are case-insensitive: stored and compared in lower case. */
export function normalizeUsername(username: string): string {
  return username.toLowerCase();
}

/** Returns the problem with a (normalized) username, or undefined when it is valid. */
export function usernameProblem(username: string): string | undefined {
  const length = [...username].length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    return `username must be ${USERNAME_MIN_LENGTH}-${USERNAME_MAX_LENGTH} characters long`;
  }
  if (!USERNAME_PATTERN.test(username)) {
    return 'username may only contain a-z, 0-9, "_", "." and "-"';
  }

  return undefined;
}

/** Returns the problem with a password, or undefined when it is valid. Length counts characters, not bytes. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    return `password must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters long`;
  }

  return undefined;
}

/** Normalizes and validates registration input; throws INVALID_ARGUMENT naming the broken rule. */
export function validateRegistration(input: { username: string; password: string }): {
  username: string;
  password: string;
} {
  const username = normalizeUsername(input.username);
  const problem = usernameProblem(username) ?? passwordProblem(input.password);
  if (problem) throw new AppError(ErrorCode.INVALID_ARGUMENT, problem);

  return { username, password: input.password };
}

/** True for a string that can be a user id (a UUID as the users table stores it). */
export function isUserId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
