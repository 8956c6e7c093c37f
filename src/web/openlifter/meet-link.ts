// Meet ids as people read them, and the links that carry a meet between browsers. Credentials
// travel in the URL fragment (`#meet=…&password=…`), which browsers never send to the server, so
// they stay out of request logs and Referer headers.

/** `123456789` → `123-456-789`; anything that is not nine digits is shown as it is. */
export function formatMeetId(meetId: string): string {
  return /^\d{9}$/.test(meetId)
    ? `${meetId.slice(0, 3)}-${meetId.slice(3, 6)}-${meetId.slice(6)}`
    : meetId;
}

export interface MeetLinkParams {
  readonly meet?: string;
  readonly password?: string;
  readonly location?: string;
}

/** The meet parameters of a fragment (`#meet=…&password=…&location=…`); absent ones omitted. */
export function readMeetFragment(hash: string): MeetLinkParams {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const pick = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? {} : { [name]: value };
  };
  return { ...pick('meet'), ...pick('password'), ...pick('location') };
}

/** A URL for `pagePath` on this origin with the parameters in its fragment. */
export function meetLink(pagePath: string, params: MeetLinkParams): string {
  const fragment = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') fragment.set(name, value);
  }
  const url = new URL(pagePath, location.href);
  url.hash = fragment.toString();
  return url.toString();
}
