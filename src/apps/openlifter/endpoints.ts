// Validation of CREATE_MEET's endpoint list: the locations of a meet and their priorities.
// Names are what people type when they join, so they must be unambiguous to a person, not
// only to `===`: invisible characters and case-only differences are refused.

import type { Endpoint } from './store.ts';

/** Longest location name, in code points (spec: 1–64 characters). */
export const MAX_LOCATION_NAME_LENGTH = 64;
/** Most locations in one meet (the wire schema's cap, repeated so this module stands alone). */
export const MAX_ENDPOINTS = 64;

// Control characters, format characters (zero-width joiners, bidi overrides: two names that
// look the same) and lone surrogates (not text at all).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/**
 * Why a location name is not acceptable, or undefined. Leading/trailing spaces are refused,
 * not trimmed: JOIN_MEET compares names exactly, and nobody can see a trailing space.
 */
export function checkLocationName(name: string): string | undefined {
  const length = codePoints(name);
  if (length === 0) return 'location names must not be empty';
  if (length > MAX_LOCATION_NAME_LENGTH) {
    return `location names must be at most ${MAX_LOCATION_NAME_LENGTH} characters`;
  }
  if (name.trim() !== name) return 'location names must not start or end with spaces';
  if (INVISIBLE.test(name)) return 'location names must not contain control characters';
  return undefined;
}

/**
 * Why CREATE_MEET's `endpoints` (with its `thisLocationName`) cannot make a meet, or undefined.
 * Names differing only in case (or Unicode normalization) count as duplicates: "Platform A" and
 * "platform A" would be told apart by the server but not by the people typing them, and a
 * laptop joining the wrong one gets the wrong priority in every conflict.
 */
export function validateEndpoints(
  thisLocationName: string,
  endpoints: readonly Endpoint[],
): string | undefined {
  if (endpoints.length === 0) return 'a meet needs at least one location';
  if (endpoints.length > MAX_ENDPOINTS) {
    return `a meet can have at most ${MAX_ENDPOINTS} locations`;
  }
  const seen = new Map<string, string>();
  for (const { locationName, priority } of endpoints) {
    const problem = checkLocationName(locationName);
    if (problem !== undefined) return `${problem}: "${shown(locationName)}"`;
    if (!Number.isSafeInteger(priority)) {
      return `priority of "${locationName}" must be an integer`;
    }
    const folded = foldName(locationName);
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      return earlier.normalize('NFC') === locationName.normalize('NFC')
        ? `location "${locationName}" is listed twice`
        : `locations "${earlier}" and "${locationName}" differ only in case`;
    }
    seen.set(folded, locationName);
  }
  if (!endpoints.some((endpoint) => endpoint.locationName === thisLocationName)) {
    return 'thisLocationName must be one of the endpoints';
  }
  return undefined;
}

/** The form two names share when a person would take them for the same. */
function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A refused name as it may be echoed back: invisible characters made visible, length capped. */
function shown(name: string): string {
  let text = '';
  let count = 0;
  // Code points, not grapheme clusters: this only has to stay short and readable.
  for (const char of name) {
    if (++count > MAX_LOCATION_NAME_LENGTH) break;
    text += INVISIBLE.test(char) ? '?' : char;
  }
  return text;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
