import { MessengerClient, webStorage } from '@messenger/sdk';

const STORE_PREFIX = 'messenger:';
const DEVICE_ID_KEY = `${STORE_PREFIX}tab-device-id`;
const SESSION_KEY = `${STORE_PREFIX}session`;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const TAB_CHANNEL = 'messenger-tabs';
/** How long a new tab waits for another tab to claim its device id (ms). */
const CLAIM_WAIT_MS = 150;

type TabMessage = { type: 'hello'; deviceId: string; tabId: string } | { type: 'taken'; tabId: string };

function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));

  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Returns this tab's device id, kept in sessionStorage so that a reload
 * resumes delivery where the tab left off. Each tab is its own device: the
 * gateway does not echo a device's own sends, so two tabs sharing one id
 * would miss each other's messages.
 */
function loadDeviceId(storage: Storage): string {
  const stored = storage.getItem(DEVICE_ID_KEY);
  if (stored !== null && DEVICE_ID_PATTERN.test(stored)) {
    return stored;
  }
  const deviceId = newDeviceId();
  try {
    storage.setItem(DEVICE_ID_KEY, deviceId);
  } catch {
    // Storage disabled: the id lasts for this page load only.
  }

  return deviceId;
}

/**
 * Detects a duplicated tab: the browser copies sessionStorage into it, so
 * it would share the original's device id and refresh token, and the
 * first refresh of either would end both sessions as token reuse. A
 * duplicate starts over with a new device id and no session.
 */
async function claimDeviceId(storage: Storage): Promise<string> {
  const deviceId = loadDeviceId(storage);
  if (typeof BroadcastChannel === 'undefined') {
    return deviceId;
  }
  const channel = new BroadcastChannel(TAB_CHANNEL);
  const tabId = newDeviceId();
  let claimedElsewhere = false;
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.type === 'taken' && message.tabId === tabId) {
      claimedElsewhere = true;
    }
  };
  channel.postMessage({ type: 'hello', deviceId, tabId } satisfies TabMessage);
  await new Promise((resolve) => setTimeout(resolve, CLAIM_WAIT_MS));

  let ownId = deviceId;
  if (claimedElsewhere) {
    ownId = newDeviceId();
    storage.removeItem(SESSION_KEY);
    storage.setItem(DEVICE_ID_KEY, ownId);
  }
  // From now on, reply to each tab that starts with this tab's id.
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.type === 'hello' && message.deviceId === ownId && message.tabId !== tabId) {
      channel.postMessage({ type: 'taken', tabId: message.tabId } satisfies TabMessage);
    }
  };

  return ownId;
}

/**
 * Creates the client of this tab. The session lives in sessionStorage, so
 * each tab logs in on its own: refresh tokens rotate, and two tabs sharing
 * one would look like a stolen token to the server.
 */
export async function createMessengerClient(): Promise<MessengerClient> {
  const deviceId = await claimDeviceId(window.sessionStorage);

  return new MessengerClient({
    baseUrl: window.location.origin,
    store: webStorage(window.sessionStorage, STORE_PREFIX),
    deviceId,
  });
}
