// Everything the chat handlers share while the server runs, in one object passed to them.

import type { PasswordHasher } from '../../core/auth/password-hasher.ts';
import type { WebSocketSettings } from '../../core/config/schema.ts';
import type { SharedRateLimiter } from '../../core/limits/rate-limit-store.ts';
import type { AppCounters } from '../../core/observability/app-counters.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { Accounts } from './accounts.ts';
import type { ChatMetrics } from './chat-metrics.ts';
import type { ChatPresence } from './chat-presence.ts';
import type { ChatConfig } from './config.ts';
import type { LiveConnections } from './live-connections.ts';
import type { MessageFeed } from './message-feed.ts';
import type { MessageWriter } from './message-writer.ts';
import type { ChatStore } from './store.ts';
import type { TypingService } from './typing-service.ts';
import type { UserConnections } from './user-connections.ts';

/** Counted across the cluster when there is one (`AppContext.limits`). */
export interface ChatLimiters {
  /** Messages per user (WebSocket and HTTP together). */
  readonly messages: SharedRateLimiter;
  /** TypingStart per user. */
  readonly typing: SharedRateLimiter;
  /** WebSocket upgrades per client IP. */
  readonly connectAttempts: SharedRateLimiter;
}

export interface ChatRuntime {
  readonly config: ChatConfig;
  /** The mount prefix (cookie path, log hints). */
  readonly prefix: string;
  readonly store: ChatStore;
  readonly accounts: Accounts;
  readonly hasher: PasswordHasher;
  readonly metrics: ChatMetrics;
  readonly pubsub: PubSub;
  readonly presence: ChatPresence;
  readonly typing: TypingService;
  readonly live: LiveConnections;
  readonly writer: MessageWriter;
  readonly feed: MessageFeed;
  readonly limiters: ChatLimiters;
  /** Per-user connection slots across the cluster (the spec's connections-per-user limit). */
  readonly userConnections: UserConnections;
  readonly counters: AppCounters;
  readonly settings: WebSocketSettings;
  readonly logger: Logger;
  readonly now: () => number;
}
