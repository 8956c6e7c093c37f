// The client's IP for limits and logs, and whether an address is loopback. X-Forwarded-For is
// honoured only when the operator says a proxy is in front (otherwise clients could pick their
// own IP and walk around every per-IP limit).

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // One trusted proxy appends the address it saw as the LAST entry; everything before it was
    // written by the client and proves nothing.
    const forwarded = request.headers['x-forwarded-for'];
    const text = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
    const last = text?.split(',').at(-1)?.trim();
    if (last !== undefined && isIP(last) !== 0) return normalizeAddress(last);
  }
  return normalizeAddress(request.socket.remoteAddress ?? 'unknown');
}

/**
 * Whether a request really comes from this machine: a loopback peer, no proxy in between (a
 * reverse proxy on the same host makes every internet client a loopback peer), and a loopback
 * Host (a DNS-rebound page at evil.example reaches 127.0.0.1 with its own Host name).
 */
export function isLocalRequest(
  headers: IncomingHttpHeaders,
  remoteAddress: string,
  trustProxy: boolean,
): boolean {
  if (trustProxy || !isLoopbackAddress(remoteAddress)) return false;
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false;
  if (headers['x-real-ip'] !== undefined) return false;
  return isLoopbackHost(headers.host);
}

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || isLoopbackAddress(name);
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so limits keyed by IP see one client once. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function isLoopbackAddress(address: string): boolean {
  const normalized = normalizeAddress(address);
  return normalized === '::1' || normalized.startsWith('127.') || normalized === 'localhost';
}
