// Relay mode (the default), for clients with their own framing such as the GraphWiz browser
// client: SERVER_HELLO on open, then every frame goes to the room's other relay clients with the
// same opcode and the same bytes, framed once. The server never parses what it relays.

import { unixSeconds, type ServerHelloFrame } from '../../protocol/presence/text-frames.ts';
import type { PresenceConnection, PresenceRuntime } from './runtime.ts';
import { relayTopic } from './runtime.ts';
import type { Member } from './world-state.ts';
import type { ClientSession } from './runtime.ts';

export function openRelay(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: Member<ClientSession>,
): void {
  runtime.pubsub.subscribe(connection, relayTopic(member.roomId));
  const hello: ServerHelloFrame = {
    type: 'SERVER_HELLO',
    room_id: member.roomId,
    client_id: member.clientId,
    timestamp: unixSeconds(runtime.now()),
  };
  connection.send(JSON.stringify(hello));
}

/**
 * Relays one frame. Not volatile: relayed frames are opaque, so the server cannot tell a pose
 * (droppable) from a chat line (not); a receiver too slow for them is cut off (4429) instead.
 */
export function relayFrame(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  member: Member<ClientSession>,
  data: Buffer,
  isBinary: boolean,
): void {
  runtime.pubsub.publish(relayTopic(member.roomId), data, {
    except: connection,
    binary: isBinary,
    app: 'presence',
  });
  runtime.counters.relayed.relay++;
}
