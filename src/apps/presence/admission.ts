// Letting a client in: the per-IP attempt limit (with the spec's 429 body), the room path,
// the codec (subprotocol or `?format=`), the token at the upgrade, and in protobuf mode the
// ClientHello that must come first (it may carry the token, via the core's deferred auth).

import type { Admission, Identity, UpgradeRequest } from '../../core/app.ts';
import { HearthError } from '../../protocol/errors.ts';
import { decodeMessage } from '../../protocol/presence/codec.ts';
import { PROTOBUF_SUBPROTOCOL } from '../../protocol/presence/messages.ts';
import { isValidId } from '../../protocol/presence/text-frames.ts';
import {
  AuthRefusal,
  MAX_DISPLAY_NAME_LENGTH,
  upgradeToken,
  type VerifiedUser,
} from './presence-auth.ts';
import type { PresenceConnection, PresenceConnectionState, PresenceRuntime } from './runtime.ts';

const ROOM_PATH = /^\/ws\/([^/]+)$/;

export async function admitUpgrade(
  runtime: PresenceRuntime,
  request: UpgradeRequest,
): Promise<Admission<PresenceConnectionState>> {
  await limitAttempts(runtime, request.ip);
  try {
    return await admit(runtime, request);
  } catch (error) {
    runtime.counters.connectionErrors++;
    throw error;
  }
}

async function admit(
  runtime: PresenceRuntime,
  request: UpgradeRequest,
): Promise<Admission<PresenceConnectionState>> {
  const roomId = ROOM_PATH.exec(request.path)?.[1];
  if (roomId === undefined)
    throw new HearthError('not_found', 'no such endpoint: use /ws/{room_id}');
  if (!isValidId(roomId)) {
    throw new HearthError(
      'bad_request',
      'room ids are 1-128 letters, digits, "-", "_", "." or ":"',
    );
  }
  const { query } = request;
  const format = query.get('format');
  if (format !== null && format !== 'protobuf' && format !== 'relay') {
    throw new HearthError('bad_request', 'format must be "protobuf" or "relay"');
  }
  const offersProtobuf = request.protocols.includes(PROTOBUF_SUBPROTOCOL);
  const mode = offersProtobuf || format === 'protobuf' ? 'protobuf' : 'relay';
  const queryDisplayName = optional(query.get('display_name'));
  if (queryDisplayName !== undefined && queryDisplayName.length > MAX_DISPLAY_NAME_LENGTH) {
    throw new HearthError(
      'bad_request',
      `display_name is at most ${MAX_DISPLAY_NAME_LENGTH} characters`,
    );
  }
  const queryUserId = optional(query.get('user_id'));
  const token = upgradeToken(request);
  // Protobuf clients without a token at the upgrade may present one in ClientHello.
  const user =
    mode === 'relay' || token !== undefined
      ? await identify(runtime, token, queryUserId)
      : undefined;
  const state: PresenceConnectionState = {
    roomId,
    mode,
    requestedClientId: optional(query.get('client_id')),
    queryUserId,
    queryDisplayName,
    user,
    hello: undefined,
    member: undefined,
    joining: undefined,
    rateNoticeAt: 0,
  };
  if (mode === 'relay')
    return { identity: user === undefined ? undefined : identityOf(user), state };
  // Protobuf mode always waits for ClientHello: it names the client and may carry the token.
  return { deferred: true, state, protocol: offersProtobuf ? PROTOBUF_SUBPROTOCOL : undefined };
}

/**
 * Deferred auth in protobuf mode: the first frame must be a ClientHello for this room. Its token,
 * if any, is verified (and must name the same user as one given at the upgrade).
 */
export async function authenticateHello(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  data: Buffer,
  isBinary: boolean,
): Promise<Identity> {
  const decoded = isBinary ? decodeMessage(data) : undefined;
  if (decoded?.ok !== true || decoded.message.payload !== 'clientHello') {
    runtime.counters.decodeErrors++;
    throw new HearthError('bad_request', 'the first message must be a binary ClientHello');
  }
  const hello = decoded.message.clientHello;
  const { state } = connection;
  if (hello.requestedRoom !== '' && hello.requestedRoom !== state.roomId) {
    throw new HearthError('bad_request', 'requested_room is not the room of the URL');
  }
  if (hello.displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    throw new HearthError(
      'bad_request',
      `display_name is at most ${MAX_DISPLAY_NAME_LENGTH} characters`,
    );
  }
  let user = state.user;
  if (hello.authToken !== '') {
    const fromHello = await identify(runtime, hello.authToken, state.queryUserId);
    if (user !== undefined && fromHello !== undefined && fromHello.userId !== user.userId) {
      throw new HearthError('forbidden', 'the tokens name different users');
    }
    user = fromHello ?? user;
  } else {
    user ??= await identify(runtime, undefined, state.queryUserId);
  }
  state.user = user;
  state.hello = hello;
  // The final identity (with the negotiated client id) is set when the client joins its room.
  return user === undefined ? { userId: state.queryUserId ?? '' } : identityOf(user);
}

/** Verifies a token (or applies the anonymous policy), counting refusals by reason. */
async function identify(
  runtime: PresenceRuntime,
  token: string | undefined,
  claimedUserId: string | undefined,
): Promise<VerifiedUser | undefined> {
  try {
    return await runtime.auth.identify(token, claimedUserId);
  } catch (error) {
    if (error instanceof AuthRefusal) runtime.counters.authFailures[error.reason]++;
    throw error;
  }
}

/** 60 attempts per minute per IP (configurable), refused with the body the spec prescribes. */
async function limitAttempts(runtime: PresenceRuntime, ip: string): Promise<void> {
  // Counted across the cluster when there is one.
  const decision = await runtime.attempts.consume(ip);
  if (decision.allowed) return;
  runtime.counters.attemptsLimited++;
  runtime.counters.connectionErrors++;
  const seconds = Number.isFinite(decision.retryAfterMs)
    ? Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
    : 60;
  throw new HearthError('rate_limited', 'Rate limit exceeded', {
    retryAfterMs: seconds * 1000,
    body: {
      error: 'Rate limit exceeded',
      message: `Rate limit exceeded. Try again in ${seconds} seconds.`,
    },
  });
}

export function identityOf(user: VerifiedUser): Identity {
  return { userId: user.userId, displayName: user.displayName, claims: user.claims };
}

function optional(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}
