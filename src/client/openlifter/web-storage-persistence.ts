// A MeetPersistence over the Web Storage API (localStorage, or anything shaped like it): one
// snapshot under one key, kept by the shared WebStorageSnapshot (atomic saves; a full quota
// surfaces as a rejected save). This module adds the meet's key.

import { WebStorageSnapshot, type WebStorageSnapshotOptions } from '../web-storage-snapshot.ts';
import { MEET_SNAPSHOT_CODEC, type MeetPersistence, type PersistedMeet } from './persistence.ts';

// Part of this entry's API since before the shared store existed.
export type { StorageLike } from '../web-storage-snapshot.ts';

export interface WebStoragePersistenceOptions extends WebStorageSnapshotOptions {
  /**
   * The item's key: one per engine (per meet and location) that may live in the same origin.
   * @default 'hearth.openlifter.meet'
   */
  readonly key?: string;
}

export const DEFAULT_WEB_STORAGE_KEY = 'hearth.openlifter.meet';

export class WebStoragePersistence
  extends WebStorageSnapshot<PersistedMeet>
  implements MeetPersistence
{
  constructor(options: WebStoragePersistenceOptions = {}) {
    super(options, DEFAULT_WEB_STORAGE_KEY, MEET_SNAPSHOT_CODEC);
  }
}
