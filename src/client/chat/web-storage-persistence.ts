// A ChatPersistence over the Web Storage API (localStorage, or anything shaped like it): one
// snapshot under one key, kept by the shared WebStorageSnapshot (atomic saves; a full quota
// surfaces as a rejected save, an `error` event of the client). This module adds chat's key.

import {
  WebStorageSnapshot,
  type StorageLike,
  type WebStorageSnapshotOptions,
} from '../web-storage-snapshot.ts';
import { CHAT_SNAPSHOT_CODEC, type ChatPersistence, type PersistedChat } from './persistence.ts';

/** The part of `Storage` this store uses. */
export type ChatStorageLike = StorageLike;

export interface WebStorageChatPersistenceOptions extends WebStorageSnapshotOptions {
  /**
   * The item's key: one per client (per user, and per tab if tabs must not share an outbox).
   * @default 'hearth.chat.client'
   */
  readonly key?: string;
}

export const DEFAULT_CHAT_STORAGE_KEY = 'hearth.chat.client';

export class WebStorageChatPersistence
  extends WebStorageSnapshot<PersistedChat>
  implements ChatPersistence
{
  constructor(options: WebStorageChatPersistenceOptions = {}) {
    super(options, DEFAULT_CHAT_STORAGE_KEY, CHAT_SNAPSHOT_CODEC);
  }
}
