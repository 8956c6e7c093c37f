// `hearth`: the command-line entry point. `serve` runs a node until SIGTERM/SIGINT (graceful
// drain), `config` prints the effective configuration with secrets redacted.

import { CHAT_USAGE, runChatCommand } from '../apps/chat/cli-command.ts';
import { BACKUP_USAGE, runBackupCommand } from './backup-command.ts';
import { RESTORE_USAGE, runRestoreCommand } from './restore-command.ts';
import { ConfigError } from '../core/config/config-error.ts';
import { loadConfig, type HearthConfig } from '../config.ts';
import { redactConfig } from '../core/config/redact.ts';
import { createHearth } from '../hearth.ts';
import { HEARTH_VERSION } from '../version.ts';
import { FLAG_HELP, parseCommandLine, type ParsedCommandLine } from './flags.ts';

const USAGE = `hearth ${HEARTH_VERSION}: real-time server for OpenLifter live meets, chat and XR presence

Usage: hearth <command> [options]

Commands:
  serve     run a Hearth node (until SIGTERM/SIGINT, then drain gracefully)
  config    print the effective configuration (secrets redacted) as JSON
${CHAT_USAGE}
${BACKUP_USAGE}
${RESTORE_USAGE}

${FLAG_HELP}

Configuration: defaults < --config file < HEARTH_* environment (HEARTH_SERVER__PORT=9000)
< command-line flags. See README.md for every key.`;

async function main(argv: readonly string[]): Promise<number> {
  const commandLine = parseCommandLine(argv);
  if (commandLine.version) {
    console.log(HEARTH_VERSION);
    return 0;
  }
  if (commandLine.help || commandLine.command === undefined || commandLine.command === 'help') {
    const asked = commandLine.help || commandLine.command === 'help';
    if (asked) console.log(USAGE);
    else console.error(USAGE);
    return asked ? 0 : 2;
  }
  switch (commandLine.command) {
    case 'serve':
      return serve(configFrom(commandLine));
    case 'config':
      console.log(JSON.stringify(redactConfig(configFrom(commandLine)), null, 2));
      return 0;
    case 'chat':
      return runChatCommand(
        commandLine.rest,
        commandLine.chat,
        configFrom(commandLine).storage.data_dir,
      );
    case 'backup':
      return runBackupCommand(configFrom(commandLine), commandLine.backup.out);
    case 'restore':
      return runRestoreCommand(configFrom(commandLine), commandLine.rest, commandLine.backup.force);
    default:
      console.error(`hearth: unknown command "${commandLine.command}"\n\n${USAGE}`);
      return 2;
  }
}

function configFrom(commandLine: ParsedCommandLine): HearthConfig {
  return loadConfig({ file: commandLine.configFile, env: process.env, flags: commandLine.flags });
}

async function serve(config: HearthConfig): Promise<number> {
  const server = createHearth(config);
  if (!server.loopbackOnly && config.admin.token === undefined) {
    server.logger.warn(
      'admin endpoints are disabled: listening beyond loopback without admin.token',
    );
  }
  await server.listen();
  const lines = server
    .appUrls()
    .map(({ app, http, websocket }) => `  ${app.padEnd(12)} ${http}  (WebSocket ${websocket}/…)`);
  const { url } = server.address();
  const metrics = server.metricsAddress();
  console.error(
    [
      `Hearth ${HEARTH_VERSION} is serving on ${url}`,
      ...lines,
      `  health       ${url}/health  ready ${url}/ready  metrics ${url}/metrics`,
      ...(metrics ? [`  metrics port ${metrics.url}/metrics`] : []),
      'Press Ctrl+C to stop (graceful drain).',
    ].join('\n'),
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        server.logger.warn({ signal }, 'second signal: exiting without waiting');
        resolve(1);
        return;
      }
      stopping = true;
      server.logger.info({ signal }, 'stopping');
      // The drain has its own deadline; this one only guards against a stuck store.
      const hardStop = setTimeout(() => {
        server.logger.error('drain did not finish in time: exiting');
        resolve(1);
      }, config.server.drain_timeout_ms + 5_000);
      hardStop.unref();
      server.drain().then(
        () => {
          clearTimeout(hardStop);
          resolve(0);
        },
        (error: unknown) => {
          server.logger.error({ err: error }, 'drain failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Give pino's asynchronous file stream a moment, then leave even if a handle lingers.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`hearth: ${error.message}`);
    else console.error('hearth: failed to start:', error);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
