// Hearth's configuration: the core's sections plus each app's section, as one schema, and the
// loader for it. Lives at the composition root because the core does not know the apps.

import type { z } from 'zod';
import { chatConfigSchema } from './apps/chat/config.ts';
import { echoConfigSchema } from './apps/echo/config.ts';
import { openlifterConfigSchema } from './apps/openlifter/config.ts';
import { presenceConfigSchema } from './apps/presence/config.ts';
import { buildConfigSchema } from './core/config/schema.ts';
import { createConfigLoader, type ConfigSources } from './core/config/load.ts';
import type { RawConfig } from './core/config/sources.ts';

export const hearthConfigSchema = buildConfigSchema({
  chat: chatConfigSchema,
  echo: echoConfigSchema,
  openlifter: openlifterConfigSchema,
  presence: presenceConfigSchema,
});

export type HearthConfig = z.infer<typeof hearthConfigSchema>;

const loader = createConfigLoader(hearthConfigSchema);

export function loadConfig(sources: ConfigSources = {}): HearthConfig {
  return loader.load(sources);
}

export function validateConfig(raw: RawConfig): HearthConfig {
  return loader.validate(raw);
}
