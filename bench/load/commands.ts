// The load generator's command table: the runner opens groups of client connections, runs
// fan-out phases on them and closes them. Shared by the runner and the generator process.

export type WireProtocol = 'ws' | 'socket.io';

export interface ConnectRequest {
  /** Name of the group the new connections join (created if missing). */
  readonly group: string;
  readonly url: string;
  readonly protocol: WireProtocol;
  readonly count: number;
  /** Handshakes in progress at once. */
  readonly inFlight: number;
  /** Local addresses to connect from, used round-robin. */
  readonly sourceAddresses: readonly string[];
  /** Per-connection handshake timeout. */
  readonly timeoutMs: number;
}

export interface ConnectResult {
  readonly opened: number;
  readonly failed: number;
  /** From the first attempt to the last connection ready (protocol handshake included). */
  readonly elapsedMs: number;
  readonly firstErrors: readonly string[];
  /** The generator's own CPU use over the phase (near 100%: it, not the server, was the limit). */
  readonly generatorCpuPercent: number;
}

export interface FanoutRequest {
  /** The group whose first connection publishes. */
  readonly publisherGroup: string;
  /** Every connection of these groups is in the room and counts as a receiver. */
  readonly receiverGroups: readonly string[];
  readonly messages: number;
  /** Messages sent back-to-back at each scheduled instant. */
  readonly burstSize: number;
  /** Time between scheduled instants. */
  readonly intervalMs: number;
  /** Wake early and spin to each instant, so the latency origin is exact (paced mode). */
  readonly precise: boolean;
  readonly recordLatency: boolean;
  /** Give up when no delivery arrived for this long after the last send. */
  readonly idleTimeoutMs: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

export interface FanoutResult {
  readonly sent: number;
  readonly expected: number;
  readonly received: number;
  /** From the first scheduled send to the last delivery. */
  readonly durationMs: number;
  /** How far behind its schedule the publisher ever was (generator health). */
  readonly maxSendLagMs: number;
  readonly latency: LatencySummary | undefined;
  /** Receivers whose connection closed during the phase (e.g. cut as slow consumers). */
  readonly closedDuring: number;
  readonly malformed: number;
  readonly generatorCpuPercent: number;
}

/** OpenLifter app: one meet created, then `writers` connections joined as its locations. */
export interface OpenLifterSetupRequest {
  readonly url: string;
  readonly writers: number;
  readonly sourceAddresses: readonly string[];
  readonly timeoutMs: number;
}

export interface OpenLifterSetupResult {
  readonly meetId: string;
  readonly setupMs: number;
}

/**
 * One OpenLifter phase: `updates` UPDATE_INIT batches of one update each, spread round-robin over
 * the writers. Paced: update i is due at start + i / ratePerSec (open loop). Closed: each writer
 * keeps one batch in flight and sends the next when the previous one is acked.
 */
export interface OpenLifterPhaseRequest {
  readonly mode: 'paced' | 'closed';
  readonly updates: number;
  /** Paced mode only: offered updates per second, all writers together. */
  readonly ratePerSec: number;
  /** Give up when no ack arrived for this long. */
  readonly idleTimeoutMs: number;
}

export interface OpenLifterPhaseResult {
  readonly sent: number;
  readonly acked: number;
  readonly rejected: number;
  readonly rateLimited: number;
  /** UPDATE_RELAY entries received by the writers (each update goes to the 7 others). */
  readonly relayed: number;
  /** From the first scheduled send to the last ack. */
  readonly durationMs: number;
  readonly maxSendLagMs: number;
  /** From each update's scheduled (paced) or actual (closed) send to its UPDATE_ACK. */
  readonly latency: LatencySummary | undefined;
  readonly generatorCpuPercent: number;
}

/** Chat app: first-run admin, one open room, `messages` messages posted over HTTP. */
export interface ChatSetupRequest {
  /** http://HOST:PORT of the server. */
  readonly baseUrl: string;
  readonly messages: number;
  /** HTTP requests open at once while posting. */
  readonly inFlight: number;
}

export interface ChatSetupResult {
  readonly roomId: string;
  readonly firstMessageId: string;
  /** Posting all messages (each persisted before its 201). */
  readonly insertMs: number;
}

export interface ChatRecoverRequest {
  readonly timeoutMs: number;
}

export interface ChatRecoverResult {
  /** From opening the WebSocket to `SyncComplete` with `has_more: false`. */
  readonly elapsedMs: number;
  /** `NewMessage` frames received (all messages after the first). */
  readonly received: number;
  /** `SyncComplete` frames: recovery pages. */
  readonly pages: number;
}

/**
 * Chat fan-out app: first-run admin, `users` users (each logged in), one open room of which they
 * are all members, and `connectionsPerUser` WebSockets per user, each synced (`SyncComplete`).
 */
export interface ChatFanoutSetupRequest {
  /** http://HOST:PORT of the server. */
  readonly baseUrl: string;
  readonly users: number;
  readonly connectionsPerUser: number;
  /** Local addresses the WebSockets connect from, used round-robin. */
  readonly sourceAddresses: readonly string[];
  readonly timeoutMs: number;
}

export interface ChatFanoutSetupResult {
  readonly roomId: string;
  /** Member connections open and synced. */
  readonly connections: number;
  readonly setupMs: number;
}

/**
 * One chat fan-out phase: `messages` `NewMessage` frames over WebSocket from the first connection
 * of `senders` different users. Paced: message i is due at start + i / ratePerSec, sent by sender
 * i mod senders (open loop). Closed: each sender keeps `inFlight` messages unanswered and sends
 * the next one when a `MessageDelivered` comes back.
 */
export interface ChatFanoutPhaseRequest {
  readonly mode: 'paced' | 'closed';
  readonly messages: number;
  readonly senders: number;
  /** Paced mode only: offered messages per second, all senders together. */
  readonly ratePerSec: number;
  /** Closed mode only: unanswered messages per sender. */
  readonly inFlight: number;
  /** Give up when no ack or delivery arrived for this long. */
  readonly idleTimeoutMs: number;
}

export interface ChatFanoutPhaseResult {
  readonly sent: number;
  /** `MessageDelivered` answers: messages persisted. */
  readonly acked: number;
  /** Every member connection (the sender's included) should get every message once. */
  readonly expectedDeliveries: number;
  /** `NewMessage` frames of this phase's messages received by the member connections. */
  readonly deliveries: number;
  /** `MessageError` answers by reason, `Error` frames by code, closes by code. */
  readonly refusals: Readonly<Record<string, number>>;
  /** From the first send to the last ack. */
  readonly ackDurationMs: number;
  /** From the first send to the last delivery. */
  readonly deliveryDurationMs: number;
  readonly maxSendLagMs: number;
  /** From each message's scheduled (paced) or actual (closed) send to its `MessageDelivered`. */
  readonly ackLatency: LatencySummary | undefined;
  /** From the same origin to each member's `NewMessage`. */
  readonly deliveryLatency: LatencySummary | undefined;
  /** `NewMessage` frames of this phase that could not be read (content not where expected). */
  readonly malformed: number;
  readonly generatorCpuPercent: number;
}

/** Presence app: `rooms` × `clientsPerRoom` clients, each in its room (SERVER_HELLO/ServerHello). */
export interface PresenceSetupRequest {
  /** ws://HOST:PORT/presence/ws — the endpoint without the room. */
  readonly url: string;
  readonly mode: 'relay' | 'protobuf';
  readonly rooms: number;
  readonly clientsPerRoom: number;
  /** Handshakes in progress at once. */
  readonly inFlight: number;
  readonly sourceAddresses: readonly string[];
  readonly timeoutMs: number;
}

export interface PresenceSetupResult {
  readonly clients: number;
  readonly setupMs: number;
}

/**
 * One presence phase: every client sends `framesPerClient` poses at `hz`, open loop, the clients'
 * schedules evenly staggered (pose k of the whole phase is due at start + k / (clients × hz) and
 * sent by client k mod clients). Every other client of the sender's room should receive it.
 */
export interface PresencePhaseRequest {
  readonly hz: number;
  readonly framesPerClient: number;
  readonly idleTimeoutMs: number;
}

export interface PresencePhaseResult {
  readonly sent: number;
  readonly expected: number;
  readonly received: number;
  /** From the first scheduled send to the last arrival. */
  readonly durationMs: number;
  readonly maxSendLagMs: number;
  /**
   * How late each pose left against its schedule. The generator waits out sub-millisecond gaps
   * in event-loop turns (its CPU use reads near 100% whenever poses are due every few hundred
   * µs), so this, not its CPU use, shows whether it kept up.
   */
  readonly sendLag: LatencySummary;
  /** From each pose's scheduled send to its arrival at each receiver. */
  readonly latency: LatencySummary | undefined;
  /** ERROR text frames (protobuf mode: refusals, rate-limit notices). */
  readonly errorFrames: number;
  /** Clients whose connection closed during the phase. */
  readonly closedDuring: number;
  readonly malformed: number;
  readonly generatorCpuPercent: number;
}

export interface GeneratorCommands {
  chatSetup: { request: ChatSetupRequest; result: ChatSetupResult };
  chatRecover: { request: ChatRecoverRequest; result: ChatRecoverResult };
  chatFanoutSetup: { request: ChatFanoutSetupRequest; result: ChatFanoutSetupResult };
  chatFanoutPhase: { request: ChatFanoutPhaseRequest; result: ChatFanoutPhaseResult };
  presenceSetup: { request: PresenceSetupRequest; result: PresenceSetupResult };
  presencePhase: { request: PresencePhaseRequest; result: PresencePhaseResult };
  connect: { request: ConnectRequest; result: ConnectResult };
  openlifterSetup: { request: OpenLifterSetupRequest; result: OpenLifterSetupResult };
  openlifterPhase: { request: OpenLifterPhaseRequest; result: OpenLifterPhaseResult };
  fanout: { request: FanoutRequest; result: FanoutResult };
  close: { request: { readonly group?: string }; result: { readonly closed: number } };
}
