// A ChatPersistence over the Web Storage API (localStorage, or anything shaped like it): one
// snapshot under one key. setItem is synchronous and replaces the value whole, so saves are
// atomic; a full quota surfaces as a rejected save (an `error` event of the client).

import {
  decodeChatSnapshot,
  encodeChatSnapshot,
  type ChatPersistence,
  type PersistedChat,
} from './persistence.ts';

/** The part of `Storage` this store uses. */
export type ChatStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WebStorageChatPersistenceOptions {
  /**
   * Where snapshots go.
   * @default globalThis.localStorage
   */
  readonly storage?: ChatStorageLike;
  /**
   * The item's key: one per client (per user, and per tab if tabs must not share an outbox).
   * @default 'hearth.chat.client'
   */
  readonly key?: string;
}

export const DEFAULT_CHAT_STORAGE_KEY = 'hearth.chat.client';

export class WebStorageChatPersistence implements ChatPersistence {
  readonly key: string;
  readonly #storage: ChatStorageLike;

  constructor(options: WebStorageChatPersistenceOptions = {}) {
    const storage =
      options.storage ?? (globalThis as { localStorage?: ChatStorageLike }).localStorage;
    if (storage === undefined) throw new TypeError('no Web Storage here: pass `storage`');
    this.#storage = storage;
    this.key = options.key ?? DEFAULT_CHAT_STORAGE_KEY;
    if (this.key === '') throw new RangeError('key must not be empty');
  }

  load(): Promise<PersistedChat | undefined> {
    return attempt(() => {
      const text = this.#storage.getItem(this.key);
      return text === null ? undefined : decodeChatSnapshot(text);
    });
  }

  save(snapshot: PersistedChat): Promise<void> {
    return attempt(() => {
      this.#storage.setItem(this.key, encodeChatSnapshot(snapshot));
    });
  }

  clear(): Promise<void> {
    return attempt(() => {
      this.#storage.removeItem(this.key);
    });
  }
}

/** Storage throws synchronously (quota, disabled storage); callers expect a rejected promise. */
function attempt<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
