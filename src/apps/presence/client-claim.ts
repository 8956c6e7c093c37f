// Client ids unique across the cluster. A requested id is free on this node when no client here
// or on another node (as far as the replica knows) has it; the registry then decides for the
// cluster: registering the id for this connection is atomic, and the id is ours only if nobody
// else had a connection under it. An id held for a reconnect on another node goes only to the
// user it is held for (the held ids are registry entries too, see runtime.ts `heldRoom`).

import { isValidId } from '../../protocol/presence/text-frames.ts';
import type { HeldId, PresenceRuntime } from './runtime.ts';
import { heldRoom, registryRoom } from './runtime.ts';

export interface ClaimRequest {
  readonly roomId: string;
  readonly wanted: string | undefined;
  /** The user the client will be (undefined: known by its client id). */
  readonly userId: string | undefined;
  readonly anonymous: boolean;
  readonly connectionId: string;
}

/**
 * The requested id when this connection may have it (registered in the registry under it,
 * without data yet), else undefined: the client gets a new id. A held id of this node is left to
 * `WorldState.join`, which gives it back to its user only.
 */
export async function claimClientId(
  runtime: PresenceRuntime,
  request: ClaimRequest,
): Promise<string | undefined> {
  const { roomId, wanted, connectionId } = request;
  if (wanted === undefined || !isValidId(wanted)) return undefined;
  const here = runtime.world.taken(roomId, wanted);
  if (here === 'member' || here === 'remote') return undefined;
  const room = registryRoom(roomId);
  try {
    // No data: when the id is taken, the holder's data (the stats) must stay as they are.
    const change = await runtime.registry.join(room, wanted, connectionId);
    if (!change.transition || !(await heldFor(runtime, request))) {
      await runtime.registry.leave(room, wanted, connectionId);
      return undefined;
    }
    return wanted;
  } catch (error) {
    // The registry is unreachable: this node decides alone (ids stay unique on the node).
    runtime.logger.warn({ err: error, room: roomId }, 'presence: client id not claimed');
    return wanted;
  }
}

/** Undoes a claim whose id the client did not get after all. */
export function releaseClaim(runtime: PresenceRuntime, request: ClaimRequest, id: string): void {
  runtime.registry
    .leave(registryRoom(request.roomId), id, request.connectionId)
    .catch((error: unknown) => {
      runtime.logger.warn({ err: error, room: request.roomId }, 'presence registry leave failed');
    });
}

/** False when another node holds the id for someone else. */
async function heldFor(runtime: PresenceRuntime, request: ClaimRequest): Promise<boolean> {
  const { roomId, wanted } = request;
  const held = (await runtime.registry.members(heldRoom(roomId))).find(
    (member) => member.memberId === wanted,
  );
  if (held === undefined) return true;
  const data = held.data as Partial<HeldId> | undefined;
  if (data?.node_id === runtime.pubsub.nodeId) return true;
  return data?.user_id === (request.userId ?? wanted) && data?.anonymous === request.anonymous;
}
