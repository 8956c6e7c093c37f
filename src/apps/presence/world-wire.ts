// What presence nodes tell each other about a room, on the bus topic `presence:world:{room}`
// (world-replication.ts acts on it): JSON, bytes as base64, checked with zod on receipt so that
// a node of another version (or a stray publisher) can only cause a logged, dropped message.

import { z } from 'zod';
import type { EntitySnapshot } from '../../protocol/presence/messages.ts';

const vector3 = z.object({ x: z.number(), y: z.number(), z: z.number() });
const quaternion = z.object({ x: z.number(), y: z.number(), z: z.number(), w: z.number() });
const base64 = z.string().max(200_000);

const profile = z.object({
  displayName: z.string(),
  avatarUrl: z.string(),
  avatarConfig: z
    .object({
      bodyType: z.string(),
      primaryColor: z.string(),
      secondaryColor: z.string(),
      height: z.number(),
      customModelUrl: z.string(),
    })
    .nullable(),
  position: vector3.nullable(),
  rotation: quaternion.nullable(),
});

const member = z.object({
  clientId: z.string(),
  userId: z.string(),
  joinedAt: z.number(),
  profile,
});

const entity = z.object({
  id: z.string(),
  templateId: z.string(),
  ownerId: z.string(),
  components: z.record(z.string(), z.string()),
  /** Newest value of each updated component, base64. */
  updated: z.record(z.string(), base64),
  position: vector3.nullable(),
  rotation: quaternion.nullable(),
});

const worldEvent = z.discriminatedUnion('t', [
  /** A node that just took an interest in the room asks the others for their part of it. */
  z.object({ t: z.literal('sync?') }),
  /** A node's part of the room (its own clients and their entities), for the node `to`. */
  z.object({
    t: z.literal('sync'),
    to: z.string(),
    members: z.array(member),
    entities: z.array(entity),
  }),
  z.object({ t: z.literal('join'), member, anonymous: z.boolean() }),
  z.object({ t: z.literal('profile'), clientId: z.string(), profile }),
  /** Left (its entities stay while its node holds its id; their removal comes as despawns). */
  z.object({ t: z.literal('leave'), clientId: z.string() }),
  /** Gone without its node saying so (the node died): remove it and every entity it owned. */
  z.object({ t: z.literal('gone'), clientId: z.string() }),
  /** A reliable message for the room's clients except `except`, framed as they get it. */
  z.object({ t: z.literal('reliable'), except: z.string(), frame: base64 }),
  /** The pending messages of a client that came back on node `to`, oldest first. */
  z.object({
    t: z.literal('handoff'),
    to: z.string(),
    clientId: z.string(),
    frames: z.array(z.object({ id: z.string(), frame: base64 })),
    recent: z.array(z.string()),
  }),
]);

export type WorldEvent = z.infer<typeof worldEvent>;
export type EntityWire = z.infer<typeof entity>;

export function encodeWorldEvent(event: WorldEvent): string {
  return JSON.stringify(event);
}

/** The event, or undefined when the text is not one. */
export function decodeWorldEvent(text: string): WorldEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = worldEvent.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function entityToWire(snapshot: EntitySnapshot): EntityWire {
  const updated: Record<string, string> = {};
  for (const [name, value] of Object.entries(snapshot.updatedComponents)) {
    updated[name] = toBase64(value);
  }
  return {
    id: snapshot.id,
    templateId: snapshot.templateId,
    ownerId: snapshot.ownerId,
    components: { ...snapshot.components },
    updated,
    position: snapshot.position,
    rotation: snapshot.rotation,
  };
}

export function entityFromWire(wire: EntityWire): EntitySnapshot {
  const updatedComponents: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(wire.updated)) {
    updatedComponents[name] = fromBase64(value);
  }
  return {
    id: wire.id,
    templateId: wire.templateId,
    ownerId: wire.ownerId,
    components: wire.components,
    updatedComponents,
    position: wire.position,
    rotation: wire.rotation,
  };
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
