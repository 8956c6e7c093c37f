// The built-in `echo` app: the smallest real app on the core. Without a room, every frame is
// echoed to its sender; with `?room=NAME`, every frame is published to the room (sender
// included), which makes it the core's publish path for smoke tests and benchmarks.

import { HearthError } from '../../protocol/errors.ts';
import type { AppContext, HearthApp, UpgradeRequest } from '../../core/app.ts';
import type { Connection } from '../../core/connection.ts';

export interface EchoState {
  readonly topic: string | undefined;
}

const ROOM_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function createEchoApp(prefix = '/echo'): HearthApp<EchoState> {
  let context: AppContext | undefined;
  const pubsub = () => {
    if (context === undefined) throw new Error('echo app used before start');
    return context.pubsub;
  };
  return {
    name: 'echo',
    prefix,
    start(appContext) {
      context = appContext;
    },
    admit(request: UpgradeRequest) {
      if (request.path !== '/ws') throw new HearthError('not_found', 'no such endpoint');
      const room = request.query.get('room');
      if (room !== null && !ROOM_PATTERN.test(room)) {
        throw new HearthError(
          'bad_request',
          'room must be 1-128 letters, digits, ".", "_", ":" or "-"',
        );
      }
      return { state: { topic: room === null ? undefined : `echo:${room}` } };
    },
    onOpen(connection: Connection<EchoState>) {
      if (connection.state.topic !== undefined)
        pubsub().subscribe(connection, connection.state.topic);
    },
    onMessage(connection: Connection<EchoState>, data: Buffer, isBinary: boolean) {
      const { topic } = connection.state;
      if (topic === undefined) connection.send(data, { binary: isBinary });
      else pubsub().publish(topic, data, { binary: isBinary, app: 'echo' });
    },
  };
}
