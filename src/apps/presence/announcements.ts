// Joins, leaves and presence updates told to a room, in each client's own codec: relay-mode
// clients get PRESENCE_JOIN / PRESENCE_LEAVE text frames, protobuf clients get PresenceEvent
// messages. Each is framed once per codec and published to the room except the client itself.

import { encodeMessage } from '../../protocol/presence/codec.ts';
import {
  PresenceEventType,
  type PresenceData,
  type PresenceEventType as EventType,
} from '../../protocol/presence/messages.ts';
import { unixSeconds, type PresenceFrame } from '../../protocol/presence/text-frames.ts';
import type { ClientSession, PresenceConnection, PresenceRuntime } from './runtime.ts';
import { protobufTopic, relayTopic } from './runtime.ts';
import type { Member } from './world-state.ts';

type RoomMember = Member<ClientSession>;
/** What an announcement says about a client (a member of another node has nothing more). */
type Announced = Pick<RoomMember, 'roomId' | 'clientId' | 'userId' | 'profile'>;

/** A member's presence as PresenceData, with the room's current host. */
export function presenceDataOf(member: Announced, host: string): PresenceData {
  const { profile } = member;
  return {
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl,
    position: profile.position,
    rotation: profile.rotation,
    avatarConfig: profile.avatarConfig,
    hostClientId: host,
  };
}

export function announceJoin(
  runtime: PresenceRuntime,
  member: RoomMember,
  except: PresenceConnection,
): void {
  publishRelayFrame(runtime, member, 'PRESENCE_JOIN', except);
  publishEvent(runtime, member, PresenceEventType.Join, except);
}

/** The client has gone (its connection is already unsubscribed, so nobody is excepted). */
export function announceLeave(runtime: PresenceRuntime, member: RoomMember, host: string): void {
  publishRelayFrame(runtime, member, 'PRESENCE_LEAVE', undefined);
  publishEvent(runtime, member, PresenceEventType.Leave, undefined, host);
}

/**
 * A client of another node left without that node telling anyone (it died): the registry's
 * expiry reports it once, on one node, which announces it to the room on every node.
 */
export function announceDeparted(
  runtime: PresenceRuntime,
  roomId: string,
  clientId: string,
  userId: string,
  displayName: string,
): void {
  const departed: Announced = {
    roomId,
    clientId,
    userId,
    profile: { displayName, avatarUrl: '', avatarConfig: null, position: null, rotation: null },
  };
  const host = runtime.world.host(roomId);
  publishRelayFrame(runtime, departed, 'PRESENCE_LEAVE', undefined);
  publishEvent(runtime, departed, PresenceEventType.Leave, undefined, host);
}

/** A protobuf client changed its presence data; only protobuf clients are told. */
export function announceUpdate(
  runtime: PresenceRuntime,
  member: RoomMember,
  except: PresenceConnection,
): void {
  publishEvent(runtime, member, PresenceEventType.Update, except);
}

function publishRelayFrame(
  runtime: PresenceRuntime,
  member: Announced,
  type: PresenceFrame['type'],
  except: PresenceConnection | undefined,
): void {
  const frame: PresenceFrame = {
    type,
    room_id: member.roomId,
    client_id: member.clientId,
    user_id: member.userId,
    display_name: member.profile.displayName === '' ? null : member.profile.displayName,
    timestamp: unixSeconds(runtime.now()),
  };
  runtime.pubsub.publish(relayTopic(member.roomId), JSON.stringify(frame), {
    except,
    app: 'presence',
  });
}

function publishEvent(
  runtime: PresenceRuntime,
  member: Announced,
  eventType: EventType,
  except: PresenceConnection | undefined,
  host = runtime.world.host(member.roomId),
): void {
  const bytes = encodeMessage({
    payload: 'presenceEvent',
    timestamp: runtime.now(),
    presenceEvent: {
      clientId: member.clientId,
      eventType,
      data: presenceDataOf(member, host),
    },
  });
  runtime.pubsub.publish(protobufTopic(member.roomId), bytes, {
    except,
    binary: true,
    app: 'presence',
  });
}
