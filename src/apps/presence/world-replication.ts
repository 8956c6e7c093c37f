// The rooms across nodes. A node follows a room on the bus while it has clients or held ids in
// it: on the room's world topic it tells the other nodes what its own clients do (joins, presence
// data, leaves, reliable messages with their effect on entities) and keeps a replica of what
// theirs do; from the room's protobuf topic it keeps the newest relayed pose of each remote avatar
// and entity (decoded only when a snapshot needs it). When it starts following a room it asks the
// nodes the registry shows in it for their part (`sync?`), so the first ServerHello it sends
// already holds the whole world. A client that reconnects on another node within its grace
// period announces its join there; the node holding its id hands its pending messages over.

import type { BusMessage } from '../../core/bus/bus.ts';
import { decodeMessage } from '../../protocol/presence/codec.ts';
import {
  adoptHandedOver,
  deliverOnNode,
  deliverReliable,
  deliverOnNodeOnly,
  despawnedInit,
  handOver,
} from './reliable-delivery.ts';
import type { FollowedRoom, HeldId, PresenceRuntime, RegisteredConnection } from './runtime.ts';
import { heldRoom, protobufTopic, registryRoom, worldTopic } from './runtime.ts';
import type { Member, PoseReader } from './world-state.ts';
import type { ClientSession } from './runtime.ts';
import {
  decodeWorldEvent,
  encodeWorldEvent,
  entityFromWire,
  entityToWire,
  fromBase64,
  toBase64,
  type WorldEvent,
} from './world-wire.ts';

/** How long a join waits for the other nodes' part of a room it starts following. */
const SYNC_TIMEOUT_MS = 1500;
/** How often the request is repeated meanwhile (a new subscription may not be live yet). */
const SYNC_RESEND_MS = 200;

/**
 * Takes part in a room for a join: keeps it (`world.unpin` once the join is done), follows it on
 * the bus if this node did not yet, and waits until the other nodes reported their part.
 */
export async function enterRoom(runtime: PresenceRuntime, roomId: string): Promise<void> {
  if (runtime.world.pin(roomId, runtime.now())) follow(runtime, roomId);
  await runtime.followed.get(roomId)?.synced;
}

/** The room left this node (nobody and no held id in it): stop following it. */
export function unfollow(runtime: PresenceRuntime, roomId: string): void {
  const followed = runtime.followed.get(roomId);
  if (followed === undefined) return;
  runtime.followed.delete(roomId);
  followed.stop();
  followed.wake?.();
}

/** Tells the other nodes that a client joined here. */
export function publishJoin(runtime: PresenceRuntime, member: Member<ClientSession>): void {
  publish(runtime, member.roomId, {
    t: 'join',
    member: {
      clientId: member.clientId,
      userId: member.userId,
      joinedAt: member.joinedAt,
      profile: { ...member.profile },
    },
    anonymous: member.anonymous,
  });
}

export function publishProfile(runtime: PresenceRuntime, member: Member<ClientSession>): void {
  publish(runtime, member.roomId, {
    t: 'profile',
    clientId: member.clientId,
    profile: { ...member.profile },
  });
}

export function publishLeave(runtime: PresenceRuntime, roomId: string, clientId: string): void {
  publish(runtime, roomId, { t: 'leave', clientId });
}

/**
 * A client left for good without its node saying so (the node died, found by the registry on
 * this node only): every node, this one included, forgets it and despawns its entities.
 */
export function departed(runtime: PresenceRuntime, roomId: string, clientId: string): void {
  forget(runtime, roomId, clientId);
  publish(runtime, roomId, { t: 'gone', clientId });
}

function publish(runtime: PresenceRuntime, roomId: string, event: WorldEvent): void {
  // Other nodes' listeners only: no connection subscribes to the world topic, and a publish
  // would record an empty fan-out sample for every event.
  runtime.pubsub.broadcast(worldTopic(roomId), encodeWorldEvent(event));
}

function follow(runtime: PresenceRuntime, roomId: string): void {
  const stopWorld = runtime.pubsub.listen(worldTopic(roomId), (message) => {
    receive(runtime, roomId, message);
  });
  const stopPoses = runtime.pubsub.listen(protobufTopic(roomId), (message) => {
    notePose(runtime, roomId, message);
  });
  const followed: FollowedRoom = {
    stop: () => {
      stopWorld();
      stopPoses();
    },
    synced: Promise.resolve(),
    replied: new Set(),
    wake: undefined,
  };
  runtime.followed.set(roomId, followed);
  followed.synced = sync(runtime, roomId, followed);
}

/** Asks the nodes with clients or held ids in the room for their part until all have answered. */
async function sync(
  runtime: PresenceRuntime,
  roomId: string,
  followed: FollowedRoom,
): Promise<void> {
  let expected: string[];
  try {
    expected = await nodesIn(runtime, roomId);
  } catch (error) {
    runtime.logger.warn({ err: error, room: roomId }, 'presence: room members unknown, no sync');
    return;
  }
  if (expected.length === 0) return;
  const deadline = performance.now() + SYNC_TIMEOUT_MS;
  let askedAt = -Infinity;
  while (runtime.followed.get(roomId) === followed) {
    const missing = expected.filter((node) => !followed.replied.has(node));
    if (missing.length === 0) return;
    const now = performance.now();
    if (now >= deadline) {
      runtime.logger.warn({ room: roomId, nodes: missing }, 'presence: nodes did not sync a room');
      return;
    }
    if (now - askedAt >= SYNC_RESEND_MS) {
      askedAt = now;
      publish(runtime, roomId, { t: 'sync?' });
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(SYNC_RESEND_MS, deadline - now));
      followed.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    followed.wake = undefined;
  }
}

/** The other nodes with a client or a held id in the room, per the registry. */
async function nodesIn(runtime: PresenceRuntime, roomId: string): Promise<string[]> {
  const [live, held] = await Promise.all([
    runtime.registry.members(registryRoom(roomId)),
    runtime.registry.members(heldRoom(roomId)),
  ]);
  const nodes = new Set<string>();
  for (const member of [...live, ...held]) {
    const data = member.data as Partial<RegisteredConnection & HeldId> | undefined;
    if (typeof data?.node_id === 'string') nodes.add(data.node_id);
  }
  nodes.delete(runtime.pubsub.nodeId);
  return [...nodes];
}

function receive(runtime: PresenceRuntime, roomId: string, message: BusMessage): void {
  const event = typeof message.data === 'string' ? decodeWorldEvent(message.data) : undefined;
  if (event === undefined) {
    runtime.logger.warn({ room: roomId, origin: message.origin }, 'presence: bad world message');
    return;
  }
  const { world } = runtime;
  const me = runtime.pubsub.nodeId;
  const now = runtime.now();
  switch (event.t) {
    case 'sync?': {
      const state = world.localState(roomId);
      publish(runtime, roomId, {
        t: 'sync',
        to: message.origin,
        members: state.members,
        entities: state.entities.map(entityToWire),
      });
      return;
    }
    case 'sync': {
      const followed = runtime.followed.get(roomId);
      if (event.to !== me || followed === undefined) return;
      for (const member of event.members) {
        if (world.taken(roomId, member.clientId) === undefined) {
          world.addRemote(roomId, member, now);
        }
      }
      for (const entity of event.entities) {
        const owner = world.taken(roomId, entity.ownerId);
        if (owner !== 'member' && owner !== 'ghost') {
          world.putEntity(roomId, entityFromWire(entity), now);
        }
      }
      followed.replied.add(message.origin);
      followed.wake?.();
      return;
    }
    case 'join':
      joinedElsewhere(runtime, roomId, event, message.origin);
      return;
    case 'profile':
      world.updateRemoteProfile(roomId, event.clientId, event.profile, now);
      return;
    case 'leave':
      world.removeRemote(roomId, event.clientId, now);
      return;
    case 'gone':
      forget(runtime, roomId, event.clientId);
      return;
    case 'reliable':
      relayed(runtime, roomId, event.except, fromBase64(event.frame));
      return;
    case 'handoff': {
      if (event.to !== me) return;
      const session =
        world.members(roomId).find((member) => member.clientId === event.clientId)?.session ??
        world.ghosts(roomId).find((ghost) => ghost.clientId === event.clientId)?.session;
      const messages = event.frames.map((frame) => ({
        id: frame.id,
        bytes: fromBase64(frame.frame),
      }));
      if (session === undefined) {
        runtime.counters.reliableGivenUp.gone += messages.length;
        return;
      }
      adoptHandedOver(runtime, session, messages, event.recent);
      runtime.counters.sessionsResumed++;
      return;
    }
  }
}

/**
 * A client joined on another node. If this node holds its id for the same user, the client came
 * back there: its pending messages (and the ids of its own messages seen) go to that node.
 */
function joinedElsewhere(
  runtime: PresenceRuntime,
  roomId: string,
  event: Extract<WorldEvent, { t: 'join' }>,
  origin: string,
): void {
  const { world } = runtime;
  const { member } = event;
  const here = world.taken(roomId, member.clientId);
  if (here === 'member') {
    // Both nodes gave the id away (the registry was unreachable): keep ours, show ours.
    runtime.logger.warn({ room: roomId, client: member.clientId }, 'presence: client id twice');
    return;
  }
  if (here === 'ghost') {
    const { clientId } = member;
    const held = world.ghosts(roomId).find((ghost) => ghost.clientId === clientId);
    const sameUser = held?.userId === member.userId && held.anonymous === event.anonymous;
    // Another user got the id (the registry was unreachable): the held client is gone for good.
    const despawned = sameUser ? [] : world.removeEntitiesOf(roomId, clientId, runtime.now());
    const ghost = world.takeGhost(roomId, clientId);
    if (ghost !== undefined && sameUser) {
      const pending = handOver(ghost.session);
      ghost.session.queue?.clear();
      publish(runtime, roomId, {
        t: 'handoff',
        to: origin,
        clientId,
        frames: pending.map((message) => ({ id: message.id, frame: toBase64(message.bytes) })),
        recent: ghost.session.recent?.values() ?? [],
      });
    } else if (ghost !== undefined) {
      runtime.counters.reliableGivenUp.gone += ghost.session.queue?.clear() ?? 0;
    }
    releaseHeld(runtime, roomId, clientId);
    for (const entityId of despawned)
      deliverReliable(runtime, roomId, undefined, despawnedInit(entityId));
  }
  world.addRemote(roomId, member, runtime.now());
}

/** Frees a held id in the registry (its client came back, or its grace period ended). */
export function releaseHeld(runtime: PresenceRuntime, roomId: string, clientId: string): void {
  runtime.registry
    .leave(heldRoom(roomId), clientId, runtime.pubsub.nodeId)
    .catch((error: unknown) => {
      runtime.logger.warn({ err: error, room: roomId }, 'presence registry leave failed');
    });
}

/** A reliable message from another node: applied to the replica, queued for this node's clients. */
function relayed(
  runtime: PresenceRuntime,
  roomId: string,
  except: string,
  bytes: Uint8Array,
): void {
  const decoded = decodeMessage(bytes);
  if (!decoded.ok || decoded.message.payload === undefined) return;
  const message = decoded.message;
  const { world } = runtime;
  const now = runtime.now();
  switch (message.payload) {
    case 'entitySpawn': {
      const spawn = message.entitySpawn;
      world.putEntity(
        roomId,
        {
          id: spawn.entityId,
          templateId: spawn.templateId,
          ownerId: spawn.ownerId,
          components: spawn.components,
          updatedComponents: {},
          position: null,
          rotation: null,
        },
        now,
      );
      break;
    }
    case 'entityUpdate':
      world.putEntityUpdate(
        roomId,
        message.entityUpdate.entityId,
        message.entityUpdate.components,
        now,
      );
      break;
    case 'entityDespawn':
      world.removeEntity(roomId, message.entityDespawn.entityId, now);
      break;
    default:
      break;
  }
  deliverOnNode(runtime, roomId, except === '' ? undefined : except, message.messageId, bytes);
}

/** Forgets a client gone for good elsewhere and tells this node's clients its entities went. */
function forget(runtime: PresenceRuntime, roomId: string, clientId: string): void {
  const { world } = runtime;
  const here = world.taken(roomId, clientId);
  if (here === 'member' || here === 'ghost') return; // it came back on this node
  const now = runtime.now();
  world.removeRemote(roomId, clientId, now);
  for (const entityId of world.removeEntitiesOf(roomId, clientId, now)) {
    deliverOnNodeOnly(runtime, roomId, despawnedInit(entityId));
  }
}

function notePose(runtime: PresenceRuntime, roomId: string, message: BusMessage): void {
  const { key, data } = message;
  if (key?.startsWith('pose:') !== true || typeof data === 'string') return;
  runtime.world.notePose(roomId, key.slice('pose:'.length), lazyPose(data));
}

/** Decodes a relayed PositionUpdate the first time its pose is needed. */
function lazyPose(bytes: Uint8Array): PoseReader {
  let pose: ReturnType<PoseReader> | null = null;
  return () => {
    if (pose === null) {
      const decoded = decodeMessage(bytes);
      pose =
        decoded.ok && decoded.message.payload === 'positionUpdate'
          ? {
              position: decoded.message.positionUpdate.position,
              rotation: decoded.message.positionUpdate.rotation,
            }
          : undefined;
    }
    return pose;
  };
}
