// One app snapshot under one key of the Web Storage API (localStorage, or anything shaped like
// it), encoded by the app's codec. setItem is synchronous and replaces the value whole, so saves
// are atomic; Storage's synchronous throws (a full quota, disabled storage) become rejections.

import { attempt } from './attempt.ts';
import type { SnapshotCodec } from './snapshot-codec.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** The part of `Storage` the store uses. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WebStorageSnapshotOptions {
  /**
   * Where snapshots go.
   * @default globalThis.localStorage
   */
  readonly storage?: StorageLike;
  /** The item's key; each app store documents its default. */
  readonly key?: string;
}

/** Each app's Web Storage store extends it with the app's key and codec. */
export class WebStorageSnapshot<T> implements SnapshotStore<T> {
  readonly key: string;
  readonly #storage: StorageLike;
  readonly #codec: SnapshotCodec<T>;

  /**
   * @throws TypeError without `storage` where there is no `localStorage`; RangeError for an
   *   empty key.
   */
  constructor(options: WebStorageSnapshotOptions, defaultKey: string, codec: SnapshotCodec<T>) {
    const storage = options.storage ?? (globalThis as { localStorage?: StorageLike }).localStorage;
    if (storage === undefined) throw new TypeError('no Web Storage here: pass `storage`');
    this.#storage = storage;
    this.key = options.key ?? defaultKey;
    if (this.key === '') throw new RangeError('key must not be empty');
    this.#codec = codec;
  }

  load(): Promise<T | undefined> {
    return attempt(() => {
      const text = this.#storage.getItem(this.key);
      return text === null ? undefined : this.#codec.decode(text);
    });
  }

  save(snapshot: T): Promise<void> {
    return attempt(() => {
      this.#storage.setItem(this.key, this.#codec.encode(snapshot));
    });
  }

  clear(): Promise<void> {
    return attempt(() => {
      this.#storage.removeItem(this.key);
    });
  }
}
