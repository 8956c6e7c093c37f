// Builds the effective configuration: defaults < file < environment < CLI flags, validated once
// against the schema. Invalid input fails here, at start, with every bad key named.

import type { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { configFromEnv, deepMerge, readConfigFile, type RawConfig } from './sources.ts';

export interface ConfigSources {
  /** Path of a TOML, YAML or JSON file (`--config`). */
  readonly file?: string | undefined;
  /** Environment to read `HEARTH_*` variables from. @default {} */
  readonly env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, already shaped like the config. */
  readonly flags?: RawConfig;
  /** Values set by code (tests, embedding), applied last. */
  readonly overrides?: RawConfig;
}

export interface ConfigLoader<Config> {
  /** Merge the sources in precedence order and validate the result. */
  load(sources?: ConfigSources): Config;
  /** Validate an already merged raw object. */
  validate(raw: RawConfig): Config;
}

/** A loader for one schema (the composition root builds Hearth's from the core and its apps). */
export function createConfigLoader<Config>(schema: z.ZodType<Config>): ConfigLoader<Config> {
  const validate = (raw: RawConfig): Config => {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    throw new ConfigError(`invalid configuration:\n${formatIssues(result.error.issues)}`);
  };
  return {
    validate,
    load(sources = {}) {
      const layers: RawConfig[] = [];
      if (sources.file !== undefined) layers.push(readConfigFile(sources.file));
      layers.push(configFromEnv(sources.env ?? {}, schema));
      if (sources.flags) layers.push(sources.flags);
      if (sources.overrides) layers.push(sources.overrides);
      return validate(deepMerge(...layers));
    },
  };
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      if (issue.code === 'unrecognized_keys') {
        const where = issue.path.length > 0 ? `${key}.` : '';
        return `  - unknown key ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}`;
      }
      return `  - ${key}: ${issue.message}`;
    })
    .join('\n');
}
