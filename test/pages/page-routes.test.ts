// Page serving through a real server: the HTML at the page's base path, the TypeScript bundled
// by esbuild with its CSS, strict headers, ETag revalidation, and pages of disabled apps absent.
// Then the same fixture in headless Chromium: the bundle runs and styles apply.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mountedPages } from '../../src/pages/mount-pages.ts';
import type { PageSpec } from '../../src/pages/page-catalog.ts';
import { registerPageRoutes } from '../../src/pages/page-routes.ts';
import { consoleProblems, launchBrowser, openPage } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const FIXTURES = join(import.meta.dirname, 'fixture');
const HELLO: PageSpec = { dir: 'hello', app: 'echo', path: '/hello/' };
const CORE_HELLO: PageSpec = { dir: 'hello', path: '/hello/' };

async function serve(config: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({
    apps: [],
    config,
    routes: (http, hearthConfig) => {
      const pages = mountedPages(hearthConfig, [HELLO, CORE_HELLO]);
      registerPageRoutes(http, pages, { minify: false, webRoot: FIXTURES });
    },
  });
}

describe('web pages', () => {
  it('serves the HTML, the bundled script and its CSS with strict headers', async () => {
    await using server = await serve({ apps: { echo: { prefix: '/e' } } });
    const html = await fetch(`${server.url}/e/hello/`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<title>Hello fixture<\/title>/);
    const csp = html.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(html.headers.get('x-content-type-options'), 'nosniff');

    const js = await fetch(`${server.url}/e/hello/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    const code = await js.text();
    assert.match(code, /getElementById\("greeting"\)/);
    assert.doesNotMatch(code, /: string/, 'types are stripped');
    const css = await (await fetch(`${server.url}/e/hello/app.css`)).text();
    assert.match(css, /rgb\(1, 2, 3\)/);
  });

  it('answers 304 to a request carrying the current ETag', async () => {
    await using server = await serve();
    const first = await fetch(`${server.url}/hello/app.js`);
    const etag = first.headers.get('etag');
    assert.ok(etag !== null);
    const again = await fetch(`${server.url}/hello/app.js`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('does not serve the pages of a disabled app, nor any page with web.enabled false', async () => {
    await using withoutEcho = await serve({ apps: { echo: { enabled: false } } });
    assert.equal((await fetch(`${withoutEcho.url}/echo/hello/`)).status, 404);
    assert.equal((await fetch(`${withoutEcho.url}/hello/`)).status, 200);
    await using withoutWeb = await serve({ web: { enabled: false } });
    assert.equal((await fetch(`${withoutWeb.url}/hello/`)).status, 404);
  });

  it('runs in Chromium: the bundle executes and the stylesheet applies', async (t) => {
    const browser = await launchBrowser(t);
    if (browser === undefined) return;
    await using server = await serve();
    const context = await browser.newContext();
    const page = await openPage(context, `${server.url}/hello/`);
    const greeting = page.locator('#greeting');
    await greeting.getByText('hello from the bundle').waitFor();
    // A string: the test's own types have no DOM.
    const color = await page.evaluate(
      "getComputedStyle(document.getElementById('greeting')).color",
    );
    assert.equal(color, 'rgb(1, 2, 3)');
    assert.deepEqual(consoleProblems(page), []);
  });
});
