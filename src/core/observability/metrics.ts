// The Prometheus registry of one Hearth server: process metrics, the core's per-app transport
// metrics (read from AppCounters at scrape time) and histograms observed once per publish or
// handler call. One registry per server instance, so several servers can share a process (tests).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppCounters } from './app-counters.ts';

type CounterField = Exclude<keyof AppCounters, 'connectionsActive'>;

const COUNTER_METRICS: readonly (readonly [string, string, CounterField])[] = [
  ['hearth_connections_total', 'WebSocket connections accepted', 'connectionsTotal'],
  ['hearth_frames_received_total', 'WebSocket frames received from clients', 'framesIn'],
  ['hearth_frames_sent_total', 'WebSocket frames written to clients', 'framesOut'],
  ['hearth_bytes_received_total', 'Payload bytes received from clients', 'bytesIn'],
  ['hearth_bytes_sent_total', 'Frame bytes written to clients', 'bytesOut'],
  [
    'hearth_slow_consumer_disconnects_total',
    'Connections closed because they did not read fast enough',
    'slowConsumerDisconnects',
  ],
  ['hearth_rate_limit_hits_total', 'Frames or requests refused by a rate limit', 'rateLimitHits'],
  [
    'hearth_volatile_frames_dropped_total',
    'Volatile frames dropped for clients that were not draining',
    'volatileDropped',
  ],
  [
    'hearth_volatile_frames_coalesced_total',
    'Volatile frames replaced by a newer frame with the same key before being written',
    'volatileCoalesced',
  ],
  [
    'hearth_heartbeat_timeouts_total',
    'Connections terminated after a missed pong',
    'heartbeatTimeouts',
  ],
  [
    'hearth_oversized_frames_total',
    'Connections closed for a frame over max payload',
    'oversizedFrames',
  ],
  ['hearth_handler_errors_total', 'Unexpected errors thrown by app handlers', 'handlerErrors'],
];

export class HearthMetrics {
  readonly registry = new Registry();
  readonly publishFanout: Histogram<'app'>;
  readonly handlerDuration: Histogram<'app'>;
  readonly upgradesRefused: Counter<'app' | 'status'>;
  private readonly apps = new Map<string, AppCounters>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const apps = this.apps;
    new Gauge({
      name: 'hearth_connections_active',
      help: 'Open WebSocket connections',
      labelNames: ['app'],
      registers: [this.registry],
      collect() {
        for (const [app, counters] of apps) this.set({ app }, counters.connectionsActive);
      },
    });
    for (const [name, help, field] of COUNTER_METRICS) {
      new Counter({
        name,
        help,
        labelNames: ['app'],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const [app, counters] of apps) this.inc({ app }, counters[field]);
        },
      });
    }
    this.publishFanout = new Histogram({
      name: 'hearth_publish_fanout',
      help: 'Local subscribers one publish was written to',
      labelNames: ['app'],
      buckets: [0, 1, 2, 5, 10, 50, 100, 500, 1000, 5000, 10000],
      registers: [this.registry],
    });
    this.handlerDuration = new Histogram({
      name: 'hearth_handler_duration_seconds',
      help: 'Time app handlers took per received frame',
      labelNames: ['app'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [this.registry],
    });
    this.upgradesRefused = new Counter({
      name: 'hearth_upgrades_refused_total',
      help: 'WebSocket upgrades refused with an HTTP status',
      labelNames: ['app', 'status'],
      registers: [this.registry],
    });
  }

  /** The counters of one app, created on first use. */
  countersFor(app: string): AppCounters {
    let counters = this.apps.get(app);
    if (!counters) {
      counters = new AppCounters();
      this.apps.set(app, counters);
    }
    return counters;
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
