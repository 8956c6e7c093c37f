// One app snapshot kept in memory, for tests and apps that need no reload: stored encoded, as
// the other stores would store it, so a loaded snapshot never aliases the saved objects and a
// snapshot the codec refuses fails here as it would after a reload.

import { attempt } from './attempt.ts';
import type { SnapshotCodec } from './snapshot-codec.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** Each app's memory store extends it with the app's codec. */
export class MemorySnapshot<T> implements SnapshotStore<T> {
  readonly #codec: SnapshotCodec<T>;
  #text: string | undefined;

  constructor(codec: SnapshotCodec<T>) {
    this.#codec = codec;
  }

  load(): Promise<T | undefined> {
    return attempt(() => (this.#text === undefined ? undefined : this.#codec.decode(this.#text)));
  }

  save(snapshot: T): Promise<void> {
    // Encoded now, before returning: the caller's objects may change as soon as it resumes.
    this.#text = this.#codec.encode(snapshot);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.#text = undefined;
    return Promise.resolve();
  }
}
