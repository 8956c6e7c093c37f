// Connection churn must not leak: thousands of real loopback connections per app (echo,
// OpenLifter, chat, presence) are opened, used and closed against a Hearth running inside a
// child process started with --expose-gc (test/support/leak-churn.ts). After a forced garbage
// collection no Connection object and no app per-connection state may still be reachable, and
// the heap must be back within a stated margin of its baseline (taken after a warm-up churn).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/child-server.ts';

const PER_APP = 2000;
/**
 * Heap growth allowed per churned connection, in bytes. A connection that stayed reachable
 * would cost kilobytes (its Connection, ws socket, buffers, app state); what remains per
 * connection after collection has been measured at about 100 bytes (docs/reliability.md, Leaks).
 */
const MARGIN_BYTES_PER_CONNECTION = 256;

interface AppReport {
  readonly opened: number;
  readonly closed: number;
  readonly connectionsAlive: number;
  readonly statesTracked: number;
  readonly statesAlive: number;
}

interface ChurnReport {
  readonly perApp: number;
  readonly warmup: number;
  readonly churnMs: number;
  readonly heapBaselineBytes: number;
  readonly heapAfterBytes: number;
  readonly apps: Record<string, AppReport>;
}

function runChurn(perApp: number): Promise<ChurnReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', 'test/support/leak-churn.ts', String(perApp)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`leak-churn exited with ${String(code)}:\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChurnReport);
    });
  });
}

test('open/close churn leaves no Connection, no app state and no heap growth behind', async (t) => {
  const report = await runChurn(PER_APP);
  t.diagnostic(JSON.stringify(report));
  const expected = report.perApp + report.warmup;
  for (const app of ['echo', 'openlifter', 'chat', 'presence']) {
    const tally = report.apps[app];
    assert.ok(tally, `${app} was churned`);
    // OpenLifter has one more: the connection that created the meet.
    assert.ok(tally.opened >= expected, `${app}: ${tally.opened} opened`);
    assert.equal(tally.closed, tally.opened, `${app}: every connection was closed`);
    assert.equal(tally.connectionsAlive, 0, `${app}: Connection objects still reachable`);
    assert.equal(tally.statesTracked, tally.opened, `${app}: every state was tracked`);
    assert.equal(tally.statesAlive, 0, `${app}: per-connection states still reachable`);
  }
  const connections = Object.values(report.apps).reduce((sum, app) => sum + app.opened, 0);
  const growth = report.heapAfterBytes - report.heapBaselineBytes;
  assert.ok(
    growth < connections * MARGIN_BYTES_PER_CONNECTION,
    `heap grew ${growth} bytes over ${connections} connections`,
  );
});
