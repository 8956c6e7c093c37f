// The presence app's counters and its `hearth_presence_*` Prometheus metrics. Counters bumped
// per frame are plain numbers read at scrape time (as the core's are: a label lookup per frame
// costs more than the write); gauges are computed from the world state when scraped.

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AppCounters } from '../../core/observability/app-counters.ts';
import type { PresenceErrorCode } from '../../protocol/presence/text-frames.ts';
import type { PresenceMode } from './world-state.ts';

export type GiveUpReason = 'retries' | 'overflow' | 'gone';
export type AuthFailure = 'missing' | 'invalid' | 'expired' | 'user_mismatch';

/** Plain numbers the hot path increments. */
export class PresenceCounters {
  relayed: Record<PresenceMode, number> = { relay: 0, protobuf: 0 };
  decodeErrors = 0;
  refused: Partial<Record<PresenceErrorCode, number>> = {};
  acksReceived = 0;
  acksSent = 0;
  reliableSent = 0;
  reliableRetries = 0;
  reliableRedelivered = 0;
  reliableGivenUp: Record<GiveUpReason, number> = { retries: 0, overflow: 0, gone: 0 };
  duplicatesIgnored = 0;
  sessionsResumed = 0;
  authFailures: Record<AuthFailure, number> = {
    missing: 0,
    invalid: 0,
    expired: 0,
    user_mismatch: 0,
  };
  attemptsLimited = 0;
  /** Upgrades refused and connections that ended abnormally (the report's "errors"). */
  connectionErrors = 0;

  refuse(code: PresenceErrorCode): void {
    this.refused[code] = (this.refused[code] ?? 0) + 1;
  }

  /** Frames refused for any reason (the report's message errors). */
  get messageErrors(): number {
    let total = this.decodeErrors;
    for (const count of Object.values(this.refused)) total += count;
    return total;
  }
}

/** What the gauges read when scraped. */
export interface PresenceGaugeSource {
  readonly transport: AppCounters;
  activeRooms(): number;
  totals(): { members: Record<PresenceMode, number>; entities: number; ghosts: number };
  pendingReliable(): number;
}

export function registerPresenceMetrics(
  registry: Registry,
  counters: PresenceCounters,
  source: PresenceGaugeSource,
): { latency: Histogram } {
  const registers = [registry];
  const counter = (name: string, help: string, read: () => number): void => {
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  const labelled = (
    name: string,
    help: string,
    label: string,
    read: () => Partial<Record<string, number>>,
  ): void => {
    new Counter({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        for (const [value, count] of Object.entries(read())) {
          this.inc({ [label]: value }, count ?? 0);
        }
      },
    });
  };
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  };

  labelled(
    'hearth_presence_relayed_frames_total',
    'Frames relayed to a room, by mode',
    'mode',
    () => counters.relayed,
  );
  counter(
    'hearth_presence_decode_errors_total',
    'Frames that were not a protobuf Message',
    () => counters.decodeErrors,
  );
  labelled(
    'hearth_presence_refused_messages_total',
    'Messages refused with an ERROR frame, by code',
    'code',
    () => counters.refused,
  );
  counter(
    'hearth_presence_acks_received_total',
    'Acks received for reliable messages',
    () => counters.acksReceived,
  );
  counter(
    'hearth_presence_acks_sent_total',
    'Acks sent for reliable messages received',
    () => counters.acksSent,
  );
  counter(
    'hearth_presence_reliable_sent_total',
    'Reliable messages queued for a recipient',
    () => counters.reliableSent,
  );
  counter(
    'hearth_presence_reliable_retries_total',
    'Reliable messages resent for want of an ack',
    () => counters.reliableRetries,
  );
  counter(
    'hearth_presence_reliable_redelivered_total',
    'Reliable messages redelivered after a reconnect',
    () => counters.reliableRedelivered,
  );
  labelled(
    'hearth_presence_reliable_given_up_total',
    'Reliable messages given up, by reason',
    'reason',
    () => counters.reliableGivenUp,
  );
  counter(
    'hearth_presence_duplicates_ignored_total',
    'Reliable messages received again (re-acked, not relayed)',
    () => counters.duplicatesIgnored,
  );
  counter(
    'hearth_presence_sessions_resumed_total',
    'Reconnects that took back their client id and pending messages',
    () => counters.sessionsResumed,
  );
  labelled(
    'hearth_presence_auth_failures_total',
    'Connections refused for authentication, by reason',
    'reason',
    () => counters.authFailures,
  );
  counter(
    'hearth_presence_connection_attempts_limited_total',
    'Upgrades refused by the per-IP attempt limit',
    () => counters.attemptsLimited,
  );
  counter(
    'hearth_presence_poses_coalesced_total',
    'Position updates replaced by a newer one for a slow receiver',
    () => source.transport.volatileCoalesced,
  );
  gauge('hearth_presence_reliable_pending', 'Reliable messages waiting for an ack', () =>
    source.pendingReliable(),
  );
  gauge('hearth_presence_rooms_active', 'Rooms with at least one client', () =>
    source.activeRooms(),
  );
  gauge('hearth_presence_entities', 'Entities alive in all rooms', () => source.totals().entities);
  gauge(
    'hearth_presence_reconnect_sessions',
    'Clients gone within their reconnect grace period',
    () => source.totals().ghosts,
  );
  new Gauge({
    name: 'hearth_presence_clients',
    help: 'Clients in rooms, by mode',
    labelNames: ['mode'],
    registers,
    collect() {
      for (const [mode, count] of Object.entries(source.totals().members))
        this.set({ mode }, count);
    },
  });
  const latency = new Histogram({
    name: 'hearth_presence_relay_latency_seconds',
    help: 'From receipt of a frame to its last local copy handed to the sockets',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1],
    registers,
  });
  return { latency };
}
