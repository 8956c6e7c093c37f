// The fan-out room shared by both fan-out scenarios: N subscribers and one publisher, all
// members of one room. Every server delivers each message to all N + 1 members (Hearth's echo
// app includes the sender, so the references do too), and all N + 1 deliveries are counted.

import type { FanoutRequest } from '../load/commands.ts';
import type { ScenarioContext } from './scenario.ts';

export const ROOM = 'fanout';
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Opens the room; returns the number of receivers per message. */
export async function openFanoutRoom(context: ScenarioContext): Promise<number> {
  const { server, generator, sizes, sourceAddresses } = context;
  const common = {
    url: server.url(ROOM),
    protocol: server.target.protocol,
    inFlight: 100,
    sourceAddresses,
    timeoutMs: HANDSHAKE_TIMEOUT_MS,
  };
  const subscribers = await generator.connect({
    ...common,
    group: 'subscribers',
    count: sizes.subscribers,
  });
  const publisher = await generator.connect({ ...common, group: 'publisher', count: 1 });
  if (subscribers.opened !== sizes.subscribers || publisher.opened !== 1) {
    throw new Error(`fan-out room incomplete: ${subscribers.firstErrors.join('; ')}`);
  }
  // Let the last joins settle everywhere (Socket.IO joins after its own handshake).
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscribers.opened + publisher.opened;
}

export const ROOM_GROUPS: Pick<FanoutRequest, 'publisherGroup' | 'receiverGroups'> = {
  publisherGroup: 'publisher',
  receiverGroups: ['publisher', 'subscribers'],
};
