// Running `hearth chat add-user` as a real child process with the password on stdin (the
// shared HearthProcess ignores stdin, and a password must never be an argument).

import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../support/child-server.ts';
import { withTimeout } from '../../../support/ws-client.ts';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runAddUser(
  dataDir: string,
  args: readonly string[],
  stdin: string,
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('HEARTH_') && name !== 'NODE_TEST_CONTEXT') env[name] = value;
  }
  const child = spawn(
    process.execPath,
    ['src/cli/main.ts', 'chat', 'add-user', '--data-dir', dataDir, ...args],
    { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin);
  const code = await withTimeout(
    new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    }),
    30_000,
    'hearth chat add-user did not finish',
  ).finally(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { code, stdout, stderr };
}
