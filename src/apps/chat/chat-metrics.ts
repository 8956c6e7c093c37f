// Prometheus metrics of the chat app, registered on the server's registry. Counters that move
// per message are plain numbers read at scrape time (the core's hot-path rule); label sets
// are small and fixed.

import { Counter, Histogram, type Registry } from 'prom-client';

/** The spec's limits, as the `limit` label of hearth_chat_limit_hits_total. */
export type ChatLimit =
  | 'connections_per_user'
  | 'max_connections'
  | 'rooms_per_connection'
  | 'messages_per_minute'
  | 'typing_per_minute'
  | 'connection_attempts_per_ip'
  | 'login_attempts';

export class ChatMetrics {
  messagesStored = 0;
  messagesDelivered = 0;
  typingDropped = 0;
  readonly limitHits: Counter<'limit'>;
  readonly recoveryMessages: Histogram;
  readonly authFailures: Counter<'kind'>;

  constructor(registry: Registry) {
    const registers = [registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- read by collect() callbacks
    const self = this;
    new Counter({
      name: 'hearth_chat_messages_stored_total',
      help: 'Chat messages committed to the store',
      registers,
      collect() {
        this.reset();
        this.inc(self.messagesStored);
      },
    });
    new Counter({
      name: 'hearth_chat_messages_delivered_total',
      help: 'NewMessage frames written to connections on this node by live fan-out',
      registers,
      collect() {
        this.reset();
        this.inc(self.messagesDelivered);
      },
    });
    new Counter({
      name: 'hearth_chat_typing_dropped_total',
      help: 'TypingStart events dropped by the per-user typing limit',
      registers,
      collect() {
        this.reset();
        this.inc(self.typingDropped);
      },
    });
    this.limitHits = new Counter({
      name: 'hearth_chat_limit_hits_total',
      help: 'Requests refused or dropped by a chat limit, by limit',
      labelNames: ['limit'],
      registers,
    });
    this.recoveryMessages = new Histogram({
      name: 'hearth_chat_recovery_messages',
      help: 'Missed messages sent in one recovery page (on connect or Sync)',
      buckets: [0, 1, 5, 10, 50, 100, 500, 1000, 5000],
      registers,
    });
    this.authFailures = new Counter({
      name: 'hearth_chat_auth_failures_total',
      help: 'Refused logins and session tokens, by kind',
      labelNames: ['kind'],
      registers,
    });
  }

  limitHit(limit: ChatLimit): void {
    this.limitHits.inc({ limit });
  }
}
