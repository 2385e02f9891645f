import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

/** Long enough for a reconnect through backoff on a busy machine. */
export const UI_TIMEOUT_MS = 20_000;

export function newName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function registerInUi(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('register-submit').click();
  await page.getByTestId('new-chat-input').waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function openChat(page: Page, username: string): Promise<void> {
  await page.getByTestId('new-chat-input').fill(username);
  await page.getByTestId('new-chat-submit').click();
  await page.getByTestId('composer-input').waitFor();
}

export async function sendInUi(page: Page, body: string): Promise<void> {
  await page.getByTestId('composer-input').fill(body);
  await page.getByTestId('composer-input').press('Enter');
}

export function message(page: Page, body: string) {
  return page.getByTestId('message').filter({ hasText: body });
}

export function conversationWith(page: Page, username: string) {
  return page.getByTestId('conversation-item').filter({ hasText: username });
}
