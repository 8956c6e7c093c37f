// Prometheus metrics of the OpenLifter app, registered on the server's registry.

import { Counter, Histogram, type Registry } from 'prom-client';

export class OpenLifterMetrics {
  readonly meetsCreated: Counter;
  readonly meetsJoined: Counter<'mode'>;
  readonly updatesAccepted: Counter;
  readonly updatesRejected: Counter<'reason'>;
  readonly conflictsResolved: Counter<'outcome'>;
  readonly batchSize: Histogram;
  readonly fsyncSeconds: Histogram;
  readonly authFailures: Counter<'kind'>;
  readonly recoveries: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.meetsCreated = new Counter({
      name: 'hearth_openlifter_meets_created_total',
      help: 'Meets created',
      registers,
    });
    this.meetsJoined = new Counter({
      name: 'hearth_openlifter_meets_joined_total',
      help: 'Successful JOIN_MEETs, by mode (updating or display)',
      labelNames: ['mode'],
      registers,
    });
    this.updatesAccepted = new Counter({
      name: 'hearth_openlifter_updates_accepted_total',
      help: 'Updates appended to a meet log',
      registers,
    });
    this.updatesRejected = new Counter({
      name: 'hearth_openlifter_updates_rejected_total',
      help: 'Updates rejected, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.conflictsResolved = new Counter({
      name: 'hearth_openlifter_conflicts_resolved_total',
      help: 'Conflicts resolved by priority: overruled (the newcomer won) or rejected',
      labelNames: ['outcome'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'hearth_openlifter_batch_size',
      help: 'Updates per UPDATE_INIT batch',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    });
    this.fsyncSeconds = new Histogram({
      name: 'hearth_openlifter_fsync_seconds',
      help: 'Time to write and fsync one group commit of the meet logs',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.authFailures = new Counter({
      name: 'hearth_openlifter_auth_failures_total',
      help: 'Refused create/join/session attempts, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.recoveries = new Counter({
      name: 'hearth_openlifter_recoveries_total',
      help: 'Server-lost-state recoveries started',
      registers,
    });
  }
}
