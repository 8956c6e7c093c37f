// The notice shown when the server resolved a conflict against this location: another location
// of higher priority (or equal priority, earlier) had changed the same field without this one
// seeing it, so this location's value was replaced by theirs. Says which field, both values and
// who won, in words a scorer understands.

import type { ConflictEvent } from '../../client/openlifter/index.ts';
import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';
import { parseUpdateKey } from '../../protocol/openlifter/update-key.ts';
import { byId } from '../shared/dom.ts';
import { entriesOf, textAt } from './meet-state-view.ts';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  name: 'name',
  divisions: 'division',
  intendedWeightClassKg: 'weight class',
  flight: 'flight',
  lot: 'lot number',
  squatKg: 'squat attempt',
  squatStatus: 'squat result',
  benchKg: 'bench attempt',
  benchStatus: 'bench result',
  deadliftKg: 'deadlift attempt',
  deadliftStatus: 'deadlift result',
};

export function showConflict(event: ConflictEvent, state: JsonObject): void {
  const winner = event.winner;
  const who = winner?.locationName ?? 'another location';
  const now = winner === undefined ? '' : ` It is now ${shown(winner.updateValue)}.`;
  byId('conflict-text', HTMLParagraphElement).textContent =
    `Your change to ${describeKey(event.updateKey, state)} (${shown(event.localValue)}) ` +
    `was overruled by ${who}.${now}`;
  const notice = byId('conflict-notice', HTMLDivElement);
  notice.hidden = false;
}

export function setUpConflictNotice(): void {
  const notice = byId('conflict-notice', HTMLDivElement);
  byId('dismiss-conflict', HTMLButtonElement).addEventListener('click', () => {
    notice.hidden = true;
  });
}

/** `registration.entries[2].squatKg[0]` → `Ada's squat attempt 1`; other keys as they are. */
export function describeKey(updateKey: string, state: JsonObject): string {
  const parsed = parseUpdateKey(updateKey);
  if (!parsed.ok) return updateKey;
  const [slice, field, index, name, attempt] = parsed.path;
  if (slice === 'meet' && field === 'name') return 'the meet name';
  if (slice === 'meet' && field === 'date') return 'the meet date';
  if (slice === 'lifting' && field === 'flight') return 'the current flight';
  if (slice === 'lifting' && field === 'lift') return 'the current lift';
  if (slice === 'registration' && field === 'entries' && typeof index === 'number') {
    const number = `lifter ${index + 1}`;
    // The name the state holds now may be the very value that won: never describe by it then.
    const lifter =
      name === 'name' ? number : textAt(entriesOf(state)[index] ?? null, 'name') || number;
    if (typeof name !== 'string') return lifter;
    const what = FIELD_NAMES[name] ?? name;
    return typeof attempt === 'number'
      ? `${lifter}'s ${what} ${attempt + 1}`
      : `${lifter}'s ${what}`;
  }
  return updateKey;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `“${value}”`;
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
