// Where a ChatClient keeps what must survive a page reload: the resume point and the outbox
// (messages the user sent that the server has not confirmed). The snapshot's shape, its JSON
// encoding (checked on the way back in), the interface a store implements, and the in-memory
// store. The Web Storage store is in web-storage-persistence.ts.

import { MemorySnapshot } from '../memory-snapshot.ts';
import { parseSnapshotEnvelope, type SnapshotCodec } from '../snapshot-codec.ts';
import type { SnapshotStore } from '../snapshot-store.ts';
import { normalizeMessageId } from './message-ids.ts';
import type { OutboxEntry } from './outbox.ts';

/** Bumped on any incompatible change; an unknown format is refused, never half-read. */
export const PERSISTED_CHAT_FORMAT = 1;

export interface PersistedChat {
  readonly format: typeof PERSISTED_CHAT_FORMAT;
  /** Every message up to this id was handed to the app; null: none yet. */
  readonly lastSeenMessageId: string | null;
  /** Unconfirmed messages in send order, re-sent with their own client_message_id. */
  readonly outbox: readonly OutboxEntry[];
}

/**
 * A store for one client's snapshot (what `save` must guarantee: see SnapshotStore).
 * One key per client at a time: two tabs sharing one would each re-send the other's outbox
 * (harmless, the server deduplicates) and fight over the resume point.
 */
export type ChatPersistence = SnapshotStore<PersistedChat>;

export function encodeChatSnapshot(snapshot: PersistedChat): string {
  return JSON.stringify(snapshot);
}

/** @throws TypeError when `text` is not a snapshot this version can resume from. */
export function decodeChatSnapshot(text: string): PersistedChat {
  const value = parseSnapshotEnvelope(text, 'persisted chat', PERSISTED_CHAT_FORMAT);
  const { lastSeenMessageId, outbox } = value;
  const lastSeen =
    typeof lastSeenMessageId === 'string'
      ? normalizeMessageId(lastSeenMessageId)
      : lastSeenMessageId === null
        ? null
        : undefined;
  if (lastSeen === undefined || !Array.isArray(outbox) || !outbox.every(isOutboxEntry)) {
    throw new TypeError('persisted chat: malformed snapshot');
  }
  return { format: PERSISTED_CHAT_FORMAT, lastSeenMessageId: lastSeen, outbox };
}

/** How the shared stores (memory-snapshot.ts, web-storage-snapshot.ts) encode a chat snapshot. */
export const CHAT_SNAPSHOT_CODEC: SnapshotCodec<PersistedChat> = {
  encode: encodeChatSnapshot,
  decode: decodeChatSnapshot,
};

/** Keeps the snapshot in memory, encoded as the other stores would (so it never aliases). */
export class MemoryChatPersistence
  extends MemorySnapshot<PersistedChat>
  implements ChatPersistence
{
  constructor() {
    super(CHAT_SNAPSHOT_CODEC);
  }
}

function isOutboxEntry(value: unknown): value is OutboxEntry {
  return (
    isRecord(value) &&
    typeof value.clientMessageId === 'string' &&
    typeof value.roomId === 'string' &&
    typeof value.content === 'string' &&
    typeof value.createdAt === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
