import { randomBytes } from 'node:crypto';
import { MessengerHttpClient, TokenPair } from '@messenger/client';

export interface TestAccount {
  username: string;
  password: string;
  userId: string;
  tokens: TokenPair;
}

/** Returns the prefix followed by 8 random hex digits, a username that an earlier run is unlikely to have taken. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Registers a fresh user through the gateway's HTTP API and logs it in. */
export async function createAccount(http: MessengerHttpClient, prefix: string): Promise<TestAccount> {
  const username = uniqueUsername(prefix);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await http.register(username, password);
  const tokens = await http.login(username, password);

  return { username, password, userId: user.userId, tokens };
}
