// The OpenLifter client SDK's entry point for browsers and Node: the sync engine, its events and
// options, and the browser-safe persistence stores. Node's file store is imported on its own
// from ./node/file-persistence.ts, so browser bundles never see node:* modules.

export { MeetSyncEngine } from './meet-sync-engine.ts';
export {
  DEFAULT_MEET_SYNC_OPTIONS,
  type CreateMeetParams,
  type JoinMeetParams,
  type MeetSession,
  type MeetSyncEngineOptions,
} from './sync-options.ts';
export {
  AcknowledgedEvent,
  ConflictEvent,
  MeetSyncError,
  PendingChangedEvent,
  PublishedEvent,
  RejectedEvent,
  SessionInvalidEvent,
  StateChangedEvent,
  SyncErrorEvent,
  SyncStatusEvent,
  type MeetSyncErrorCode,
  type MeetSyncEventMap,
  type StateChangeCause,
  type SyncStatus,
} from './sync-events.ts';
export type { AckedUpdate, PendingUpdate, RejectedUpdate } from './meet-replica.ts';
export {
  isPending,
  LIFT_FIELDS,
  liftingOrder,
  MAX_ATTEMPTS,
  type Lift,
  type LiftingOrder,
  type LiftingTurn,
} from './lifting-order.ts';
export { MemoryPersistence, type MeetPersistence, type PersistedMeet } from './persistence.ts';
export {
  WebStoragePersistence,
  type StorageLike,
  type WebStoragePersistenceOptions,
} from './web-storage-persistence.ts';
