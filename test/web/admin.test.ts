// The admin dashboard in headless Chromium against a real server with `admin.token` set: it asks
// for the token and says clearly when one is wrong; with the right one it goes live, and while
// this test process loads the server (20 echo clients publishing to one room, a presence
// client in a room of its own) the charts follow (connections total, a frames/s line that
// moves), the rooms table lists the presence room, and the log-level switch changes the
// server's level. Then, at phone width, a loopback server without a token: no token asked.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connectRelay } from '../apps/presence/support/presence-server.ts';
import {
  consoleProblems,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  screenshot,
} from '../support/browser.ts';
import { fetchJson } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import { startWebServer } from '../support/web-server.ts';
import { TestClient } from '../support/ws-client.ts';

const TOKEN = 'dashboard-token-for-browser-tests';
const ECHO_CLIENTS = 20;
const PRESENCE_ROOM = 'admin-watch-room';
/** The browser logs each refused fetch (the 401s this test provokes on purpose). */
const PROVOKED = [/status of 401/];

interface Load extends AsyncDisposable {
  readonly connected: number;
}

/**
 * 20 echo clients in one room, each publishing a frame every 100 ms (so ~200 frames/s in and
 * ~4,000 deliveries/s out), and one presence client; stops on dispose or after 60 s at most.
 */
async function startLoad(server: TestServer): Promise<Load> {
  const echo = await Promise.all(
    Array.from({ length: ECHO_CLIENTS }, () =>
      TestClient.connect(server.wsUrl('/echo/ws?room=admin-load')),
    ),
  );
  const { client: presence } = await connectRelay(server, PRESENCE_ROOM);
  let sent = 0;
  const ticker = setInterval(() => {
    for (const client of echo) client.send(`load ${sent++}`);
  }, 100);
  const cap = setTimeout(() => {
    clearInterval(ticker);
  }, 60_000);
  return {
    connected: echo.length + 1,
    async [Symbol.asyncDispose]() {
      clearInterval(ticker);
      clearTimeout(cap);
      await Promise.all([...echo, presence].map((client) => client.close()));
    },
  };
}

async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
}

async function openDashboard(browser: Browser, url: string, viewport?: typeof PHONE_VIEWPORT) {
  const context = await browser.newContext(viewport === undefined ? {} : { viewport });
  const page = await openPage(context, url);
  return page;
}

describe('admin dashboard', () => {
  it('asks for the token, refuses a wrong one, and charts a live load', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer({ admin: { token: TOKEN } });
    const page = await openDashboard(browser, `${server.url}/admin/`);

    // No token yet: the server answers 401 and the page says what it needs.
    const refusal = page.getByRole('alert');
    await refusal.getByText('needs the admin token').waitFor();
    assert.equal(await page.locator('#dashboard').isHidden(), true);
    assert.equal(await page.getByLabel('Admin token').getAttribute('type'), 'password');

    await enterToken(page, 'not-the-token-at-all');
    await refusal.getByText('The admin token was not accepted').waitFor();
    assert.equal(await page.locator('#dashboard').isHidden(), true);

    await enterToken(page, TOKEN);
    await page.getByRole('status').getByText('Live.').waitFor();
    assert.equal(await refusal.isHidden(), true);

    await using load = await startLoad(server);

    // Connections: the summary reaches the number of clients connected.
    const connections = page.locator('#chart-connections');
    await connections.locator('.chart-total').getByText(String(load.connected)).waitFor();
    const connectionsImage = connections.getByRole('img');
    assert.match(
      (await connectionsImage.getAttribute('aria-label')) ?? '',
      new RegExp(`now ${load.connected} connections: .*echo ${ECHO_CLIENTS}`),
    );

    // Frames received per second: the echo line is drawn and keeps moving.
    const framesIn = page.locator('#chart-frames-in');
    const echoLine = framesIn.locator('path[data-app="echo"]');
    await framesIn.locator('path[data-app="echo"][d*="L"]').waitFor();
    const firstPath = (await echoLine.getAttribute('d')) ?? '';
    await framesIn.locator(`path[data-app="echo"]:not([d=${JSON.stringify(firstPath)}])`).waitFor();
    assert.ok(Number(await framesIn.getByRole('img').getAttribute('data-last')) > 0);
    // Fan-out: every frame is written to the 20 members of the room.
    await page.locator('#chart-deliveries svg[data-last]:not([data-last="0"])').waitFor();

    // The presence room the load joined, with its one connection.
    const presenceRooms = page.locator('table.rooms[data-app="presence"]');
    const row = presenceRooms.getByRole('row', { name: new RegExp(PRESENCE_ROOM) });
    await row.waitFor();
    assert.equal(await row.getByRole('cell').last().textContent(), '1');
    assert.equal(await presenceRooms.getByRole('columnheader').first().textContent(), 'Room');

    // The log level switch changes the server's level.
    const level = page.getByLabel('Log level');
    await page.locator('#log-level:enabled').waitFor();
    assert.equal(await level.inputValue(), 'silent');
    await level.selectOption('debug');
    await page.getByRole('status').getByText('Log level changed from silent to debug').waitFor();
    const read = await fetchJson(`${server.url}/admin/log-level`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.deepEqual(read.body, { level: 'debug' });

    await screenshot(page, 'admin-dashboard');
    assert.deepEqual(consoleProblems(page, PROVOKED), []);
  });

  it('runs without a token on a loopback server that has none, at phone width', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await startWebServer();
    await using load = await startLoad(server);
    const page = await openDashboard(browser, `${server.url}/admin/`, PHONE_VIEWPORT);
    await page.getByRole('status').getByText('no token needed').waitFor();
    await page
      .locator('#chart-connections .chart-total')
      .getByText(String(load.connected))
      .waitFor();
    await page.locator('table.rooms[data-app="presence"]').getByText(PRESENCE_ROOM).waitFor();
    // Nothing pushes the page sideways: wide tables scroll inside their own box.
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.equal(overflow, 0);
    await screenshot(page, 'admin-dashboard-phone');
    assert.deepEqual(consoleProblems(page), []);
  });
});
