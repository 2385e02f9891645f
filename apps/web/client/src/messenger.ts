import { MessengerClient, webStorage } from '@messenger/sdk';

const DEVICE_ID_KEY = 'messenger:device-id';
const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Returns this browser's device id, made once and kept in localStorage so
 * that the server resumes delivery where this browser left off.
 */
function loadDeviceId(storage: Storage): string {
  const stored = storage.getItem(DEVICE_ID_KEY);
  if (stored !== null && DEVICE_ID_PATTERN.test(stored)) {
    return stored;
  }

  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const deviceId = `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  try {
    storage.setItem(DEVICE_ID_KEY, deviceId);
  } catch {
    // Storage disabled: the id lasts for this page load only.
  }

  return deviceId;
}

/**
 * Creates the client of this tab. The session lives in sessionStorage, so
 * each tab logs in on its own: refresh tokens rotate, and two tabs sharing
 * one would look like a stolen token to the server.
 */
export function createMessengerClient(): MessengerClient {
  return new MessengerClient({
    baseUrl: window.location.origin,
    store: webStorage(window.sessionStorage, 'messenger:'),
    deviceId: loadDeviceId(window.localStorage),
  });
}
