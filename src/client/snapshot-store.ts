// What a client's snapshot store promises (each app's persistence interface is this one for its
// snapshot): kept by the shared stores (memory-snapshot.ts, web-storage-snapshot.ts), the Node
// file store and apps' own stores, and relied on by the snapshot saver.

/**
 * A store for one client's snapshot. `save` must capture the snapshot before it first awaits
 * (the client keeps changing its objects afterwards) and must be atomic: a reader sees the old
 * or the new snapshot, never a mix. Saves are never concurrent; each resolves once durable.
 */
export interface SnapshotStore<T> {
  load(): Promise<T | undefined>;
  save(snapshot: T): Promise<void>;
  clear(): Promise<void>;
}
