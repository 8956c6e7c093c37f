// The admin dashboard's chart arithmetic, apart from the browser: where samples land in the SVG
// box, the rounded axis top, and the per-app series (levels, and rates from successive totals,
// with a restarted node starting over).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdminStats, AppStats } from '../../src/protocol/admin/stats.ts';
import { axisMax, linePath, niceCeiling } from '../../src/web/admin/chart-geometry.ts';
import { StatsHistory, appNames, levelSeries, rateSeries } from '../../src/web/admin/series.ts';

const FRAME = { from: 1000, to: 2000, max: 10, width: 100, height: 50 };

describe('linePath', () => {
  it('maps time to x and value to y (0 at the bottom), moving then drawing', () => {
    const d = linePath(
      [
        { t: 1000, v: 0 },
        { t: 1500, v: 5 },
        { t: 2000, v: 10 },
      ],
      FRAME,
    );
    assert.equal(d, 'M0 50 L50 25 L100 0');
  });

  it('leaves out points outside the time range and clamps values to the box', () => {
    const d = linePath(
      [
        { t: 500, v: 3 },
        { t: 1250, v: 40 },
        { t: 1750, v: -2 },
        { t: 2500, v: 1 },
      ],
      FRAME,
    );
    assert.equal(d, 'M25 0 L75 50');
  });

  it('rounds to a tenth and is empty without points or with a degenerate frame', () => {
    assert.equal(linePath([{ t: 1333, v: 1 }], FRAME), 'M33.3 45');
    assert.equal(linePath([], FRAME), '');
    assert.equal(linePath([{ t: 1000, v: 1 }], { ...FRAME, to: 1000 }), '');
    assert.equal(linePath([{ t: 1000, v: Number.NaN }], FRAME), '');
  });
});

describe('axis top', () => {
  it('is the next 1, 2 or 5 × 10ⁿ, and at least 1', () => {
    const cases: [number, number][] = [
      [0, 1],
      [0.4, 1],
      [1, 1],
      [1.1, 2],
      [2, 2],
      [3, 5],
      [7, 10],
      [10, 10],
      [11, 20],
      [480, 500],
      [501, 1000],
      [12_345, 20_000],
      [Number.POSITIVE_INFINITY, 1],
    ];
    for (const [value, expected] of cases) assert.equal(niceCeiling(value), expected, `${value}`);
  });

  it('covers the largest value of every series', () => {
    assert.equal(axisMax([[{ t: 0, v: 3 }], [{ t: 0, v: 17 }], []]), 20);
    assert.equal(axisMax([]), 1);
  });
});

function appStats(name: string, framesIn: number, active = 0): AppStats {
  return {
    name,
    prefix: `/${name}`,
    connections: { active, total: active },
    frames: { in: framesIn, out: 0 },
    bytes: { in: 0, out: 0 },
    fanout: { publishes: 0, deliveries: 0 },
    events: {
      slow_consumer_closes: 0,
      rate_limited: 0,
      auth_failures: null,
      upgrades_refused: 0,
      heartbeat_timeouts: 0,
      oversized_frames: 0,
      handler_errors: 0,
      volatile_dropped: 0,
    },
    rooms: null,
  };
}

function snapshot(time: number, apps: AppStats[], node = 'node-a'): AdminStats {
  return {
    node: { id: node, version: '0', started_at: '', uptime_seconds: 0 },
    time_ms: time,
    process: { rss_bytes: 0, heap_used_bytes: 0 },
    apps,
  };
}

describe('series', () => {
  const framesIn = (app: AppStats) => app.frames.in;

  it('rates are the change per second between successive snapshots, per app', () => {
    const history = [
      snapshot(0, [appStats('echo', 0), appStats('chat', 10)]),
      snapshot(1000, [appStats('echo', 50), appStats('chat', 10)]),
      snapshot(3000, [appStats('echo', 250), appStats('chat', 16)]),
    ];
    const rates = rateSeries(history, framesIn);
    assert.deepEqual(rates.get('echo'), [
      { t: 1000, v: 50 },
      { t: 3000, v: 100 },
    ]);
    assert.deepEqual(rates.get('chat'), [
      { t: 1000, v: 0 },
      { t: 3000, v: 3 },
    ]);
  });

  it('skips pairs where time stood still, a total went down, or an app is new', () => {
    const history = [
      snapshot(0, [appStats('echo', 100)]),
      snapshot(0, [appStats('echo', 120)]),
      snapshot(1000, [appStats('echo', 30), appStats('chat', 5)]),
      snapshot(2000, [appStats('echo', 40), appStats('chat', 6)]),
    ];
    const rates = rateSeries(history, framesIn);
    assert.deepEqual(rates.get('echo'), [{ t: 2000, v: 10 }]);
    assert.deepEqual(rates.get('chat'), [{ t: 2000, v: 1 }]);
  });

  it('levels are the value itself in each snapshot', () => {
    const history = [
      snapshot(0, [appStats('echo', 0, 3)]),
      snapshot(1000, [appStats('echo', 0, 20)]),
    ];
    assert.deepEqual(levelSeries(history, (app) => app.connections.active).get('echo'), [
      { t: 0, v: 3 },
      { t: 1000, v: 20 },
    ]);
    assert.deepEqual(appNames(history), ['echo']);
    assert.deepEqual(appNames([]), []);
  });

  it('the history is bounded and starts over when the node changes', () => {
    const history = new StatsHistory(3);
    for (let second = 0; second < 5; second++) {
      history.push(snapshot(second * 1000, [appStats('echo', second)]));
    }
    assert.deepEqual(
      history.all.map((entry) => entry.time_ms),
      [2000, 3000, 4000],
    );
    history.push(snapshot(5000, [appStats('echo', 0)], 'node-b'));
    assert.equal(history.all.length, 1);
    assert.equal(history.latest?.node.id, 'node-b');
  });
});
