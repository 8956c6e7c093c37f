// The client's IP for limits and logs, and whether an address is loopback. X-Forwarded-For is
// honoured only when the operator says a proxy is in front (otherwise clients could pick their
// own IP and walk around every per-IP limit).

import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first !== undefined && isIP(first) !== 0) return normalizeAddress(first);
  }
  return normalizeAddress(request.socket.remoteAddress ?? 'unknown');
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so limits keyed by IP see one client once. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function isLoopbackAddress(address: string): boolean {
  const normalized = normalizeAddress(address);
  return normalized === '::1' || normalized.startsWith('127.') || normalized === 'localhost';
}
