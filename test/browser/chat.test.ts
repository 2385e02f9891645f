/**
 * The web client in headless Chromium against the running platform. Two
 * users in two browser contexts chat, see each other's presence and typing,
 * see read marks appear, keep chatting through a restart of both gateways,
 * and see unread counts agree after a reload.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { MessengerClient, type WebSocketConstructor } from '@messenger/sdk';
import { eventually } from '../e2e/support/sdk-clients';
import { useTestSystem } from '../e2e/support/system';
import { launchChromium, openUser, screenshot } from './support/browser';
import {
  conversationWith,
  message,
  newName,
  openChat,
  registerInUi,
  sendInUi,
  UI_TIMEOUT_MS,
} from './support/chat-ui';
import { TestWebServer } from './support/web-server';

const system = useTestSystem();

async function stateOf(page: Page, body: string): Promise<string | null> {
  return message(page, body).getAttribute('data-state');
}

describe('web client', () => {
  let web: TestWebServer;
  let browser: Browser;
  let alicePage: Page;
  let bobPage: Page;
  const alice = { username: newName('alice'), password: `pw-${randomBytes(8).toString('hex')}` };
  const bob = { username: newName('bob'), password: `pw-${randomBytes(8).toString('hex')}` };

  beforeAll(async () => {
    web = await TestWebServer.start(system);
    browser = await launchChromium();
    alicePage = (await openUser(browser, web.baseUrl)).page;
    bobPage = (await openUser(browser, web.baseUrl)).page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('registers both users and opens a chat', async () => {
    await alicePage.getByTestId('login-username').waitFor();
    await screenshot(alicePage, '01-login');
    await registerInUi(alicePage, alice.username, alice.password);
    await registerInUi(bobPage, bob.username, bob.password);

    await openChat(alicePage, bob.username);
    expect(await conversationWith(alicePage, bob.username).count()).toBe(1);
  });

  it('shows a clear error for an unknown username', async () => {
    await alicePage.getByTestId('new-chat-input').fill('nobody-by-this-name');
    await alicePage.getByTestId('new-chat-submit').click();
    const error = alicePage.getByText(/not found|no user/i);
    await error.first().waitFor();
    await openChat(alicePage, bob.username);
  });

  it('delivers a message with an unread badge, then read marks', async () => {
    await sendInUi(alicePage, 'Hello Bob');
    await message(alicePage, 'Hello Bob').waitFor();

    const item = conversationWith(bobPage, alice.username);
    await item.waitFor({ timeout: UI_TIMEOUT_MS });
    await eventually('the unread badge', async () =>
      (await item.getAttribute('data-unread')) === '1' ? true : undefined,
    );
    await eventually('delivered mark', async () =>
      (await stateOf(alicePage, 'Hello Bob')) === 'delivered' ? true : undefined,
    );
    await screenshot(bobPage, '02-conversation-list-unread');

    await item.click();
    await message(bobPage, 'Hello Bob').waitFor();
    await eventually('read mark', async () => ((await stateOf(alicePage, 'Hello Bob')) === 'read' ? true : undefined));
    await eventually('badge cleared', async () => ((await item.getAttribute('data-unread')) === '0' ? true : undefined));
    await screenshot(alicePage, '03-chat-read-marks');
  });

  it('shows the peer online and typing', async () => {
    const presence = alicePage.getByTestId('peer-presence');
    await eventually('bob online', async () => ((await presence.textContent())?.match(/online/i) ? true : undefined));

    await bobPage.getByTestId('composer-input').pressSequentially('I am typ', { delay: 30 });
    const typing = alicePage.getByTestId('typing-indicator');
    await typing.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await typing.textContent()).toContain(bob.username);
    await screenshot(alicePage, '04-typing');
    await bobPage.getByTestId('composer-input').fill('');
  });

  it('keeps chatting through a restart of both gateways', async () => {
    await Promise.all([system.kill('gateway-a', 'SIGTERM'), system.kill('gateway-b', 'SIGTERM')]);
    await alicePage.getByTestId('reconnect-banner').waitFor({ timeout: UI_TIMEOUT_MS });
    await sendInUi(alicePage, 'Sent while the gateways were down');
    expect(await stateOf(alicePage, 'Sent while the gateways were down')).toBe('pending');
    await screenshot(alicePage, '05-reconnecting');

    await Promise.all([system.restart('gateway-a'), system.restart('gateway-b')]);
    await alicePage.getByTestId('reconnect-banner').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await message(bobPage, 'Sent while the gateways were down').waitFor({ timeout: UI_TIMEOUT_MS });
    await eventually(
      'read after the reconnect',
      async () => ((await stateOf(alicePage, 'Sent while the gateways were down')) === 'read' ? true : undefined),
      UI_TIMEOUT_MS,
    );
    expect(await message(bobPage, 'Sent while the gateways were down').count()).toBe(1);
  });

  it('shows the same unread counts after a reload', async () => {
    // Carol writes to bob, and bob opens her conversation, so alice's next messages stay unread.
    const carol = new MessengerClient({
      baseUrl: system.baseUrl('gateway-a'),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    const carolName = newName('carol');
    await carol.register(carolName, 'carol-password');
    await carol.login(carolName, 'carol-password');
    carol.connect();
    const withBob = await carol.openConversation(bob.username);
    carol.send(withBob.conversationId, 'Hi from Carol');
    await conversationWith(bobPage, carolName).click();
    await message(bobPage, 'Hi from Carol').waitFor({ timeout: UI_TIMEOUT_MS });
    await carol.logout();

    await sendInUi(alicePage, 'Unread one');
    await sendInUi(alicePage, 'Unread two');
    const fromAlice = conversationWith(bobPage, alice.username);
    await eventually('two unread', async () => ((await fromAlice.getAttribute('data-unread')) === '2' ? true : undefined));
    const totalBefore = await bobPage.getByTestId('total-unread').textContent();
    expect(totalBefore).toContain('2');

    await bobPage.reload();
    const reloaded = conversationWith(bobPage, alice.username);
    await reloaded.waitFor({ timeout: UI_TIMEOUT_MS });
    await eventually('two unread after the reload', async () =>
      (await reloaded.getAttribute('data-unread')) === '2' ? true : undefined,
    );
    expect(await bobPage.getByTestId('total-unread').textContent()).toBe(totalBefore);
    await screenshot(bobPage, '06-unread-after-reload');

    await reloaded.click();
    await message(bobPage, 'Unread two').waitFor();
    await eventually('read', async () => ((await reloaded.getAttribute('data-unread')) === '0' ? true : undefined));
    await bobPage.reload();
    await conversationWith(bobPage, alice.username).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await conversationWith(bobPage, alice.username).getAttribute('data-unread')).toBe('0');
  });
});
