/**
 * Attachments in the web client, in headless Chromium against the running
 * platform. Alice sends an image through the file picker and a text file by
 * drag and drop, and bob's page shows the thumbnail and a download link. A file of
 * an unsupported type shows the media service's reason, and an upload that
 * failed midway resumes where it stopped.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Browser, Page, Request, Route } from 'playwright-core';
import { eventually } from '../e2e/support/sdk-clients';
import { useTestSystem } from '../e2e/support/system';
import { launchChromium, openUser, screenshot } from './support/browser';
import { conversationWith, message, newName, openChat, registerInUi, UI_TIMEOUT_MS } from './support/chat-ui';
import { TestWebServer } from './support/web-server';

const system = useTestSystem();

// Page functions run in Chromium, but the tests compile with Node's types only, which lack these DOM classes.
declare const DataTransfer: new () => { items: { add(file: File): void } };
type LoadedImage = { complete: boolean; naturalWidth: number };

/** The PATCH requests of tus uploads, but not the POST to /v1/media/uploads that creates an upload. */
const UPLOAD_CHUNKS = '**/v1/media/uploads/*';

/** Makes a PNG of random pixels, stored without compression so that it takes several 1 MiB chunks. */
function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

interface FetchedFile {
  status: number;
  type: string | null;
  disposition: string | null;
  bytes: number;
}

/** Fetches a URL from inside the page, as a click on the link would, with the page's origin and cookies. */
function fetchInPage(page: Page, url: string): Promise<FetchedFile> {
  return page.evaluate(async (href) => {
    const response = await fetch(href);

    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      bytes: (await response.arrayBuffer()).byteLength,
    };
  }, url);
}

async function attach(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('attach-input').setInputFiles({ name, mimeType, buffer });
}

function upload(page: Page, fileName: string) {
  return page.locator(`[data-testid="upload-progress"][data-file-name="${fileName}"]`);
}

async function waitForFailure(page: Page, fileName: string): Promise<void> {
  await eventually(`the upload of ${fileName} fails`, async () =>
    (await upload(page, fileName).getAttribute('data-state')) === 'failed' ? true : undefined,
  );
}

/** Waits until the image with this alt text has loaded, which needs its signed URL and the CSP to allow it. */
async function waitForImage(page: Page, alt: string): Promise<void> {
  const image = page.getByAltText(alt);
  await image.waitFor({ timeout: UI_TIMEOUT_MS });
  await eventually(`${alt} loaded`, async () => {
    const loaded = await image.evaluate((element) => {
      const { complete, naturalWidth } = element as unknown as LoadedImage;

      return complete && naturalWidth > 0;
    });

    return loaded ? true : undefined;
  });
}

describe('web client attachments', () => {
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
    await registerInUi(alicePage, alice.username, alice.password);
    await registerInUi(bobPage, bob.username, bob.password);
    await openChat(alicePage, bob.username);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('sends an image with a progress bar and shows its thumbnail', async () => {
    const png = await noisePng(1200, 900);
    expect(png.length).toBeGreaterThan(3 * 1024 * 1024);

    // The second chunk waits until the progress bar has been checked, so that it shows a share between 0 and 100%.
    let releaseChunk: () => void = () => undefined;
    const chunkReleased = new Promise<void>((resolve) => (releaseChunk = resolve));
    let patches = 0;
    await alicePage.route(UPLOAD_CHUNKS, async (route: Route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        await chunkReleased;
      }
      await route.continue();
    });

    await attach(alicePage, 'garden.png', 'image/png', png);
    const progress = upload(alicePage, 'garden.png');
    await eventually('a share of the image uploaded', async () =>
      Number(await progress.getAttribute('data-percent')) > 0 ? true : undefined,
    );
    const bar = alicePage.getByLabel('Uploading garden.png');
    const shown = await bar.evaluate((element) => ({
      tag: element.tagName,
      value: (element as unknown as { value: number }).value,
    }));
    expect(shown.tag).toBe('PROGRESS');
    expect(shown.value).toBeGreaterThan(0);
    expect(shown.value).toBeLessThan(100);
    expect(await progress.textContent()).toMatch(/\d+%/);
    // The composer stays usable while the file uploads.
    expect(await alicePage.getByTestId('composer-input').isEditable()).toBe(true);
    await screenshot(alicePage, '07-upload-progress');

    releaseChunk();
    await progress.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await alicePage.unroute(UPLOAD_CHUNKS);
    await waitForImage(alicePage, 'garden.png');
    const ownImage = alicePage.getByAltText('garden.png');
    expect(await ownImage.getAttribute('data-testid')).toBe('attachment-image');
    // 1200 × 900 fits into 320 × 320 as 320 × 240.
    expect(await ownImage.getAttribute('width')).toBe('320');
    expect(await ownImage.getAttribute('height')).toBe('240');
    const ownMessage = alicePage.getByTestId('message').filter({ has: ownImage });
    expect(await ownMessage.locator('.message-body').count()).toBe(0);
    expect(await conversationWith(alicePage, bob.username).textContent()).toContain('You: Photo');
    await screenshot(alicePage, '08-image-message');

    const fromAlice = conversationWith(bobPage, alice.username);
    await fromAlice.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await fromAlice.textContent()).toContain('Photo');
    await fromAlice.click();
    await waitForImage(bobPage, 'garden.png');
    const image = bobPage.getByAltText('garden.png');
    expect(await image.getAttribute('src')).toContain('/thumbnail-');
    await screenshot(bobPage, '09-image-received');

    const link = bobPage.locator('a', { has: image });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    const href = await link.getAttribute('href');
    expect(href).toContain('/original?');
    const original = await fetchInPage(bobPage, href as string);
    expect(original.status).toBe(200);
    expect(original.type).toBe('image/png');
    expect(original.bytes).toBe(png.length);
  });

  it('sends a dropped file with the draft as its caption', async () => {
    const notes = 'Agenda\n1. Garden\n2. Kitchen\n';
    await alicePage.getByTestId('composer-input').fill('Notes from today');
    const transfer = await alicePage.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'notes.txt', { type: 'text/plain' }));

      return data;
    }, notes);

    await alicePage.locator('.message-list').dispatchEvent('dragenter', { dataTransfer: transfer });
    const dropZone = alicePage.getByTestId('drop-zone');
    await dropZone.waitFor();
    await screenshot(alicePage, '10-drop-zone');
    await dropZone.dispatchEvent('drop', { dataTransfer: transfer });
    await dropZone.waitFor({ state: 'detached' });
    expect(await alicePage.getByTestId('composer-input').inputValue()).toBe('');

    const sent = message(alicePage, 'Notes from today');
    await sent.getByTestId('attachment-file').waitFor({ timeout: UI_TIMEOUT_MS });

    const received = message(bobPage, 'Notes from today');
    await received.waitFor({ timeout: UI_TIMEOUT_MS });
    const chip = received.getByTestId('attachment-file');
    await eventually('the download link', async () => ((await chip.getAttribute('href')) !== null ? true : undefined));
    const chipText = await chip.textContent();
    expect(chipText).toContain('notes.txt');
    expect(chipText).toContain(`${notes.length} B`);
    expect(chipText).toContain('Text');
    await screenshot(bobPage, '11-file-received');

    const download = await fetchInPage(bobPage, (await chip.getAttribute('href')) as string);
    expect(download.status).toBe(200);
    expect(download.type).toMatch(/^text\/plain/);
    expect(download.disposition).toMatch(/^attachment/);
    expect(download.bytes).toBe(notes.length);
  });

  it('shows the reason for an unsupported file', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';
    await attach(alicePage, 'drawing.svg', 'image/svg+xml', Buffer.from(svg));

    await waitForFailure(alicePage, 'drawing.svg');
    const item = upload(alicePage, 'drawing.svg');
    const error = item.getByTestId('upload-error');
    expect(await error.getAttribute('data-code')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await error.textContent()).toContain('image/svg+xml');
    // The server rejects the content itself, so a retry could not succeed.
    expect(await item.getByTestId('upload-retry').count()).toBe(0);
    await screenshot(alicePage, '12-upload-rejected');

    await item.getByTestId('upload-remove').click();
    await item.waitFor({ state: 'detached' });
  });

  it('resumes a failed upload on retry', async () => {
    const png = await noisePng(1000, 800);
    const requests: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes('/v1/media/uploads')) {
        requests.push(request.method());
      }
    };
    alicePage.on('request', onRequest);
    // The reply to the second chunk is replaced by an error that the SDK does not repeat on its own.
    let patches = 0;
    await alicePage.route(UPLOAD_CHUNKS, async (route: Route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        await route.fulfill({
          status: 429,
          contentType: 'application/json',
          body: JSON.stringify({ code: 'RATE_LIMITED', message: 'too many uploads' }),
        });

        return;
      }
      await route.continue();
    });

    await attach(alicePage, 'porch.png', 'image/png', png);
    await waitForFailure(alicePage, 'porch.png');
    const item = upload(alicePage, 'porch.png');
    expect(await item.getByTestId('upload-error').getAttribute('data-code')).toBe('RATE_LIMITED');
    const percentAtFailure = Number(await item.getAttribute('data-percent'));
    expect(percentAtFailure).toBeGreaterThan(0);

    await item.getByTestId('upload-retry').click();
    await waitForImage(bobPage, 'porch.png');
    alicePage.off('request', onRequest);
    await alicePage.unroute(UPLOAD_CHUNKS);

    // One upload was created. The retry requested the stored offset (HEAD) and continued from there.
    expect(requests.filter((method) => method === 'POST')).toHaveLength(1);
    expect(requests).toContain('HEAD');
  });
});
