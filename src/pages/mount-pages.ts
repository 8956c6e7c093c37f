// Which pages this node serves and where: every catalogued page of an enabled app, below that
// app's configured prefix, plus the core pages at the root.

import type { CoreConfig } from '../core/config/schema.ts';
import { PAGES, type PageSpec } from './page-catalog.ts';
import type { MountedPage } from './page-routes.ts';

export function mountedPages(
  config: CoreConfig,
  pages: readonly PageSpec[] = PAGES,
): MountedPage[] {
  if (!config.web.enabled) return [];
  const mounted: MountedPage[] = [];
  for (const page of pages) {
    if (page.app === undefined) {
      mounted.push({ page, appPrefix: '' });
      continue;
    }
    const app = config.apps[page.app];
    if (app?.enabled === true) mounted.push({ page, appPrefix: app.prefix });
  }
  return mounted;
}
