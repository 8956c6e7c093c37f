// Which browser origins may call the HTTP API (CORS) and open WebSockets. A WebSocket upgrade
// is not protected by CORS, so without this check any web page could connect with the user's
// cookies (cross-site WebSocket hijacking). Requests without an Origin are not from browsers.

export class OriginPolicy {
  private readonly anyOrigin: boolean;
  private readonly allowed: ReadonlySet<string>;

  /** `allowed`: exact origins ("https://meet.example"), or "*" for any. Empty = same origin. */
  constructor(allowed: readonly string[]) {
    this.anyOrigin = allowed.includes('*');
    this.allowed = new Set(allowed.map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  }

  /** May a request with this Origin and Host header proceed? */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined || this.anyOrigin) return true;
    const normalized = origin.toLowerCase();
    if (this.allowed.has(normalized)) return true;
    return host !== undefined && sameHost(normalized, host.toLowerCase());
  }

  /** For CORS: may this (cross-)origin read responses? Same-origin requests need no headers. */
  allowsCrossOrigin(origin: string): boolean {
    return this.anyOrigin || this.allowed.has(origin.toLowerCase());
  }
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
