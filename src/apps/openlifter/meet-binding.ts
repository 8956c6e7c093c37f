// Binding connections to meets: a session token resolves to its meet and session, and the
// connection then receives the meet's relays (and is asked during recovery if it updates).

import type { LiveMeet, MeetConnection } from './live-meet.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import type { StoredSession } from './store.ts';
import { send } from './wire.ts';

interface Resolved {
  readonly meet: LiveMeet;
  readonly session: StoredSession;
}

/** The meet and session of a token, binding the connection; answers INVALID_SESSION if none. */
export function resolveSession(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  sessionToken: string,
): Resolved | undefined {
  const handle = runtime.sessions.lookup(sessionToken);
  const meet = handle === undefined ? undefined : runtime.meets.get(handle.meetId);
  if (handle === undefined || meet === undefined) {
    runtime.metrics.authFailures.inc({ kind: 'invalid_session' });
    send(connection, { msgType: 'INVALID_SESSION', sessionToken });
    return undefined;
  }
  bindConnection(runtime, connection, meet, handle.session);
  return { meet, session: handle.session };
}

/** From now on the connection receives the meet's relays. */
export function bindConnection(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  meet: LiveMeet,
  session: StoredSession,
): void {
  connection.state.sessions.set(meet.meetId, session);
  if (!meet.connections.has(connection)) {
    meet.connections.add(connection);
    runtime.pubsub.subscribe(connection, meet.topic);
  }
}
