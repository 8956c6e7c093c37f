// The real `hearth` command as a child process: --version, --help, usage errors, `config` with
// secrets redacted, configuration errors without stack traces, and `serve` from banner to a
// graceful exit on SIGTERM. Every child is killed in teardown, whatever happened.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fetchJson } from '../support/http.ts';
import { HearthProcess as Cli, REPO_ROOT, type Exit } from '../support/child-server.ts';

const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const SECRET = 'some-long-secret-token-value';

/** Runs the CLI to completion. */
async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Exit & { stdout: string; stderr: string }> {
  await using cli = new Cli(args, env);
  const exit = await cli.waitForExit();
  return { ...exit, stdout: cli.stdout, stderr: cli.stderr };
}

test('--version prints the package version', async () => {
  const result = await runCli(['--version']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), VERSION);
});

test('--help lists the commands and exits 0', async () => {
  const result = await runCli(['--help']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^\s+serve\s/m);
  assert.match(result.stdout, /^\s+config\s/m);
  assert.match(result.stdout, /--port PORT/);
});

test('an unknown command, an unknown flag or no command at all exit 2', async () => {
  const unknownCommand = await runCli(['frobnicate']);
  assert.equal(unknownCommand.code, 2);
  assert.match(unknownCommand.stderr, /unknown command "frobnicate"/);

  const unknownFlag = await runCli(['serve', '--frobnicate']);
  assert.equal(unknownFlag.code, 2);
  assert.match(unknownFlag.stderr, /--frobnicate/);
  assert.doesNotMatch(unknownFlag.stderr, /^\s+at /m);

  const nothing = await runCli([]);
  assert.equal(nothing.code, 2);
});

test('config prints the effective configuration with admin.token redacted', async () => {
  const result = await runCli(['config', '--port', '9002'], {
    HEARTH_ADMIN__TOKEN: SECRET,
    HEARTH_SERVER__PORT: '9001',
    HEARTH_LOG__LEVEL: 'warn',
  });
  assert.equal(result.code, 0, result.stderr);
  const printed = JSON.parse(result.stdout) as {
    admin: { token?: string };
    server: { port: number; host: string };
    log: { level: string };
  };
  assert.equal(printed.admin.token, '[redacted]');
  assert.equal(printed.server.port, 9002);
  assert.equal(printed.server.host, '127.0.0.1');
  assert.equal(printed.log.level, 'warn');
  assert.equal(result.stdout.includes(SECRET), false, 'the token leaked to stdout');
  assert.equal(result.stderr.includes(SECRET), false, 'the token leaked to stderr');
});

test('an invalid configuration exits 2 naming the key, without a stack trace', async () => {
  const result = await runCli(['config'], { HEARTH_SERVER__PORT: 'notaport' });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /server\.port/);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
  assert.doesNotMatch(result.stderr, /ConfigError/);
  assert.equal(result.stdout, '');

  const served = await runCli(['serve', '--port', '0'], { HEARTH_LOG__LEVEL: 'loud' });
  assert.equal(served.code, 2);
  assert.match(served.stderr, /log\.level/);
  assert.doesNotMatch(served.stderr, /^\s+at /m);
});

test('serve prints a banner, answers /health, and exits 0 after a graceful SIGTERM', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-cli-test-'));
  try {
    await using cli = new Cli(['serve', '--port', '0', '--data-dir', dataDir]);
    const banner = await cli.waitForStderr(
      /Hearth (\S+) is serving on http:\/\/127\.0\.0\.1:(\d+)\n/,
    );
    assert.equal(banner[1], VERSION);
    const port = Number(banner[2]);
    assert.ok(port > 0 && port < 65_536, `bad port in banner: ${String(banner[2])}`);
    const baseUrl = `http://127.0.0.1:${port}`;

    const health = await fetchJson(`${baseUrl}/health`);
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.version, VERSION);

    assert.ok(cli.child.kill('SIGTERM'), 'could not signal the hearth process');
    const exit = await cli.waitForExit(15_000);
    assert.deepEqual(exit, { code: 0, signal: null });
    // The exit went through the drain, not a default signal death.
    assert.match(cli.stdout, /"msg":"drained"/);
    await assert.rejects(fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
