// The chat client SDK's entry point for browsers and Node 24: the client, its events and
// options, the persistence stores, and the wire shapes its events carry. Nothing here imports
// node:* or zod (protocol types are imported as types only), so bundles stay small.

export { ChatClient } from './chat-client.ts';
export {
  DEFAULT_CHAT_CLIENT_OPTIONS,
  type ChatClientOptions,
  type ChatSettings,
} from './client-options.ts';
export {
  ChatClientError,
  ChatErrorEvent,
  ChatMessageEvent,
  ChatStateChangeEvent,
  ConnectedEvent,
  DeliveredEvent,
  DisconnectedEvent,
  FailedEvent,
  PendingEvent,
  PresenceEvent,
  RoomsEvent,
  SyncedEvent,
  TypingEvent,
  UnauthorizedEvent,
  type ChatClientErrorCode,
  type ChatClientEventMap,
  type ChatClientState,
  type RoomsChange,
} from './chat-events.ts';
export type { OutboxEntry } from './outbox.ts';
export {
  MemoryChatPersistence,
  PERSISTED_CHAT_FORMAT,
  type ChatPersistence,
  type PersistedChat,
} from './persistence.ts';
export {
  DEFAULT_CHAT_STORAGE_KEY,
  WebStorageChatPersistence,
  type ChatStorageLike,
  type WebStorageChatPersistenceOptions,
} from './web-storage-persistence.ts';
export type { WireMessage, WireRoom, WireUser } from '../../protocol/chat/messages.ts';
