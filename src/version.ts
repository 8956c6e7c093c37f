// Hearth's version, from package.json, for `hearth --version`, /health and logs.

import packageJson from '../package.json' with { type: 'json' };

export const HEARTH_VERSION: string = packageJson.version;
