// The entities of one room: what was spawned, by whom, with which components, its newest
// component updates and pose. Only the owner may change or remove an entity. Pure bookkeeping,
// bounded in size; the room (world-state.ts) decides who the client is.

import type { EntitySnapshot, Quaternion, Vector3 } from '../../protocol/presence/messages.ts';

/** Most entities one room holds (memory per room is bounded like everything else). */
export const MAX_ENTITIES_PER_ROOM = 10_000;

export type Refusal = 'forbidden' | 'unknown_entity' | 'entity_limit';

export interface Pose {
  position: Vector3 | null;
  rotation: Quaternion | null;
}

interface Entity extends Pose {
  readonly id: string;
  readonly templateId: string;
  readonly ownerId: string;
  readonly components: Readonly<Record<string, string>>;
  readonly updated: Map<string, Uint8Array>;
}

export class RoomEntities {
  private readonly entities = new Map<string, Entity>();

  get size(): number {
    return this.entities.size;
  }

  /** The pose of an entity `clientId` may move; 'forbidden' if another client owns it. */
  poseFor(clientId: string, entityId: string): Pose | Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return undefined;
    return entity.ownerId === clientId ? entity : 'forbidden';
  }

  /** Creates (or, for its owner, replaces) an entity. */
  spawn(
    ownerId: string,
    entityId: string,
    templateId: string,
    components: Readonly<Record<string, string>>,
  ): Refusal | undefined {
    const existing = this.entities.get(entityId);
    if (existing !== undefined && existing.ownerId !== ownerId) return 'forbidden';
    if (existing === undefined && this.entities.size >= MAX_ENTITIES_PER_ROOM) {
      return 'entity_limit';
    }
    this.entities.set(entityId, {
      id: entityId,
      templateId,
      ownerId,
      components: { ...components },
      updated: new Map(),
      position: null,
      rotation: null,
    });
    return undefined;
  }

  /** Records the newest value of each updated component. */
  update(
    clientId: string,
    entityId: string,
    components: Readonly<Record<string, Uint8Array>>,
  ): Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return 'unknown_entity';
    if (entity.ownerId !== clientId) return 'forbidden';
    for (const [name, value] of Object.entries(components)) entity.updated.set(name, value);
    return undefined;
  }

  despawn(clientId: string, entityId: string): Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return 'unknown_entity';
    if (entity.ownerId !== clientId) return 'forbidden';
    this.entities.delete(entityId);
    return undefined;
  }

  /** Removes every entity of an owner gone for good; returns their ids. */
  removeOwnedBy(clientId: string): string[] {
    const removed: string[] = [];
    for (const entity of this.entities.values()) {
      if (entity.ownerId === clientId) {
        this.entities.delete(entity.id);
        removed.push(entity.id);
      }
    }
    return removed;
  }

  snapshots(): EntitySnapshot[] {
    return [...this.entities.values()].map((entity) => ({
      id: entity.id,
      templateId: entity.templateId,
      position: entity.position,
      rotation: entity.rotation,
      components: entity.components,
      ownerId: entity.ownerId,
      updatedComponents: Object.fromEntries(entity.updated),
    }));
  }
}
