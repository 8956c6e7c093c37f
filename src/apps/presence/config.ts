// The presence app's config section (`apps.presence`): JWT keys and the anonymous policy,
// connection attempts per IP, reliable delivery (retry interval, retries, pending cap) and the
// reconnect grace period. Frame size and rate are its `websocket` overrides.

import { z } from 'zod';
import { appSection } from '../../core/config/schema.ts';

const positiveInt = z.number().int().positive();

export const presenceConfigSchema = appSection('/presence', {
  auth: z
    .object({
      /**
       * Connections without a token: "auto" allows them only when no key is configured and the
       * server listens on loopback only; "allow" always (development); "deny" never.
       * @default "auto"
       */
      anonymous: z.enum(['auto', 'allow', 'deny']).default('auto'),
      /** Accepted JWT algorithms (never "none"); each needs a configured key. @default ["HS256"] */
      algorithms: z.array(z.string().min(1)).min(1).default(['HS256']),
      /** Shared secret for HS256/384/512 (the GraphWiz auth service's tokens). */
      hs_secret: z.string().min(1).optional(),
      /** Files holding SPKI PEM public keys for RS*, PS*, ES* and EdDSA. @default [] */
      public_key_files: z.array(z.string().min(1)).default([]),
      /** A JWKS file of public keys. */
      jwks_file: z.string().min(1).optional(),
      /** Required `iss` claim, when set. */
      issuer: z.string().min(1).optional(),
      /** Required `aud` claim (one of the token's audiences), when set. */
      audience: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  /** WebSocket upgrades per client IP per minute; beyond → HTTP 429. @default 60 */
  connection_attempts_per_ip_per_minute: positiveInt.default(60),
  reliable: z
    .object({
      /** Time before an unacknowledged reliable message is sent again. @default 5000 */
      retry_interval_ms: positiveInt.min(10).default(5000),
      /** Resends of an unacknowledged message before it is given up. @default 3 */
      max_retries: z.number().int().min(0).max(100).default(3),
      /** Unacknowledged messages kept per client; the oldest is given up beyond. @default 1000 */
      max_pending: positiveInt.max(100_000).default(1000),
    })
    .strict()
    .prefault({}),
  /** How long a protobuf client's pending messages and entities wait for it to reconnect. @default 30000 */
  reconnect_grace_ms: z.number().int().min(0).default(30_000),
});

export type PresenceConfig = z.infer<typeof presenceConfigSchema>;
