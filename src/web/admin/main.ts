// The admin dashboard: asks for the admin token (kept in sessionStorage, so it dies with the
// tab), polls GET /admin/stats every second and draws the last minute per app (connections,
// frames in and out, fan-out deliveries, slow-consumer closes, rate-limited frames), the totals,
// the busiest rooms and meets, and the runtime log level switch. A loopback server without a
// token answers without one, and the dashboard then simply runs.

import '../shared/base.css';
import './style.css';
import type { AdminStats } from '../../protocol/admin/stats.ts';
import { byId } from '../shared/dom.ts';
import { AdminApi } from './admin-api.ts';
import { LineChart, formatNumber } from './line-chart.ts';
import { LogLevelSwitch } from './log-level.ts';
import { StatsHistory, appNames, levelSeries, rateSeries, type Metric } from './series.ts';
import { AppsTable, RoomsTables } from './tables.ts';

const TOKEN_KEY = 'hearth.admin.token';
const POLL_MS = 1000;
const WINDOW_MS = 60_000;

interface ChartSpec {
  readonly key: string;
  readonly title: string;
  readonly unit: string;
  readonly kind: 'level' | 'rate';
  readonly metric: Metric;
}

const CHARTS: readonly ChartSpec[] = [
  {
    key: 'connections',
    title: 'Connections',
    unit: 'connections',
    kind: 'level',
    metric: (app) => app.connections.active,
  },
  {
    key: 'frames-in',
    title: 'Frames received',
    unit: 'frames/s',
    kind: 'rate',
    metric: (app) => app.frames.in,
  },
  {
    key: 'frames-out',
    title: 'Frames sent',
    unit: 'frames/s',
    kind: 'rate',
    metric: (app) => app.frames.out,
  },
  {
    key: 'deliveries',
    title: 'Fan-out deliveries',
    unit: 'deliveries/s',
    kind: 'rate',
    metric: (app) => app.fanout.deliveries,
  },
  {
    key: 'slow-consumers',
    title: 'Slow-consumer closes',
    unit: 'closes/s',
    kind: 'rate',
    metric: (app) => app.events.slow_consumer_closes,
  },
  {
    key: 'rate-limited',
    title: 'Rate-limited frames',
    unit: 'frames/s',
    kind: 'rate',
    metric: (app) => app.events.rate_limited,
  },
];

const form = byId('token-form', HTMLFormElement);
const tokenInput = byId('token', HTMLInputElement);
const forgetButton = byId('forget', HTMLButtonElement);
const accessError = byId('access-error', HTMLParagraphElement);
const status = byId('status', HTMLParagraphElement);
const dashboard = byId('dashboard', HTMLElement);
const nodeLine = byId('node', HTMLParagraphElement);
const chartsBox = byId('charts', HTMLDivElement);
const appsBox = byId('apps', HTMLDivElement);
const roomsBox = byId('rooms', HTMLDivElement);

const api = new AdminApi(sessionStorage.getItem(TOKEN_KEY) ?? '');
const history = new StatsHistory(WINDOW_MS / POLL_MS + 1);
const charts = CHARTS.map((spec) => ({ spec, chart: new LineChart(spec) }));
chartsBox.append(...charts.map(({ chart }) => chart.element));
const appsTable = new AppsTable();
appsBox.append(appsTable.element);
const roomsTables = new RoomsTables();
roomsBox.append(roomsTables.element);
const logLevel = new LogLevelSwitch(
  byId('log-level', HTMLSelectElement),
  byId('level-status', HTMLParagraphElement),
  api,
);

/** Bumped on every (re)start, so an answer to an older poll loop is ignored. */
let generation = 0;
let timer: number | undefined;
let levelLoaded = false;

/** The status line (a live region: only a change is written, so only a change is announced). */
function say(text: string, problem = false): void {
  if (status.textContent !== text) status.textContent = text;
  status.classList.toggle('problem', problem);
}

function refuse(text: string): void {
  accessError.textContent = text;
  accessError.hidden = false;
  dashboard.hidden = true;
  say('Not connected.', true);
  tokenInput.focus();
}

function start(): void {
  generation++;
  window.clearTimeout(timer);
  accessError.hidden = true;
  say('Connecting…');
  void poll(generation);
}

async function poll(run: number): Promise<void> {
  const answer = await api.stats();
  if (run !== generation) return;
  switch (answer.kind) {
    case 'ok':
      accessError.hidden = true;
      show(answer.value);
      break;
    case 'unauthorized':
      refuse(
        api.token === ''
          ? 'This server needs the admin token (admin.token in its configuration).'
          : 'The admin token was not accepted (401): check it and try again.',
      );
      return;
    case 'forbidden':
      refuse(`The server refused admin access (403): ${answer.message}.`);
      return;
    case 'failed':
      say(`Stats unavailable (${answer.message}); retrying every second…`, true);
      break;
  }
  timer = window.setTimeout(() => void poll(run), POLL_MS);
}

function show(stats: AdminStats): void {
  dashboard.hidden = false;
  history.push(stats);
  say(api.token === '' ? 'Live (no token needed: this server trusts loopback clients).' : 'Live.');
  if (!levelLoaded) {
    levelLoaded = true;
    void logLevel.load();
  }
  const { node } = stats;
  nodeLine.textContent =
    `Node ${node.id} · Hearth ${node.version} · up ${duration(node.uptime_seconds)} · ` +
    `memory ${formatNumber(stats.process.rss_bytes / 1_048_576)} MiB`;
  const snapshots = history.all;
  const apps = appNames(snapshots);
  const range = { from: stats.time_ms - WINDOW_MS, to: stats.time_ms };
  for (const { spec, chart } of charts) {
    const series =
      spec.kind === 'level'
        ? levelSeries(snapshots, spec.metric)
        : rateSeries(snapshots, spec.metric);
    chart.update(series, apps, range);
  }
  appsTable.update(stats);
  roomsTables.update(stats);
}

function duration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const hours = Math.floor(s / 3600);
  if (hours < 48) return `${hours} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  api.token = tokenInput.value.trim();
  if (api.token === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, api.token);
  tokenInput.value = '';
  levelLoaded = false;
  start();
});

forgetButton.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  api.token = '';
  tokenInput.value = '';
  levelLoaded = false;
  start();
});

start();
