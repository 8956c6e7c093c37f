// How an app's persisted snapshot becomes text and back: the codec the shared stores take
// (web-storage-snapshot.ts, memory-snapshot.ts), and the JSON envelope every app's snapshot has,
// checked before the app checks its own fields.

export interface SnapshotCodec<T> {
  encode(snapshot: T): string;
  /** @throws when `text` is not a snapshot this version can resume from. */
  decode(text: string): T;
}

/**
 * Parses a snapshot's envelope: a JSON object whose `format` is this version's (a snapshot of an
 * unknown format is refused, never half-read). `label` starts the error messages.
 * @throws SyntaxError for text that is not JSON; TypeError for another value or format.
 */
export function parseSnapshotEnvelope(
  text: string,
  label: string,
  format: number,
): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new TypeError(`${label}: not an object`);
  if (value.format !== format) {
    throw new TypeError(`${label}: unknown format ${String(value.format)}`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
