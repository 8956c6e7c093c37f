// HTTP routes of the web pages: for each page, its HTML at the page's base path and the bundled
// app.js / app.css next to it (relative URLs in the HTML, so a page works under any prefix).
// Strict headers: a Content-Security-Policy that allows only this origin's scripts, styles and
// WebSockets (no inline script, so injected markup cannot run), no MIME sniffing, no framing.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PageBundler, type PageAssets } from './page-bundler.ts';
import { pageBase, type PageSpec } from './page-catalog.ts';

/** Where the pages' sources live (src/web/). */
const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Revalidate every time: the ETag makes that a 304 unless the server was updated.
  'cache-control': 'no-cache',
} as const;

/** Hearth's icon: a flame on a hearth. Browsers ask every site for /favicon.ico. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect x="3" y="24" width="26" height="5" rx="1" fill="#5b3a29"/>' +
  '<path d="M16 3c2 6 8 9 8 15a8 8 0 0 1-16 0c0-4 3-6 4-10 1 3 3 4 4 5 1-4 0-7 0-10z" ' +
  'fill="#e8590c"/></svg>';

export interface MountedPage {
  readonly page: PageSpec;
  /** Prefix of the page's app ("" for core pages). */
  readonly appPrefix: string;
}

interface PageFiles {
  readonly html: string;
  readonly assets: PageAssets;
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  type: string,
  body: string,
): FastifyReply {
  void reply.headers(SECURITY_HEADERS).header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}

export function registerPageRoutes(
  http: FastifyInstance,
  pages: readonly MountedPage[],
  options: { minify: boolean; webRoot?: string },
): void {
  const webRoot = options.webRoot ?? WEB_ROOT;
  if (pages.length > 0) {
    http.get('/favicon.ico', (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=86400')
        .type('image/svg+xml')
        .send(FAVICON_SVG),
    );
  }
  for (const { page, appPrefix } of pages) {
    const dir = join(webRoot, page.dir);
    const bundler = new PageBundler(join(dir, 'main.ts'), options);
    let html: Promise<string> | undefined;
    const files = async (): Promise<PageFiles> => {
      html ??= readFile(join(dir, 'index.html'), 'utf8');
      return { html: await html, assets: await bundler.assets() };
    };
    const base = pageBase(page, appPrefix);
    http.get(base, async (request, reply) => {
      const { html: body, assets } = await files();
      return send(request, reply, assets.etag, 'text/html; charset=utf-8', body);
    });
    http.get(`${base}app.js`, async (request, reply) => {
      const { assets } = await files();
      return send(request, reply, assets.etag, 'text/javascript; charset=utf-8', assets.js);
    });
    http.get(`${base}app.css`, async (request, reply) => {
      const { assets } = await files();
      return send(request, reply, assets.etag, 'text/css; charset=utf-8', assets.css);
    });
  }
}
