// A Hearth server as `hearth serve` composes it (every enabled app plus the web pages), for the
// browser suites: port 0 on loopback, a temporary data directory, silent logs.

import { createApps } from '../../src/hearth.ts';
import type { RawConfig } from '../../src/core/config/sources.ts';
import { mountedPages } from '../../src/pages/mount-pages.ts';
import { registerPageRoutes } from '../../src/pages/page-routes.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export async function startWebServer(config: RawConfig = {}): Promise<TestServer> {
  return startTestServer({
    apps: (hearthConfig) => createApps(hearthConfig),
    config,
    routes: (http, hearthConfig) => {
      registerPageRoutes(http, mountedPages(hearthConfig), { minify: false });
    },
  });
}
