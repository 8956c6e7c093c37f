// How a node tells the others about a message it committed: one bus topic for every room,
// carrying the stored record as JSON (with the room's membership stamp). The receiving node
// orders these by id (cluster-feed.ts) before fanning them out, so room topics never carry
// NewMessage across nodes.

import type { MessageRecord } from './store.ts';

export const COMMITTED_MESSAGES_TOPIC = 'chat:committed';

export function encodeCommitted(message: MessageRecord): string {
  return JSON.stringify(message);
}

/** The record, or undefined when the payload is not one (it is logged, never trusted). */
export function decodeCommitted(data: string | Uint8Array): MessageRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { id, roomId, creatorId, content, clientMessageId, createdAt, roomStamp } = record;
  if (
    typeof id !== 'number' ||
    !Number.isSafeInteger(id) ||
    id < 1 ||
    typeof roomId !== 'string' ||
    typeof creatorId !== 'string' ||
    typeof content !== 'string' ||
    typeof clientMessageId !== 'string' ||
    typeof createdAt !== 'number' ||
    (roomStamp !== undefined && typeof roomStamp !== 'number')
  ) {
    return undefined;
  }
  return {
    id,
    roomId,
    creatorId,
    content,
    clientMessageId,
    createdAt,
    ...(roomStamp === undefined ? {} : { roomStamp }),
  };
}
