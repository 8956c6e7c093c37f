// Cross-node publish/subscribe: what one Hearth node publishes on a topic reaches the
// subscribers connected to every other node. Message-based and asynchronous, so that the
// in-process bus and a Redis bus are interchangeable behind this interface.

export interface BusMessage {
  readonly topic: string;
  /** Payload exactly as published: text frames as string, binary frames as bytes. */
  readonly data: string | Uint8Array;
  /** Frame opcode to use; defaults by payload type (bytes → binary). */
  readonly binary?: boolean | undefined;
  readonly volatile?: boolean | undefined;
  readonly key?: string | undefined;
  /** Node that published it: a node never re-delivers its own messages. */
  readonly origin: string;
}

export type BusHandler = (message: BusMessage) => void;

export interface Bus {
  readonly nodeId: string;
  /**
   * False while no other node can receive a publish (an in-process bus alone on its hub): the
   * publisher then skips building the message. @default true
   */
  readonly reachesOthers?: boolean;
  /** Deliver to the other nodes subscribed to the topic. */
  publish(message: BusMessage): Promise<void>;
  /** Start receiving the topic's messages from other nodes. Idempotent per topic. */
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  /** The one handler for everything this node receives. */
  onMessage(handler: BusHandler): void;
  /** Readiness: undefined when healthy, else what is wrong. */
  health(): string | undefined;
  close(): Promise<void>;
}
