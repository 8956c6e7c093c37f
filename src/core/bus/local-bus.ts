// The in-process bus: nodes created with the same LocalBusHub exchange messages as if over
// Redis (asynchronously, never to themselves), which lets multi-node logic be tested in one
// process. A node alone on its hub has nobody to deliver to, so publishing costs nothing.

import type { Bus, BusHandler, BusMessage } from './bus.ts';

export class LocalBusHub {
  readonly nodes = new Set<LocalBus>();

  deliver(message: BusMessage): void {
    for (const node of this.nodes) {
      if (node.nodeId !== message.origin) node.receive(message);
    }
  }
}

export class LocalBus implements Bus {
  readonly nodeId: string;
  private readonly hub: LocalBusHub;
  private readonly topics = new Set<string>();
  private handler: BusHandler | undefined;

  constructor(nodeId: string, hub: LocalBusHub = new LocalBusHub()) {
    this.nodeId = nodeId;
    this.hub = hub;
    hub.nodes.add(this);
  }

  get reachesOthers(): boolean {
    return this.hub.nodes.size > 1;
  }

  publish(message: BusMessage): Promise<void> {
    if (this.reachesOthers) {
      queueMicrotask(() => {
        this.hub.deliver(message);
      });
    }
    return Promise.resolve();
  }

  subscribe(topic: string): Promise<void> {
    this.topics.add(topic);
    return Promise.resolve();
  }

  unsubscribe(topic: string): Promise<void> {
    this.topics.delete(topic);
    return Promise.resolve();
  }

  onMessage(handler: BusHandler): void {
    this.handler = handler;
  }

  /** @internal Called by the hub. */
  receive(message: BusMessage): void {
    if (this.topics.has(message.topic)) this.handler?.(message);
  }

  health(): string | undefined {
    return undefined;
  }

  close(): Promise<void> {
    this.hub.nodes.delete(this);
    this.topics.clear();
    return Promise.resolve();
  }
}
