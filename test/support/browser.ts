import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultChromiumPath } from '../../scripts/ensure-browser';
import { testStaffPassword } from './postgres';

/** Screenshots of the browser tests, for people to look at (ignored by git). */
export const screenshotDir = join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Debian's Chromium (`CHROMIUM_PATH` to use another), headless, no network of its own. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || defaultChromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png and returns the file name. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = `${name}.png`;
  await page.screenshot({ path: join(screenshotDir, file), fullPage: true });
  return file;
}

/** Signs a staff member in through the sign-in page (a demo staff member with the tests' password by default). */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password = testStaffPassword,
): Promise<void> {
  await page.goto(`${baseUrl}/ui/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL('**/ui/tasks'), page.click('button[type=submit]')]);
}
