// The XR room page in headless Chromium against a real server, in relay and protobuf mode: two
// people join one room anonymously (loopback, no key), each sees the other join, and moving one
// dot with the keyboard or the pointer moves it in the other page's peer list (the text twin of
// the canvas, which carries the coordinates as data-x / data-z). The page runs under the strict
// CSP (no 'unsafe-eval'): protobuf mode works because its codec is static code, and the page
// records every CSP violation so a codec that evals is caught even if the browser logs nothing.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  consoleProblems,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  screenshot,
} from '../support/browser.ts';
import type { TestServer } from '../support/test-server.ts';
import { startWebServer } from '../support/web-server.ts';

async function joinRoom(
  browser: Browser,
  url: string,
  room: string,
  name: string,
  mode: 'relay' | 'protobuf',
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext(viewport === undefined ? {} : { viewport });
  await context.addInitScript(RECORD_CSP_VIOLATIONS);
  const page = await openPage(context, url);
  await page.getByLabel('Room', { exact: true }).fill(room);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Mode').selectOption(mode);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('#status', { hasText: 'In the room' }).waitFor();
  return page;
}

/** Runs before the page's own scripts: keeps the directive of every CSP violation. */
const RECORD_CSP_VIOLATIONS = `
  globalThis.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    globalThis.cspViolations.push(event.blockedURI + ' (' + event.violatedDirective + ')');
  });
`;

/**
 * The CSP violations the page caused. Protobuf mode loads long.js (protobufjs's int64 support),
 * which probes for WebAssembly, gets "wasm-eval" refused and falls back to plain JavaScript
 * without a console message; that one is expected. Anything else (an `eval`) is a failure.
 */
async function cspViolations(page: Page): Promise<string[]> {
  const seen = await page.evaluate<string[]>('globalThis.cspViolations');
  return seen.filter((violation) => violation !== 'wasm-eval (script-src)');
}

/** The peer list item for `name`, once it shows a position. */
function peerItem(page: Page, name: string) {
  return page.locator('#peers li[data-x]', { hasText: name });
}

async function peerPosition(page: Page, name: string): Promise<{ x: number; z: number }> {
  const item = peerItem(page, name);
  await item.waitFor();
  return {
    x: Number(await item.getAttribute('data-x')),
    z: Number(await item.getAttribute('data-z')),
  };
}

async function ownPosition(page: Page): Promise<{ x: number; z: number }> {
  const map = page.getByRole('img', { name: /Room map/ });
  return {
    x: Number(await map.getAttribute('data-x')),
    z: Number(await map.getAttribute('data-z')),
  };
}

describe('XR room page', () => {
  let server: TestServer | undefined;
  before(async () => {
    server = await startWebServer();
  });
  after(() => server?.close());

  it('is served with the strict CSP: no eval (the protobuf codec is static code), nothing inline', async () => {
    const response = await fetch(`${serverOf(server).url}/presence/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|; )script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
  });

  for (const mode of ['relay', 'protobuf'] as const) {
    it(`${mode}: shows joins, and a dot moved in one page moves in the other`, async (t) => {
      const browser = await launchBrowser(t);
      if (browser === undefined) return;
      const url = `${serverOf(server).url}/presence/`;
      const room = `test-${mode}`;

      const ana = await joinRoom(browser, url, room, 'Ana', mode);
      const bo = await joinRoom(browser, url, room, 'Bo', mode, PHONE_VIEWPORT);
      // Ana's log announces Bo; each sees the other with a position.
      await ana.locator('#log li', { hasText: 'Bo joined' }).waitFor();
      await peerItem(ana, 'Bo').waitFor();
      const before = await peerPosition(bo, 'Ana');
      assert.deepEqual(before, await ownPosition(ana));

      // Keyboard: the map is focusable and labelled; three steps right, two down (0.5 m each).
      const map = ana.getByRole('img', { name: /Room map/ });
      await map.focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'd', 'ArrowDown', 's']) {
        await map.press(key);
      }
      const x = (before.x + 1.5).toFixed(1);
      const z = (before.z + 1).toFixed(1);
      assert.equal(await map.getAttribute('data-x'), x);
      assert.equal(await map.getAttribute('data-z'), z);
      await bo.locator(`#peers li[data-x="${x}"][data-z="${z}"]`, { hasText: 'Ana' }).waitFor();

      // Pointer: a quarter into the map from its top-left corner is (-5, -5).
      const box = await map.boundingBox();
      assert.ok(box !== null);
      await ana.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
      await bo.locator('#peers li[data-x="-5.0"][data-z="-5.0"]', { hasText: 'Ana' }).waitFor();

      await screenshot(ana, `presence-${mode}-desktop`);
      await screenshot(bo, `presence-${mode}-phone`);

      // Bo leaves: Ana's log and list say so.
      await bo.getByRole('button', { name: 'Leave' }).click();
      await ana.locator('#log li', { hasText: 'Bo left' }).waitFor();
      await peerItem(ana, 'Bo').waitFor({ state: 'detached' });

      assert.deepEqual(await cspViolations(ana), []);
      assert.deepEqual(await cspViolations(bo), []);
      assert.deepEqual(consoleProblems(ana), []);
      assert.deepEqual(consoleProblems(bo), []);
    });
  }
});

function serverOf(server: TestServer | undefined): TestServer {
  assert.ok(server !== undefined, 'the server started');
  return server;
}
