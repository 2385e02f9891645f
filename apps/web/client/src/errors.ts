import { ApiError, RequestError } from '@messenger/sdk';

export interface ErrorView {
  /** The server's error code, e.g. USERNAME_TAKEN, or NETWORK when no response arrived. */
  code: string;
  text: string;
}

/** Texts for codes whose server message names internals rather than what the user can do. */
const TEXT_BY_CODE: Record<string, string> = {
  UNAVAILABLE: 'The server is unavailable. Try again shortly.',
  INTERNAL: 'The server failed. Try again.',
};

function retryHint(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) {
    return 'Try again later.';
  }

  return `Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
}

/** Turns an error of the SDK into a code and a sentence to show, the server's own message where it has one. */
export function describeError(error: unknown): ErrorView {
  if (error instanceof ApiError || error instanceof RequestError) {
    const message = error.detail;
    if (error.code === 'RATE_LIMITED') {
      return { code: error.code, text: `Too many attempts. ${retryHint(error.retryAfterMs)}` };
    }

    return { code: error.code, text: TEXT_BY_CODE[error.code] ?? capitalize(message) };
  }
  if (error instanceof TypeError) {
    return { code: 'NETWORK', text: 'Cannot reach the server. Check the connection and try again.' };
  }

  return { code: 'UNKNOWN', text: error instanceof Error ? error.message : String(error) };
}

function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
