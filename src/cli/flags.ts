// Command-line flags of `hearth`, turned into the config shape so they take part in the normal
// precedence (defaults < file < environment < flags).

import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/config-error.ts';
import { setPath, type RawConfig } from '../core/config/sources.ts';

export interface ParsedCommandLine {
  readonly command: string | undefined;
  readonly rest: readonly string[];
  readonly configFile: string | undefined;
  readonly flags: RawConfig;
  readonly help: boolean;
  readonly version: boolean;
  /** `chat add-user` options. */
  readonly chat: { readonly email?: string; readonly name?: string; readonly admin: boolean };
  /** `backup --out FILE` and `restore FILE --force`. */
  readonly backup: { readonly out?: string; readonly force: boolean };
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  bind: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  'metrics-port': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  email: { type: 'string' },
  name: { type: 'string' },
  admin: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const FLAG_HELP = `Options:
  -c, --config FILE        configuration file (.toml, .yaml, .yml or .json)
      --bind HOST[:PORT]   address to listen on               (server.host, server.port)
      --port PORT          port to listen on                  (server.port)
      --data-dir DIR       where embedded stores keep files   (storage.data_dir)
      --log-level LEVEL    fatal|error|warn|info|debug|trace  (log.level)
      --log-format FORMAT  json|pretty                        (log.format)
      --metrics-port PORT  also serve /metrics on this port   (metrics.port)
      --out FILE           backup: the archive to write
      --force              restore: replace a non-empty data dir
  -h, --help               show this help
  -v, --version            print the version`;

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const flags: RawConfig = {};
  if (values.bind !== undefined) {
    const { host, port } = splitBind(values.bind);
    setPath(flags, ['server', 'host'], host);
    if (port !== undefined) setPath(flags, ['server', 'port'], port);
  }
  if (values.port !== undefined) setPath(flags, ['server', 'port'], toPort('--port', values.port));
  if (values['data-dir'] !== undefined) setPath(flags, ['storage', 'data_dir'], values['data-dir']);
  if (values['log-level'] !== undefined) setPath(flags, ['log', 'level'], values['log-level']);
  if (values['log-format'] !== undefined) setPath(flags, ['log', 'format'], values['log-format']);
  if (values['metrics-port'] !== undefined) {
    setPath(flags, ['metrics', 'port'], toPort('--metrics-port', values['metrics-port']));
  }
  return {
    command: positionals[0],
    rest: positionals.slice(1),
    configFile: values.config,
    flags,
    help: values.help === true,
    version: values.version === true,
    chat: { email: values.email, name: values.name, admin: values.admin === true },
    backup: { out: values.out, force: values.force === true },
  };
}

/** "0.0.0.0:8080", "[::1]:8080", "127.0.0.1" or "::1" → host and optional port. */
function splitBind(bind: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(bind);
  if (bracketed) {
    const [, host = '', port] = bracketed;
    return { host, port: port === undefined ? undefined : toPort('--bind', port) };
  }
  const colons = bind.split(':').length - 1;
  if (colons === 1) {
    const [host = '', port = ''] = bind.split(':');
    return { host, port: toPort('--bind', port) };
  }
  return { host: bind, port: undefined };
}

function toPort(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new ConfigError(`${flag}: "${text}" is not a port number`);
  }
  return port;
}
