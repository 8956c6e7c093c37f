// The composition root: which apps a Hearth node runs, built from the configuration. The only
// place that knows every app; apps themselves never import each other.

import { createEchoApp } from './apps/echo/echo-app.ts';
import type { HearthApp } from './core/app.ts';
import type { HearthConfig } from './core/config/schema.ts';
import type { Logger } from './core/observability/logger.ts';
import { HearthServer } from './core/server.ts';

export function createApps(config: HearthConfig): HearthApp<never>[] {
  const apps: HearthApp<never>[] = [];
  if (config.apps.echo.enabled) {
    apps.push(withOverrides(createEchoApp(config.apps.echo.prefix), config.apps.echo.websocket));
  }
  return apps;
}

export function createHearth(config: HearthConfig, logger?: Logger): HearthServer {
  return new HearthServer({ config, apps: createApps(config), ...(logger ? { logger } : {}) });
}

function withOverrides<S>(app: HearthApp<S>, websocket: HearthApp['websocket']): HearthApp<never> {
  return { ...app, websocket: { ...app.websocket, ...websocket } } as unknown as HearthApp<never>;
}
