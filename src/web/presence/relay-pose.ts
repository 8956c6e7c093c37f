// The page's own pose frame for relay mode. Relay frames are opaque to the server and carry no
// sender, so the frame names its client and display name; it is JSON text, checked on the way
// in (a peer can send anything) and bounded. Protobuf mode needs none of this: the SDK sends
// PositionUpdate and the server stamps who sent it.

const TYPE = 'hearth.pose';
/** A pose frame is small; anything longer is some other client's message. */
const MAX_FRAME_LENGTH = 512;

export interface RelayPose {
  readonly clientId: string;
  readonly displayName: string;
  readonly x: number;
  readonly z: number;
}

export function encodeRelayPose(pose: RelayPose): string {
  return JSON.stringify({
    type: TYPE,
    client_id: pose.clientId,
    display_name: pose.displayName,
    x: pose.x,
    z: pose.z,
  });
}

/** The pose in a peer's frame; undefined for any other frame. */
export function decodeRelayPose(data: string | ArrayBuffer): RelayPose | undefined {
  if (typeof data !== 'string' || data.length > MAX_FRAME_LENGTH) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Record<string, unknown>;
  const { client_id: clientId, display_name: displayName, x, z } = frame;
  if (
    frame.type !== TYPE ||
    typeof clientId !== 'string' ||
    clientId === '' ||
    typeof displayName !== 'string' ||
    typeof x !== 'number' ||
    typeof z !== 'number' ||
    !Number.isFinite(x) ||
    !Number.isFinite(z)
  ) {
    return undefined;
  }
  return { clientId, displayName, x, z };
}
