// A MeetPersistence over the Web Storage API (localStorage, or anything shaped like it): one
// snapshot under one key. setItem is synchronous and replaces the value whole, so saves are
// atomic; a full quota surfaces as a rejected save.

import {
  decodeSnapshot,
  encodeSnapshot,
  type MeetPersistence,
  type PersistedMeet,
} from './persistence.ts';

/** The part of `Storage` this store uses. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WebStoragePersistenceOptions {
  /**
   * Where snapshots go.
   * @default globalThis.localStorage
   */
  readonly storage?: StorageLike;
  /**
   * The item's key: one per engine (per meet and location) that may live in the same origin.
   * @default 'hearth.openlifter.meet'
   */
  readonly key?: string;
}

export const DEFAULT_WEB_STORAGE_KEY = 'hearth.openlifter.meet';

export class WebStoragePersistence implements MeetPersistence {
  readonly key: string;
  readonly #storage: StorageLike;

  constructor(options: WebStoragePersistenceOptions = {}) {
    const storage = options.storage ?? (globalThis as { localStorage?: StorageLike }).localStorage;
    if (storage === undefined) throw new TypeError('no Web Storage here: pass `storage`');
    this.#storage = storage;
    this.key = options.key ?? DEFAULT_WEB_STORAGE_KEY;
    if (this.key === '') throw new RangeError('key must not be empty');
  }

  load(): Promise<PersistedMeet | undefined> {
    return attempt(() => {
      const text = this.#storage.getItem(this.key);
      return text === null ? undefined : decodeSnapshot(text);
    });
  }

  save(snapshot: PersistedMeet): Promise<void> {
    return attempt(() => {
      this.#storage.setItem(this.key, encodeSnapshot(snapshot));
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
