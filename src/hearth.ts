// The composition root: which apps a Hearth node runs, built from the configuration. The only
// place that knows every app; apps themselves never import each other.

import { createChatApp } from './apps/chat/chat-app.ts';
import { createEchoApp } from './apps/echo/echo-app.ts';
import { createOpenLifterApp } from './apps/openlifter/openlifter-app.ts';
import { createPresenceApp } from './apps/presence/presence-app.ts';
import type { HearthApp } from './core/app.ts';
import type { HearthConfig } from './config.ts';
import type { Logger } from './core/observability/logger.ts';
import { HearthServer } from './core/server.ts';
import { mountedPages } from './pages/mount-pages.ts';
import { registerPageRoutes } from './pages/page-routes.ts';

export function createApps(config: HearthConfig): HearthApp[] {
  const apps: HearthApp[] = [];
  if (config.apps.openlifter.enabled) apps.push(createOpenLifterApp(config.apps.openlifter));
  if (config.apps.chat.enabled) apps.push(createChatApp(config.apps.chat));
  if (config.apps.presence.enabled) apps.push(createPresenceApp(config.apps.presence));
  if (config.apps.echo.enabled) {
    apps.push(createEchoApp(config.apps.echo.prefix));
  }
  return apps;
}

export function createHearth(config: HearthConfig, logger?: Logger): HearthServer {
  const pages = mountedPages(config);
  return new HearthServer({
    config,
    apps: createApps(config),
    routes: (http) => {
      registerPageRoutes(http, pages, { minify: true });
    },
    ...(logger ? { logger } : {}),
  });
}
