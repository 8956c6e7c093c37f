// Reading raw configuration from each source: a file (TOML, YAML or JSON, by extension), the
// environment (HEARTH_ prefix, "__" for nesting) and CLI flags. Each returns a plain partial
// object; merging and validation happen in load.ts.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { coerceEnvValue } from './env-coercion.ts';
import { kindAt } from './schema-introspection.ts';

export type RawConfig = Record<string, unknown>;

export function readConfigFile(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  const extension = extname(path).toLowerCase();
  let parsed: unknown;
  try {
    if (extension === '.toml') parsed = parseToml(text);
    else if (extension === '.yaml' || extension === '.yml') parsed = parseYaml(text);
    else if (extension === '.json') parsed = JSON.parse(text);
    else
      throw new ConfigError(
        `config file ${path}: unknown extension "${extension}" (use .toml, .yaml, .yml or .json)`,
      );
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`config file ${path} is not valid: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) throw new ConfigError(`config file ${path} must hold a table/object`);
  return parsed;
}

/**
 * `HEARTH_SERVER__PORT=9000` → `{server: {port: 9000}}`. Each value is converted to what the
 * schema expects at its key (see env-coercion.ts), so a numeric-looking token stays a string.
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  schema: z.ZodType,
  prefix = 'HEARTH_',
): RawConfig {
  const result: RawConfig = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || value === undefined) continue;
    const path = name.slice(prefix.length).toLowerCase().split('__');
    if (path.some((segment) => segment === '')) {
      throw new ConfigError(`environment variable ${name}: empty key segment`);
    }
    setPath(result, path, coerceEnvValue(value, kindAt(schema, path)));
  }
  return result;
}

export function setPath(target: RawConfig, path: readonly string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new ConfigError(`config key "${path.join('.')}" is not allowed`);
    }
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: RawConfig = {};
      node[key] = created;
      node = created;
    }
  }
}

/** Later sources win key by key; arrays and scalars are replaced, not merged. */
export function deepMerge(...layers: readonly RawConfig[]): RawConfig {
  const result: RawConfig = {};
  for (const layer of layers) mergeInto(result, layer);
  return result;
}

function mergeInto(target: RawConfig, source: RawConfig): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) mergeInto(existing, value);
    else if (isPlainObject(value)) {
      const copy: RawConfig = {};
      mergeInto(copy, value);
      target[key] = copy;
    } else target[key] = value;
  }
}

export function isPlainObject(value: unknown): value is RawConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
