// New meet ids: 9 random digits, never starting with 0, not used by any current or finished
// meet. Randomness and the "taken" test are injected so this stays pure and testable.

/** Smallest and one past the largest id: 100000000 … 999999999 (900 million ids). */
const LOWEST = 100_000_000;
const SPAN = 900_000_000;

/** Tries before giving up: with a billion ids, needing more means the random source is broken. */
export const MAX_MEET_ID_ATTEMPTS = 32;

/**
 * A free 9-digit meet id. The first digit is never 0: JOIN_MEET accepts the id as a JSON number
 * too, and a number drops its leading zeros (as spreadsheets do), which would turn a valid id
 * into an 8-digit one.
 *
 * @param randomInt uniform integer in [0, max), e.g. `crypto.randomInt`.
 * @param taken whether an id already belongs to a current or finished meet.
 * @throws Error after `maxAttempts` ids that were all taken, or if `randomInt` misbehaves.
 */
export function generateMeetId(
  randomInt: (max: number) => number,
  taken: (id: string) => boolean,
  maxAttempts: number = MAX_MEET_ID_ATTEMPTS,
): string {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const offset = randomInt(SPAN);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= SPAN) {
      throw new Error(`randomInt(${SPAN}) returned ${offset}, outside [0, ${SPAN})`);
    }
    const id = String(LOWEST + offset);
    if (!taken(id)) return id;
  }
  throw new Error(`no free meet id after ${maxAttempts} attempts`);
}
