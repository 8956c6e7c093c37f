// The chat page in headless Chromium against a real server: two users set up over the HTTP API,
// each logged in through the page's form in a browser context of their own (Bo's at phone size),
// in one open room. Live delivery, the typing indicator, who is online (and Ana leaving, after a
// short grace period), history paging with `before`, recovery of what was sent while Bo's page
// was away, markup shown as text and never run, logout.

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
import { postJson } from '../support/http.ts';
import { startWebServer } from '../support/web-server.ts';

const PASSWORD = 'correct horse battery';
const MARKUP = '<script>window.__pwned=1</script><b>x</b>';

const CONFIG = {
  apps: {
    chat: {
      presence_grace_ms: 200,
      // A first connection gets the latest 5 of the room: the rest is for "Load older".
      initial_messages_per_room: 5,
      limits: {
        connection_attempts_per_ip_per_minute: 1000,
        login_attempts_per_ip_per_minute: 1000,
        login_attempts_per_account_per_minute: 1000,
      },
    },
  },
};

async function logIn(browser: Browser, url: string, email: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { viewport: PHONE_VIEWPORT } : {});
  const page = await openPage(context, url);
  await page.getByLabel('Email').first().fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('log', { name: 'Messages' }).waitFor();
  return page;
}

/** A stored (not pending) message whose content is exactly `text`. */
function message(page: Page, text: string) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  return page.locator('#messages li[data-message-id] .content', { hasText: exact });
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('chat page', () => {
  it('serves the page with the strict policy (no eval, nothing inline)', async () => {
    await using server = await startWebServer(CONFIG);
    const response = await fetch(`${server.url}/chat/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe/);
  });

  it('two users chat live, see typing and presence, recover what they missed', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer(CONFIG);
    const api = `${server.url}/chat/api`;
    const setup = await postJson(`${api}/setup`, {
      email: 'ana@example.com',
      name: 'Ana',
      password: PASSWORD,
    });
    assert.equal(setup.status, 201);
    const { session_token: token } = setup.body as { session_token: string };
    const auth = { authorization: `Bearer ${token}` };
    const bo = await postJson(
      `${api}/users`,
      { email: 'bo@example.com', name: 'Bo', password: PASSWORD },
      auth,
    );
    assert.equal(bo.status, 201);
    const room = await postJson(`${api}/rooms`, { kind: 'open', name: 'Lobby' }, auth);
    assert.equal(room.status, 201);
    const roomId = (room.body as { room: { id: string } }).room.id;
    for (let n = 1; n <= 8; n++) {
      const posted = await postJson(
        `${api}/rooms/${roomId}/messages`,
        { content: `history ${String(n)}`, client_message_id: crypto.randomUUID() },
        auth,
      );
      assert.equal(posted.status, 201);
    }

    const url = `${server.url}/chat/`;
    const ana = await logIn(browser, url, 'ana@example.com');
    const boPage = await logIn(browser, url, 'bo@example.com', true);

    // History: the first connection brought the latest 5; "Load older" pages in the rest.
    await message(boPage, 'history 8').waitFor();
    assert.equal(await message(boPage, 'history 3').count(), 0);
    await boPage.getByRole('button', { name: 'Load older messages' }).click();
    await message(boPage, 'history 1').waitFor();
    await boPage.getByRole('button', { name: 'Load older messages' }).waitFor({ state: 'hidden' });
    assert.equal(await boPage.locator('#messages li[data-message-id]').count(), 8);

    // Presence: each sees both online.
    for (const page of [ana, boPage]) {
      await page.locator('#online-list li', { hasText: 'Ana' }).waitFor();
      await page.locator('#online-list li', { hasText: 'Bo' }).waitFor();
    }

    // A message from Ana appears for Bo; Ana's own copy is confirmed (no longer pending).
    await send(ana, 'hello from Ana');
    await message(boPage, 'hello from Ana').waitFor();
    await message(ana, 'hello from Ana').waitFor();
    assert.equal(await ana.locator('#messages li.pending').count(), 0);

    // Bo types: Ana sees the indicator; Bo's send ends it.
    await boPage.getByLabel('Message', { exact: true }).pressSequentially('hi');
    await ana.getByText('Bo is typing…').waitFor();
    await boPage.getByRole('button', { name: 'Send' }).click();
    await message(ana, 'hi').waitFor();
    await ana.getByText('Bo is typing…').waitFor({ state: 'hidden' });

    // Markup is shown as text and never runs.
    await send(ana, MARKUP);
    await message(boPage, MARKUP).waitFor();
    assert.equal(await message(boPage, MARKUP).textContent(), MARKUP);
    assert.equal(await boPage.locator('#messages b').count(), 0);
    for (const page of [ana, boPage]) {
      assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    }
    await screenshot(boPage, 'chat-phone');
    await screenshot(ana, 'chat-desktop');

    // Bo's page goes away; Ana writes meanwhile; Bo's page comes back (same tab: the session
    // and the resume point are in sessionStorage) and has everything, each once.
    await boPage.goto('about:blank');
    await send(ana, 'while you were away 1');
    await send(ana, 'while you were away 2');
    await message(ana, 'while you were away 2').waitFor();
    await boPage.goto(url);
    await message(boPage, 'while you were away 1').waitFor();
    await message(boPage, 'while you were away 2').waitFor();
    await message(boPage, 'hello from Ana').waitFor();
    assert.equal(await message(boPage, 'while you were away 1').count(), 1);
    assert.equal(await boPage.locator('#messages li[data-message-id]').count(), 13);

    // Ana leaves (her browser closes): after the grace period Bo sees her go offline.
    assert.deepEqual(consoleProblems(ana), []);
    await ana.context().close();
    await boPage.locator('#online-list li', { hasText: 'Ana' }).waitFor({ state: 'detached' });
    await boPage.locator('#online-list li', { hasText: 'Bo' }).waitFor();

    // Logging out ends the session and forgets the token.
    await boPage.getByRole('button', { name: 'Log out' }).click();
    await boPage.getByRole('button', { name: 'Log in' }).waitFor();
    assert.equal(await boPage.evaluate("sessionStorage.getItem('hearth.chat.session')"), null);
    assert.deepEqual(consoleProblems(boPage), []);
  });
});
