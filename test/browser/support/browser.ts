import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Screenshots of the main screens, kept after the run for people to look at. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'browser');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. The flags keep it from reaching out to
 * Google's services, which this machine's closed network would refuse
 * many times per start, and --no-sandbox lets it run as root in CI.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Run bash scripts/install-browser.sh, or set CHROMIUM_PATH`);
  }

  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Opens a browser context (a separate profile with its own storage and cookies) and a page at the web client. */
export async function openUser(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error at ${page.url()}: ${error.message}`));
  await page.goto('/');

  return { context, page };
}

/** Saves a screenshot of the page under test-output/browser/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
