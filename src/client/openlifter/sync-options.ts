// The options of a MeetSyncEngine: defaults, validation (construction fails loudly on impossible
// values), and the parameters and result of creating or joining a meet.

import type { ReconnectingSocketOptions } from '../reconnecting-socket.ts';
import { DEFAULT_MAX_BATCH_BYTES } from './outgoing-frames.ts';
import { MemoryPersistence, type MeetPersistence } from './persistence.ts';

export interface MeetSyncEngineOptions {
  /** The meet endpoint, e.g. `wss://host/openlifter/ws`, or a function called per attempt. */
  readonly url: ReconnectingSocketOptions['url'];
  /** @default globalThis.WebSocket */
  readonly WebSocket?: typeof WebSocket;
  /** @default a MemoryPersistence (nothing survives the page) */
  readonly persistence?: MeetPersistence;
  /** Reconnect behaviour of the underlying socket; see ReconnectingSocketOptions. */
  readonly socket?: Pick<
    ReconnectingSocketOptions,
    'protocols' | 'backoff' | 'backOffMinDelayMs' | 'stableAfterMs' | 'connectTimeoutMs' | 'random'
  >;
  /**
   * Edits made within this many ms of each other go out in one UPDATE_INIT; 0: those of a tick.
   * @default 0
   */
  readonly batchDelayMs?: number;
  /**
   * Delay before a background save (acks, relays). Pending edits are saved before being sent.
   * @default 200
   */
  readonly saveDelayMs?: number;
  /**
   * How long a gap in the log may last (an ack or relay still on its way) before a pull fills it.
   * @default 250
   */
  readonly gapPullDelayMs?: number;
  /**
   * Byte budget of one UPDATE_INIT frame (the server refuses frames over 5 MiB). Kept well under
   * the send-buffer cap, since the server relays a batch to everyone else at about this size.
   * @default 262144
   */
  readonly maxBatchBytes?: number;
  /**
   * How often a connected engine probes the server (CLIENT_PULL at its head when idle), in ms.
   * 0 (here or in heartbeatTimeoutMs) turns the heartbeat off.
   * @default 15000
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * A connection on which no frame at all arrived for this long is abandoned and replaced (a
   * half-open connection looks open until then). More than heartbeatIntervalMs; 0: no heartbeat.
   * @default 45000
   */
  readonly heartbeatTimeoutMs?: number;
}

export type SyncSettings = Required<
  Pick<
    MeetSyncEngineOptions,
    | 'batchDelayMs'
    | 'saveDelayMs'
    | 'gapPullDelayMs'
    | 'maxBatchBytes'
    | 'heartbeatIntervalMs'
    | 'heartbeatTimeoutMs'
  >
>;

export const DEFAULT_MEET_SYNC_OPTIONS: Readonly<SyncSettings> = Object.freeze({
  batchDelayMs: 0,
  saveDelayMs: 200,
  gapPullDelayMs: 250,
  maxBatchBytes: DEFAULT_MAX_BATCH_BYTES,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 45_000,
});

/** The longest delay setTimeout honours; longer ones overflow and fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ResolvedSyncOptions {
  readonly settings: SyncSettings;
  readonly socket: ReconnectingSocketOptions;
  readonly persistence: MeetPersistence;
}

/**
 * @throws RangeError for a delay or budget that is negative, not finite or too large, and for a
 *   heartbeat whose timeout does not exceed its interval.
 */
export function resolveSyncOptions(options: MeetSyncEngineOptions): ResolvedSyncOptions {
  const defaults = DEFAULT_MEET_SYNC_OPTIONS;
  const settings: SyncSettings = {
    batchDelayMs: options.batchDelayMs ?? defaults.batchDelayMs,
    saveDelayMs: options.saveDelayMs ?? defaults.saveDelayMs,
    gapPullDelayMs: options.gapPullDelayMs ?? defaults.gapPullDelayMs,
    maxBatchBytes: options.maxBatchBytes ?? defaults.maxBatchBytes,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? defaults.heartbeatTimeoutMs,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!(value >= 0 && value <= MAX_TIMER_MS)) {
      throw new RangeError(`${name} must be between 0 and ${MAX_TIMER_MS}: ${value}`);
    }
  }
  const { heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout } = settings;
  if (interval > 0 && timeout > 0 && timeout <= interval) {
    // The deadline would pass before the answer to a probe could come back.
    throw new RangeError(
      `heartbeatTimeoutMs (${timeout}) must be more than heartbeatIntervalMs (${interval})`,
    );
  }
  return {
    settings,
    socket: {
      ...options.socket,
      url: options.url,
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      // The engine's outbox is its pending log and it only uses sendNow, so nothing can be
      // queued in the socket and flushed ahead of the pull that starts every resync.
      autoFlush: false,
    },
    persistence: options.persistence ?? new MemoryPersistence(),
  };
}

/** What a create or join resolves with. */
export interface MeetSession {
  readonly meetId: string;
  readonly sessionToken: string;
  readonly displayOnly: boolean;
}

export interface CreateMeetParams {
  /** This engine's location: one of `endpoints`. */
  readonly thisLocationName: string;
  /** At least 10 characters (the server may require more). */
  readonly password: string;
  /** Every location of the meet; a higher priority wins conflicts. */
  readonly endpoints: readonly { readonly locationName: string; readonly priority: number }[];
}

export interface JoinMeetParams {
  /** With or without dashes: `123-456-789`. */
  readonly meetId: string;
  readonly password: string;
  /** Omit for a display-only session (a scoreboard, the livestream overlay). */
  readonly locationName?: string;
}
