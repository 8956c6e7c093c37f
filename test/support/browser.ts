// Headless Chromium for the browser suites: Debian's own build (never a downloaded one), driven
// by playwright-core. Without /usr/bin/chromium a suite is skipped with the reason printed,
// except in CI, where `.ci/run` installs it and its absence is a failure. Every page opened
// through `openPage` records console errors and uncaught exceptions, which `expectCleanConsole`
// turns into a failure; screenshots go to test-artifacts/browser/ (git-ignored).

import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './child-server.ts';

export const CHROMIUM_PATH = process.env.HEARTH_TEST_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts', 'browser');

/** A phone-sized viewport (narrow layouts must work too). */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** Launch Chromium, or skip (locally) / fail (CI) when it is not installed. Closed after `t`. */
export async function launchBrowser(t: TestContext): Promise<Browser | undefined> {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    if (process.env.CI === 'true') {
      throw new Error(`${CHROMIUM_PATH} is missing: CI requires the browser suites to run`);
    }
    t.skip(`browser suite skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium)`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  return browser;
}

const problems = new WeakMap<Page, string[]>();

/** A new page in `context` that records console errors and page errors, opened at `url`. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    seen.push(`uncaught: ${error.message}`);
  });
  await page.goto(url);
  return page;
}

/**
 * Console errors and uncaught exceptions the page produced so far. `allowed` lists patterns a
 * test provokes on purpose (e.g. the browser's own log line for a WebSocket cut while offline).
 */
export function consoleProblems(page: Page, allowed: readonly RegExp[] = []): string[] {
  return (problems.get(page) ?? []).filter((text) => !allowed.some((re) => re.test(text)));
}

/** Save a full-page screenshot as test-artifacts/browser/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
