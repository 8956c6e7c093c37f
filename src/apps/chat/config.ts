// The chat app's config section (`apps.chat`): session lifetime, presence grace, typing expiry,
// recovery paging and every limit of the spec's table (defaults from the Campfire guide).

import { z } from 'zod';
import { appSection } from '../../core/config/schema.ts';

const positiveInt = z.number().int().positive();

export const chatConfigSchema = appSection('/chat', {
  /** Lifetime of a login session (token and cookie), in days. @default 30 */
  session_ttl_days: positiveInt.max(3650).default(30),
  /** How long a user stays online in a room after their last connection left. @default 3000 */
  presence_grace_ms: z.number().int().min(0).max(600_000).default(3000),
  /** Typing indicators end this long after the last TypingStart. @default 5000 */
  typing_expiry_ms: positiveInt.max(600_000).default(5000),
  /** Most missed messages sent per recovery page (before SyncComplete). @default 500 */
  recovery_page_size: positiveInt.max(10_000).default(500),
  /** Messages per room a first connection (no last_seen_message_id) receives. @default 50 */
  initial_messages_per_room: z.number().int().min(0).max(1000).default(50),
  limits: z
    .object({
      /** Open connections per user; one more gets Error then close 4429. @default 5 */
      connections_per_user: positiveInt.default(5),
      /** Open chat connections on this node; beyond → HTTP 503 at the upgrade. @default 10000 */
      max_connections: positiveInt.default(10_000),
      /** Rooms one connection is subscribed to; the rest get an Error. @default 100 */
      rooms_per_connection: positiveInt.default(100),
      /** Messages a user may send per minute (WebSocket and HTTP). @default 60 */
      messages_per_minute: positiveInt.default(60),
      /** TypingStart events per user per minute; more are dropped silently. @default 10 */
      typing_per_minute: positiveInt.default(10),
      /** WebSocket upgrades per client IP per minute; beyond → HTTP 429. @default 5 */
      connection_attempts_per_ip_per_minute: positiveInt.default(5),
      /** Login and setup attempts per client IP per minute. @default 10 */
      login_attempts_per_ip_per_minute: positiveInt.default(10),
      /** Login attempts per account (email) per minute, all IPs together. @default 5 */
      login_attempts_per_account_per_minute: positiveInt.default(5),
    })
    .strict()
    .prefault({}),
});

export type ChatConfig = z.infer<typeof chatConfigSchema>;
