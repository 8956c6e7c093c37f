// The OpenLifter live pages in headless Chromium against a real server: the control page (go
// live, join through the join link, edit) in two browser contexts, the livestream overlay in a
// third, live updates between them, an offline edit that loses a conflict to a higher-priority
// location and converges, a phone-sized run with a reload, and clean consoles throughout.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  consoleProblems,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  screenshot,
} from '../support/browser.ts';
import { startWebServer } from '../support/web-server.ts';
import { waitUntil } from '../support/ws-client.ts';

const PASSWORD = 'correct horse battery';

/**
 * How long a change made in one browser may take to show in another. The issue asks for "within
 * a second"; 2 s keeps that behavioural bound without flaking on a loaded machine. It is a bound
 * on behaviour, not a performance claim (those come from bench/ only).
 */
const UPDATE_WITHIN_MS = 2000;

/** The browser's own log line for a WebSocket that cannot connect while the context is offline. */
const OFFLINE_SOCKET_ERROR = /^console\.error: WebSocket connection to '.*' failed: /;

const MEET_ID = /^\d{3}-\d{3}-\d{3}$/;

/** Types `value` into the field and leaves it, which commits it (one `change`, one edit). */
async function commit(page: Page, id: string, value: string): Promise<void> {
  const field = page.locator(`#${id}`);
  await field.fill(value);
  await field.press('Tab');
}

/**
 * Waits until the form field `id` holds `value`. A field's value is not text, so no locator
 * filter finds it, and waitForFunction's polling evaluates strings, which the page's CSP forbids:
 * poll the value from here.
 */
async function waitForValue(page: Page, id: string, value: string, timeout = 10_000) {
  const field = page.locator(`#${id}`);
  let seen: string | undefined;
  try {
    await waitUntil(async () => (seen = await field.inputValue({ timeout })) === value, timeout);
  } catch {
    throw new Error(`#${id} holds ${JSON.stringify(seen)}, not ${JSON.stringify(value)}`);
  }
}

/** Waits until the element `selector` reads exactly `text`, then checks it did. */
async function waitForText(page: Page, selector: string, text: string, timeout = 10_000) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator(selector).filter({ hasText: exact }).waitFor({ timeout });
  assert.equal((await page.locator(selector).textContent())?.trim(), text);
}

/** Goes live as the registration desk (priority 30; Platform A has 20); returns the meet id. */
async function goLive(page: Page, meetName: string): Promise<string> {
  await page.locator('#go-live-meet-name').fill(meetName);
  await page.locator('#go-live-password').fill(PASSWORD);
  assert.equal(await page.locator('#go-live-location').inputValue(), 'Registration desk');
  await page.getByRole('button', { name: 'Go live' }).click();
  const meetId = page.locator('#meet-id');
  await meetId.filter({ hasText: MEET_ID }).waitFor();
  await waitForText(page, '#sync-status', 'Online');
  return (await meetId.textContent()) ?? '';
}

async function addLifter(page: Page, index: number, name: string, squatKg: string, lot: string) {
  await page.getByRole('button', { name: 'Add lifter' }).click();
  await commit(page, `lifter-${index}-name`, name);
  await commit(page, `lifter-${index}-lot`, lot);
  await commit(page, `lifter-${index}-attempt-1-kg`, squatKg);
}

/** Opens the join link in a new context and joins as Platform A. */
async function joinViaLink(browser: Browser, joinLink: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await openPage(context, joinLink);
  await page.locator('#join-form').waitFor();
  assert.match(await page.locator('#join-meet-id').inputValue(), MEET_ID, 'prefilled by the link');
  await page.locator('#join-password').fill(PASSWORD);
  await page.locator('#join-location').fill('Platform A');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('#live').waitFor();
  await waitForText(page, '#sync-status', 'Online');
  return page;
}

/** Every field of the live meet, by id: two pages showing the same state read the same. */
function fieldValues(page: Page): Promise<string> {
  return page.evaluate(
    `JSON.stringify([...document.querySelectorAll('#meet-fields input, #meet-fields select, ` +
      `#lifter-list input, #lifter-list select')].map((field) => [field.id, field.value]))`,
  );
}

describe('OpenLifter live pages', () => {
  it('carries edits from one location to another and to the overlay, live', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer();

    const pageA = await openPage(await browser.newContext(), `${server.url}/openlifter/`);
    const meetId = await goLive(pageA, 'Spring Open');
    await addLifter(pageA, 0, 'Ada', '100', '1');
    await addLifter(pageA, 1, 'Bo', '95', '2');
    const joinLink = await pageA.locator('#join-link').inputValue();
    assert.equal(joinLink, `${server.url}/openlifter/#meet=${meetId}`);
    assert.equal(
      await pageA.locator('#overlay-url').inputValue(),
      `${server.url}/openlifter/overlay/#meet=${meetId}`,
    );

    const pageB = await joinViaLink(browser, joinLink);
    await waitForValue(pageB, 'lifter-1-name', 'Bo');
    await waitForValue(pageB, 'field-meet-name', 'Spring Open');

    const fragment = new URLSearchParams({ meet: meetId, password: PASSWORD });
    const overlay = await openPage(
      await browser.newContext({ viewport: { width: 1280, height: 720 } }),
      `${server.url}/openlifter/overlay/#${fragment.toString()}`,
    );
    // Lightest first attempt first: Bo (95) before Ada (100).
    await waitForText(overlay, '#ov-lifter', 'Bo');
    await waitForText(overlay, '#ov-attempt', 'Attempt 1 · 95 kg');
    await waitForText(overlay, '#ov-lift', 'Squat · Flight A');
    await waitForText(overlay, '#ov-meet-name', 'Spring Open');
    assert.equal(
      await overlay.locator('#overlay-join').isHidden(),
      true,
      'no controls once joined',
    );
    assert.equal(await overlay.locator('button, input, select').first().isVisible(), false);

    // A raises Bo's opener above Ada's: B sees the weight, the overlay puts Ada up first.
    await commit(pageA, 'lifter-1-attempt-1-kg', '102.5');
    await waitForValue(pageB, 'lifter-1-attempt-1-kg', '102.5', UPDATE_WITHIN_MS);
    await waitForText(overlay, '#ov-lifter', 'Ada', UPDATE_WITHIN_MS);
    await waitForText(overlay, '#ov-attempt', 'Attempt 1 · 100 kg');
    assert.deepEqual(await overlay.locator('#ov-next-list li').allTextContents(), [
      'Bo · Attempt 1 · 102.5 kg',
    ]);

    // B renames Ada: A and the overlay follow.
    await commit(pageB, 'lifter-0-name', 'Ada Lovelace');
    await waitForValue(pageA, 'lifter-0-name', 'Ada Lovelace', UPDATE_WITHIN_MS);
    await waitForText(overlay, '#ov-lifter', 'Ada Lovelace', UPDATE_WITHIN_MS);

    // A good lift for Ada (with her second attempt in) hands the platform to Bo.
    await commit(pageA, 'lifter-0-attempt-2-kg', '110');
    await pageA.locator('#lifter-0-attempt-1-result').selectOption('1');
    await waitForText(overlay, '#ov-lifter', 'Bo', UPDATE_WITHIN_MS);
    await waitForText(overlay, '#ov-attempt', 'Attempt 1 · 102.5 kg');
    assert.deepEqual(await overlay.locator('#ov-next-list li').allTextContents(), [
      'Ada Lovelace · Attempt 2 · 110 kg',
    ]);
    await waitForValue(pageB, 'lifter-0-attempt-1-result', '1', UPDATE_WITHIN_MS);

    await screenshot(pageA, 'openlifter-location-a');
    await screenshot(pageB, 'openlifter-location-b');
    await screenshot(overlay, 'openlifter-overlay');
    for (const page of [pageA, pageB, overlay]) assert.deepEqual(consoleProblems(page), []);
  });

  it('keeps offline edits, resolves the conflict by priority and converges', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer();

    const pageA = await openPage(await browser.newContext(), `${server.url}/openlifter/`);
    await goLive(pageA, 'Offline Classic');
    await addLifter(pageA, 0, 'Cy', '140', '1');
    const pageB = await joinViaLink(browser, await pageA.locator('#join-link').inputValue());
    await waitForValue(pageB, 'lifter-0-attempt-1-kg', '140');

    await pageB.context().setOffline(true);
    await pageB.locator('#sync-status[data-status="offline"]').waitFor();
    // B (Platform A, priority 20) changes the name and the opener without seeing A's edit…
    await commit(pageB, 'lifter-0-name', 'Cy from B');
    await commit(pageB, 'lifter-0-attempt-1-kg', '145');
    await waitForText(pageB, '#sync-status', 'Offline · 2 pending');
    // …while A (Registration desk, priority 30) renames the same lifter.
    await commit(pageA, 'lifter-0-name', 'Cy from A');
    await waitForText(pageA, '#sync-status', 'Online');

    await pageB.context().setOffline(false);
    await waitForText(pageB, '#sync-status', 'Online');
    // The name conflict goes to the higher priority; the opener, unopposed, to B's value.
    await waitForValue(pageB, 'lifter-0-name', 'Cy from A');
    await waitForValue(pageA, 'lifter-0-attempt-1-kg', '145');
    await pageB.locator('#conflict-notice').waitFor();
    assert.equal(
      await pageB.locator('#conflict-text').textContent(),
      "Your change to lifter 1's name (“Cy from B”) was overruled by Registration desk. " +
        'It is now “Cy from A”.',
    );
    assert.equal(await pageA.locator('#conflict-notice').isHidden(), true);
    assert.equal(await fieldValues(pageA), await fieldValues(pageB), 'both show the same meet');

    await screenshot(pageB, 'openlifter-after-conflict');
    assert.deepEqual(consoleProblems(pageA), []);
    assert.deepEqual(consoleProblems(pageB, [OFFLINE_SOCKET_ERROR]), []);
  });

  it('works at a phone’s width and survives a reload; the overlay asks for the password', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer();

    const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
    const page = await openPage(context, `${server.url}/openlifter/`);
    await page.locator('#go-live-form').waitFor();
    await screenshot(page, 'openlifter-phone-go-live');
    const meetId = await goLive(page, 'Phone Meet');
    await addLifter(page, 0, 'Dee', '60', '1');
    await page.locator('#field-lift').selectOption('B');
    await screenshot(page, 'openlifter-phone-live');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
    assert.equal(overflow, 0, 'nothing wider than the phone');

    await page.reload();
    await waitForText(page, '#meet-id', meetId);
    await waitForValue(page, 'lifter-0-name', 'Dee');
    await waitForValue(page, 'field-lift', 'B');
    await waitForText(page, '#sync-status', 'Online');

    const overlay = await openPage(
      await browser.newContext({ viewport: PHONE_VIEWPORT }),
      `${server.url}/openlifter/overlay/#meet=${meetId}`,
    );
    await waitForValue(overlay, 'overlay-meet-id', meetId);
    await overlay.locator('#overlay-password').fill('not the password');
    await overlay.getByRole('button', { name: 'Show the overlay' }).click();
    await waitForText(overlay, '#overlay-error', 'invalid meetId/password');
    await overlay.locator('#overlay-password').fill(PASSWORD);
    await overlay.getByRole('button', { name: 'Show the overlay' }).click();
    // Bench is the current lift and Dee has no bench attempt yet.
    await waitForText(overlay, '#ov-lift', 'Bench press · Flight A');
    await waitForText(overlay, '#ov-lifter', 'No lifter up');
    await commit(page, 'lifter-0-attempt-1-kg', '62.5');
    await waitForText(overlay, '#ov-lifter', 'Dee', UPDATE_WITHIN_MS);
    await waitForText(overlay, '#ov-attempt', 'Attempt 1 · 62.5 kg');
    await screenshot(overlay, 'openlifter-phone-overlay');

    assert.deepEqual(consoleProblems(page), []);
    assert.deepEqual(consoleProblems(overlay), []);
  });
});
