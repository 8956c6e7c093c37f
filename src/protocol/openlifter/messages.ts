// The OpenLifter live-meet wire protocol v1 (specs/openlifter.md): every message type, the
// schemas that validate what clients send, and the shapes of what the server sends. Shared by
// the server app and the client sync engine, so the message names exist once.

import { z } from 'zod';

/** Hard limits on what one client message may carry; larger is MALFORMED_MESSAGE. */
export const OPENLIFTER_LIMITS = {
  /** Updates in one UPDATE_INIT or RECOVERY_UPDATES batch. */
  maxUpdatesPerBatch: 1000,
  /** Characters in an update key (a path into the meet state). */
  maxUpdateKeyLength: 256,
  /** Location names: 1–64 characters (spec). */
  maxLocationNameLength: 64,
  /** Endpoints (locations) of one meet. */
  maxEndpoints: 64,
  /** Password length accepted on the wire (scrypt input is capped anyway). */
  maxPasswordLength: 1024,
  /** Size of the published OpenPowerlifting CSV. */
  maxCsvLength: 4 * 1024 * 1024,
  maxEmailLength: 254,
  maxSessionTokenLength: 128,
  maxMeetIdLength: 32,
  /**
   * Deepest nesting of arrays and objects in an update value. Storing, comparing and relaying a
   * value recurse through it: `[[[…]]]` 20,000 deep overflowed the stack in the log writer and
   * stopped the whole meet (found by fuzzing). OpenLifter's own state is a few levels deep.
   */
  maxValueDepth: 64,
} as const;

const L = OPENLIFTER_LIMITS;

export const ClientMessageType = {
  CreateMeet: 'CREATE_MEET',
  JoinMeet: 'JOIN_MEET',
  UpdateInit: 'UPDATE_INIT',
  ClientPull: 'CLIENT_PULL',
  PublishMeet: 'PUBLISH_MEET',
  RecoveryUpdates: 'RECOVERY_UPDATES',
  /** Hearth's addition: an application-level ping, because browsers cannot send WebSocket pings. */
  Ping: 'PING',
} as const;

export const ServerMessageType = {
  MeetCreated: 'MEET_CREATED',
  CreateRejected: 'CREATE_REJECTED',
  MeetJoined: 'MEET_JOINED',
  JoinRejected: 'JOIN_REJECTED',
  UpdateAck: 'UPDATE_ACK',
  UpdateRejected: 'UPDATE_REJECTED',
  UpdateRelay: 'UPDATE_RELAY',
  ServerPull: 'SERVER_PULL',
  PublishAck: 'PUBLISH_ACK',
  RecoveryRequest: 'RECOVERY_REQUEST',
  MalformedMessage: 'MALFORMED_MESSAGE',
  UnknownMessageType: 'UNKNOWN_MESSAGE_TYPE',
  InvalidSession: 'INVALID_SESSION',
  RateLimited: 'RATE_LIMITED',
  /** Hearth's addition: the answer to PING. */
  Pong: 'PONG',
} as const;

const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const locationName = z.string().min(1).max(L.maxLocationNameLength);
const sessionToken = z.string().min(1).max(L.maxSessionTokenLength);
/** Any JSON value; present (a missing value is not "null") and nested at most maxValueDepth. */
const jsonValue = z
  .unknown()
  .refine((value) => value !== undefined, 'required')
  .refine(
    (value) => !nestedDeeperThan(value, L.maxValueDepth),
    `nested deeper than ${L.maxValueDepth} levels`,
  );
const updateKey = z.string().min(1).max(L.maxUpdateKeyLength);

export const createMeetSchema = z.object({
  msgType: z.literal(ClientMessageType.CreateMeet),
  thisLocationName: locationName,
  password: z.string().max(L.maxPasswordLength),
  endpoints: z
    .array(z.object({ locationName, priority: z.number().int() }))
    .min(1)
    .max(L.maxEndpoints),
});

export const joinMeetSchema = z
  .object({
    msgType: z.literal(ClientMessageType.JoinMeet),
    meetId: z.union([z.string().max(L.maxMeetIdLength), z.number().int().nonnegative()]),
    password: z.string().max(L.maxPasswordLength).optional(),
    /** The design spec writes it once with a capital P: both spellings are accepted. */
    Password: z.string().max(L.maxPasswordLength).optional(),
    /** Omitted for a display-only join (scoreboards, the livestream overlay). */
    locationName: locationName.optional(),
  })
  .refine((message) => message.password !== undefined || message.Password !== undefined, {
    message: 'password is required',
    path: ['password'],
  });

export const updateSchema = z.object({
  updateKey,
  updateValue: jsonValue,
  localSeqNum: seq,
  afterServerSeqNum: seq,
});

export const updateInitSchema = z.object({
  msgType: z.literal(ClientMessageType.UpdateInit),
  sessionToken,
  updates: z.array(updateSchema).min(1).max(L.maxUpdatesPerBatch),
});

export const clientPullSchema = z.object({
  msgType: z.literal(ClientMessageType.ClientPull),
  sessionToken,
  lastServerSeq: seq,
});

export const publishMeetSchema = z.object({
  msgType: z.literal(ClientMessageType.PublishMeet),
  sessionToken,
  returnEmail: z.string().min(3).max(L.maxEmailLength),
  oplCsv: z.string().max(L.maxCsvLength),
});

export const relayedUpdateSchema = z.object({
  updateKey,
  updateValue: jsonValue,
  serverSeqNum: seq.min(1),
  locationName,
});

export const recoveryUpdatesSchema = z.object({
  msgType: z.literal(ClientMessageType.RecoveryUpdates),
  sessionToken,
  lastServerSeq: seq,
  updates: z.array(relayedUpdateSchema).max(L.maxUpdatesPerBatch * 100),
});

export const pingSchema = z.object({ msgType: z.literal(ClientMessageType.Ping) });

export type CreateMeetMessage = z.infer<typeof createMeetSchema>;
export type JoinMeetMessage = z.infer<typeof joinMeetSchema>;
export type ClientUpdate = z.infer<typeof updateSchema>;
export type UpdateInitMessage = z.infer<typeof updateInitSchema>;
export type ClientPullMessage = z.infer<typeof clientPullSchema>;
export type PublishMeetMessage = z.infer<typeof publishMeetSchema>;
export type RecoveryUpdatesMessage = z.infer<typeof recoveryUpdatesSchema>;
export type PingMessage = z.infer<typeof pingSchema>;

export type ClientMessage =
  | CreateMeetMessage
  | JoinMeetMessage
  | UpdateInitMessage
  | ClientPullMessage
  | PublishMeetMessage
  | RecoveryUpdatesMessage
  | PingMessage;

/** The schema of each client message type. */
export const CLIENT_MESSAGE_SCHEMAS = {
  CREATE_MEET: createMeetSchema,
  JOIN_MEET: joinMeetSchema,
  UPDATE_INIT: updateInitSchema,
  CLIENT_PULL: clientPullSchema,
  PUBLISH_MEET: publishMeetSchema,
  RECOVERY_UPDATES: recoveryUpdatesSchema,
  PING: pingSchema,
} as const;

/** An update as the log holds it and as it is relayed: with its server sequence number. */
export interface RelayedUpdate {
  readonly updateKey: string;
  readonly updateValue: unknown;
  readonly serverSeqNum: number;
  readonly locationName: string;
}

export interface UpdateAckEntry {
  readonly localSeqNum: number;
  readonly serverSeqNum: number;
}

export interface UpdateRejectedEntry {
  readonly localSeqNum: number;
  readonly conflict: boolean;
  readonly reason: string;
}

export type ServerMessage =
  | { readonly msgType: 'MEET_CREATED'; readonly meetId: string; readonly sessionToken: string }
  | { readonly msgType: 'CREATE_REJECTED'; readonly reason: string }
  | {
      readonly msgType: 'MEET_JOINED';
      readonly meetId: string;
      readonly sessionToken: string;
      readonly lastServerSeq: number;
    }
  | { readonly msgType: 'JOIN_REJECTED'; readonly reason: string }
  | { readonly msgType: 'UPDATE_ACK'; readonly updateAcks: readonly UpdateAckEntry[] }
  | {
      readonly msgType: 'UPDATE_REJECTED';
      readonly updatesRejected: readonly UpdateRejectedEntry[];
    }
  | { readonly msgType: 'UPDATE_RELAY'; readonly updatesRelayed: readonly RelayedUpdate[] }
  | {
      readonly msgType: 'SERVER_PULL';
      readonly lastServerSeq: number;
      readonly updatesRelayed: readonly RelayedUpdate[];
    }
  | { readonly msgType: 'PUBLISH_ACK'; readonly meetId: string }
  | { readonly msgType: 'RECOVERY_REQUEST'; readonly lastServerSeq: number }
  | { readonly msgType: 'MALFORMED_MESSAGE'; readonly errMsg: string }
  /**
   * The spec lists `msgType` as this message's field, which would collide with the envelope's
   * own `msgType`; the offending type is sent as `unknownMsgType` instead.
   */
  | { readonly msgType: 'UNKNOWN_MESSAGE_TYPE'; readonly unknownMsgType: string }
  | { readonly msgType: 'INVALID_SESSION'; readonly sessionToken: string }
  | { readonly msgType: 'RATE_LIMITED'; readonly retryAfterMs: number }
  | { readonly msgType: 'PONG' };

/** Reasons the spec names, sent as they are. */
export const JoinRejectReason = {
  InvalidCredentials: 'invalid meetId/password',
  InvalidLocation: 'invalid locationName',
  TooManyAttempts: 'too many attempts',
} as const;

export const UpdateRejectReason = {
  Conflict: 'conflict',
  MeetFinished: 'meet finished',
  DisplayOnly: 'display-only session',
} as const;

/** "123-456-789", "123 456 789" and "123456789" are the same meet; anything else is not one. */
export function normalizeMeetId(input: string | number): string | undefined {
  const text = typeof input === 'number' ? String(input) : input.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(text) ? text : undefined;
}

/** A meet id as people read it: three groups of three digits. */
export function formatMeetId(meetId: string): string {
  return `${meetId.slice(0, 3)}-${meetId.slice(3, 6)}-${meetId.slice(6, 9)}`;
}

/** Whether arrays/objects in `value` nest deeper than `limit` (iterative: no recursion to overflow). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
