// OpenLifter test fixtures: a Hearth server with the openlifter app (cheap scrypt cost so tests
// stay fast), and a raw protocol client that speaks the JSON messages of the spec.

import { openlifterConfigSchema } from '../../../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../../../src/apps/openlifter/openlifter-app.ts';
import { PasswordHasher } from '../../../../src/core/auth/password-hasher.ts';
import type { RawConfig } from '../../../../src/core/config/sources.ts';
import type { RelayedUpdate, ServerMessage } from '../../../../src/protocol/openlifter/messages.ts';
import { startTestServer, type TestServer } from '../../../support/test-server.ts';
import { TestClient } from '../../../support/ws-client.ts';

export const PASSWORD = 'correct horse battery';

export const ENDPOINTS = [
  { locationName: 'desk', priority: 30 },
  { locationName: 'platform', priority: 20 },
  { locationName: 'weighin', priority: 10 },
];

export async function startMeetServer(
  options: { openlifter?: RawConfig; config?: RawConfig; dataDir?: string } = {},
): Promise<TestServer> {
  const openlifter = openlifterConfigSchema.parse(options.openlifter ?? {});
  return startTestServer({
    apps: () => [
      createOpenLifterApp(openlifter, {
        hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }),
      }),
    ],
    config: {
      ...(options.config ?? {}),
      ...(options.dataDir === undefined ? {} : { storage: { data_dir: options.dataDir } }),
    },
  });
}

type Message = ServerMessage & Record<string, unknown>;

/** One browser tab speaking the protocol by hand. */
export class MeetClient implements AsyncDisposable {
  readonly socket: TestClient;
  meetId = '';
  sessionToken = '';
  private localSeq = 0;
  private readonly taken = new Set<number>();

  private constructor(socket: TestClient) {
    this.socket = socket;
  }

  static async connect(server: TestServer): Promise<MeetClient> {
    return new MeetClient(await TestClient.connect(server.wsUrl('/openlifter/ws')));
  }

  send(message: Record<string, unknown>): void {
    this.socket.sendJson(message);
  }

  /**
   * The earliest message of one of the given types not taken yet. Messages of other types stay
   * available, so the order in which a test asks does not have to match arrival order.
   */
  async next<T extends object = Message>(...types: string[]): Promise<T> {
    const deadline = Date.now() + 5000;
    for (;;) {
      for (const [index, frame] of this.socket.frames.entries()) {
        if (this.taken.has(index) || frame.isBinary) continue;
        const message = JSON.parse(frame.text) as T & { msgType: string };
        if (types.includes(message.msgType)) {
          this.taken.add(index);
          return message;
        }
      }
      if (Date.now() > deadline) throw new Error(`no ${types.join('/')} within 5000 ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async create(thisLocationName = 'desk', endpoints = ENDPOINTS): Promise<string> {
    this.send({ msgType: 'CREATE_MEET', thisLocationName, password: PASSWORD, endpoints });
    const created = await this.next<Message & { meetId: string; sessionToken: string }>(
      'MEET_CREATED',
    );
    this.meetId = created.meetId;
    this.sessionToken = created.sessionToken;
    return created.meetId;
  }

  async join(meetId: string, locationName?: string): Promise<number> {
    this.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD, locationName });
    const joined = await this.next<Message & { sessionToken: string; lastServerSeq: number }>(
      'MEET_JOINED',
    );
    this.meetId = meetId;
    this.sessionToken = joined.sessionToken;
    return joined.lastServerSeq;
  }

  /** Send one UPDATE_INIT; returns the local sequence numbers used. */
  update(
    updates: { key: string; value: unknown; after: number; localSeqNum?: number }[],
  ): number[] {
    const batch = updates.map((update) => ({
      updateKey: update.key,
      updateValue: update.value,
      localSeqNum: update.localSeqNum ?? ++this.localSeq,
      afterServerSeqNum: update.after,
    }));
    this.send({ msgType: 'UPDATE_INIT', sessionToken: this.sessionToken, updates: batch });
    return batch.map((update) => update.localSeqNum);
  }

  async pull(
    lastServerSeq: number,
  ): Promise<{ lastServerSeq: number; updatesRelayed: RelayedUpdate[] }> {
    this.send({ msgType: 'CLIENT_PULL', sessionToken: this.sessionToken, lastServerSeq });
    return this.next<{ lastServerSeq: number; updatesRelayed: RelayedUpdate[] }>('SERVER_PULL');
  }

  async close(): Promise<void> {
    await this.socket.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
