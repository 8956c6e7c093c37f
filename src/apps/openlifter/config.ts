// The OpenLifter app's config section (`apps.openlifter`): password rules for new meets,
// session lifetime, join-attempt limits and storage.

import { z } from 'zod';
import { appSection } from '../../core/config/schema.ts';

const positiveInt = z.number().int().positive();

export const openlifterConfigSchema = appSection('/openlifter', {
  /** Rules for the password of a new meet (the seed's `[password_requirements]`). */
  password_requirements: z
    .object({
      /** @default 10 */
      min_length: z.number().int().min(10, 'the spec requires at least 10').max(1024).default(10),
      /** @default false */
      require_uppercase: z.boolean().default(false),
      /** @default false */
      require_lowercase: z.boolean().default(false),
      /** @default false */
      require_digit: z.boolean().default(false),
      /** @default false */
      require_special: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
  /** How long a session token from CREATE_MEET / JOIN_MEET stays valid. @default 168 (7 days) */
  session_ttl_hours: positiveInt.max(24 * 365).default(168),
  /** CREATE_MEET and JOIN_MEET attempts per client IP per minute (each costs a scrypt hash). @default 10 */
  join_attempts_per_ip_per_minute: positiveInt.default(10),
  /** JOIN_MEET attempts per meet per minute, all IPs together. @default 30 */
  join_attempts_per_meet_per_minute: positiveInt.default(30),
  /** Share one fsync among concurrent update batches (group commit). @default true */
  group_commit: z.boolean().default(true),
  /** Milliseconds a recovering server waits for one client's RECOVERY_UPDATES. @default 10000 */
  recovery_timeout_ms: positiveInt.default(10_000),
});

export type OpenLifterConfig = z.infer<typeof openlifterConfigSchema>;
