// The chaos soak's short form for CI (the long one is `npm run soak -- --minutes N`): a real
// `hearth serve` behind the fault-injecting proxy, one kill -9 and one graceful restart, every
// fault kind, SDK clients of all three apps; the end checks must find nothing. Faults are
// seeded; the checks wait generously for clients to settle and assert no timings.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, runSoak } from '../soak/soak.ts';

test(
  'chaos soak: nothing acknowledged is lost or doubled, memory returns',
  { timeout: 360_000 },
  async () => {
    const lines: string[] = [];
    const report = await runSoak({
      minutes: 1,
      seed: 20_240_601,
      log: (line) => lines.push(line),
    });
    const text = `${formatReport(report)}\n\nprogress:\n${lines.join('\n')}`;
    assert.ok(report.restarts.kill >= 1 && report.restarts.graceful >= 1, text);
    for (const kind of ['slow', 'drop', 'reset', 'half-open', 'drip'] as const) {
      assert.ok(report.proxy.injected[kind] >= 1, `no ${kind} fault\n${text}`);
    }
    assert.ok(
      report.openlifter.acked > 0 && report.chat.delivered > 0 && report.presence.acked > 0,
      text,
    );
    assert.ok(report.presence.checkedDeliveries > 0, `presence loss was never checked\n${text}`);
    assert.deepEqual(report.violations, [], text);
    assert.ok(report.ok, text);
  },
);
