// The echo app's config section (`apps.echo`): only the settings every app has.

import { appSection } from '../../core/config/schema.ts';

export const echoConfigSchema = appSection('/echo', {});
