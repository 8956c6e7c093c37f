// CREATE_MEET and JOIN_MEET: password rules, scrypt hashing and verification under per-IP and
// per-meet attempt limits, session tokens, and binding the connection to the meet.

import { HearthError } from '../../protocol/errors.ts';
import {
  JoinRejectReason,
  normalizeMeetId,
  type CreateMeetMessage,
  type JoinMeetMessage,
} from '../../protocol/openlifter/messages.ts';
import { validateEndpoints } from './endpoints.ts';
import type { LiveMeet, MeetConnection } from './live-meet.ts';
import { checkPassword } from './password-policy.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import { bindConnection } from './meet-binding.ts';
import { send } from './wire.ts';

export async function handleCreateMeet(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: CreateMeetMessage,
): Promise<void> {
  const endpointProblem = validateEndpoints(message.thisLocationName, message.endpoints);
  const problem =
    endpointProblem ?? checkPassword(runtime.config.password_requirements, message.password);
  if (problem !== undefined) {
    runtime.metrics.authFailures.inc({ kind: 'create_rejected' });
    send(connection, { msgType: 'CREATE_REJECTED', reason: problem });
    return;
  }
  if (!(await runtime.attemptsPerIp.consume(connection.ip)).allowed) {
    runtime.metrics.authFailures.inc({ kind: 'too_many_attempts' });
    send(connection, { msgType: 'CREATE_REJECTED', reason: JoinRejectReason.TooManyAttempts });
    return;
  }
  const passwordHash = await hashOrRateLimit(runtime, connection, message.password);
  if (passwordHash === undefined) return;
  const meet = await runtime.meets.create({
    passwordHash,
    endpoints: message.endpoints.map(({ locationName, priority }) => ({ locationName, priority })),
    createdAt: new Date(runtime.now()).toISOString(),
  });
  const token = await openSession(runtime, connection, meet, message.thisLocationName);
  runtime.metrics.meetsCreated.inc();
  runtime.logger.info({ meet: meet.meetId, conn: connection.id }, 'meet created');
  send(connection, { msgType: 'MEET_CREATED', meetId: meet.meetId, sessionToken: token });
}

export async function handleJoinMeet(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: JoinMeetMessage,
): Promise<void> {
  const password = message.password ?? message.Password ?? '';
  const meetId = normalizeMeetId(message.meetId);
  if (!(await withinAttemptLimit(runtime, connection, runtime.attemptsPerIp, connection.ip))) {
    return;
  }
  if (
    meetId !== undefined &&
    !(await withinAttemptLimit(runtime, connection, runtime.attemptsPerMeet, meetId))
  ) {
    return;
  }
  // On a shared store the meet may have been created on another node: find loads it.
  const meet = meetId === undefined ? undefined : await runtime.meets.find(meetId);
  const verified = await verifyOrRateLimit(runtime, connection, password, meet?.auth.passwordHash);
  if (verified === undefined) return;
  if (meet === undefined || !verified) {
    runtime.metrics.authFailures.inc({ kind: 'join_credentials' });
    send(connection, { msgType: 'JOIN_REJECTED', reason: JoinRejectReason.InvalidCredentials });
    return;
  }
  const { locationName } = message;
  if (
    locationName !== undefined &&
    !meet.auth.endpoints.some((endpoint) => endpoint.locationName === locationName)
  ) {
    runtime.metrics.authFailures.inc({ kind: 'join_location' });
    send(connection, { msgType: 'JOIN_REJECTED', reason: JoinRejectReason.InvalidLocation });
    return;
  }
  const token = await openSession(runtime, connection, meet, locationName);
  runtime.metrics.meetsJoined.inc({ mode: locationName === undefined ? 'display' : 'updating' });
  await meet.whenDurable();
  // The head announced is the true log's, whichever node appended the latest entries.
  await runtime.shared?.catchUp(meet, connection);
  send(connection, {
    msgType: 'MEET_JOINED',
    meetId: meet.meetId,
    sessionToken: token,
    lastServerSeq: meet.sequencer.head,
  });
}

/** Issue a session, persist the meet's sessions, and bind the connection to the meet. */
async function openSession(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  meet: LiveMeet,
  locationName: string | undefined,
): Promise<string> {
  const { token, session } = runtime.sessions.create(meet.meetId, locationName);
  await runtime.store.saveSessions(meet.meetId, runtime.sessions.sessionsOf(meet.meetId));
  bindConnection(runtime, connection, meet, session);
  return token;
}

async function withinAttemptLimit(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  limiter: OpenLifterRuntime['attemptsPerIp'],
  key: string,
): Promise<boolean> {
  const decision = await limiter.consume(key);
  if (decision.allowed) return true;
  runtime.metrics.authFailures.inc({ kind: 'too_many_attempts' });
  send(connection, { msgType: 'JOIN_REJECTED', reason: JoinRejectReason.TooManyAttempts });
  return false;
}

async function hashOrRateLimit(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  password: string,
): Promise<string | undefined> {
  try {
    return await runtime.hasher.hash(password);
  } catch (error) {
    if (!(error instanceof HearthError)) throw error;
    refuseBusy(connection, error);
    return undefined;
  }
}

/** true/false for the password; undefined when the hasher is saturated (answered already). */
async function verifyOrRateLimit(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  password: string,
  passwordHash: string | undefined,
): Promise<boolean | undefined> {
  try {
    // An unknown meet costs the same time as a wrong password: ids cannot be probed by timing.
    return passwordHash === undefined
      ? await runtime.hasher.verifyMissing(password)
      : await runtime.hasher.verify(password, passwordHash);
  } catch (error) {
    if (!(error instanceof HearthError)) throw error;
    refuseBusy(connection, error);
    return undefined;
  }
}

function refuseBusy(connection: MeetConnection, error: HearthError): void {
  if (error.code === 'bad_request') {
    send(connection, { msgType: 'MALFORMED_MESSAGE', errMsg: error.message });
    return;
  }
  send(connection, { msgType: 'RATE_LIMITED', retryAfterMs: error.retryAfterMs ?? 1000 });
}
