// Which local connections are subscribed to which topic on this node. Pure bookkeeping: the
// connection remembers its own topics so that closing it unsubscribes everything in one pass.

import type { Connection } from './connection.ts';

export class TopicRegistry {
  private readonly topics = new Map<string, Set<Connection>>();

  /** Returns true when this is the topic's first local subscriber. */
  add(topic: string, connection: Connection): boolean {
    let subscribers = this.topics.get(topic);
    const first = subscribers === undefined;
    if (subscribers === undefined) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    subscribers.add(connection);
    (connection.topics ??= new Set()).add(topic);
    return first;
  }

  /** Returns true when the topic has no local subscriber left. */
  remove(topic: string, connection: Connection): boolean {
    const subscribers = this.topics.get(topic);
    connection.topics?.delete(topic);
    if (subscribers === undefined) return false;
    subscribers.delete(connection);
    if (subscribers.size > 0) return false;
    this.topics.delete(topic);
    return true;
  }

  /** Removes the connection everywhere; returns the topics that became empty. */
  removeAll(connection: Connection): string[] {
    const emptied: string[] = [];
    const topics = connection.topics;
    if (topics === undefined) return emptied;
    connection.topics = undefined;
    for (const topic of topics) {
      const subscribers = this.topics.get(topic);
      if (subscribers === undefined) continue;
      subscribers.delete(connection);
      if (subscribers.size === 0) {
        this.topics.delete(topic);
        emptied.push(topic);
      }
    }
    return emptied;
  }

  subscribers(topic: string): ReadonlySet<Connection> | undefined {
    return this.topics.get(topic);
  }

  count(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  get topicCount(): number {
    return this.topics.size;
  }
}
