// The path and query of an upgrade's request target, exactly as WHATWG URL parsing gives them,
// without building a URL for the usual shape ("/chat/ws?token=…"): `new URL` cost about 5 µs of
// the core's handshake, a visible part of the connect-rate target (docs/benchmarks.md).

/** Resolves relative request targets ("/path?query"), as in `new URL(target, BASE)`. */
const BASE = 'http://hearth.invalid';

/**
 * Targets that URL parsing returns unchanged: origin-form (one leading "/", not "//"), and only
 * characters it neither percent-encodes nor interprets (no "\", "#", space, quote or non-ASCII;
 * no "%" or "'" in the path, no "'" in the query). Dot segments ("/." …) are checked apart.
 */
const PLAIN_TARGET =
  /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;

export interface RequestTarget {
  /** The URL's pathname ("/" at least). */
  readonly path: string;
  /** The URL's search: "" or "?…" (URLSearchParams drops one leading "?", and only one). */
  readonly search: string;
}

/** Path and query of a request target; undefined when it is not a valid URL reference. */
export function parseRequestTarget(target: string): RequestTarget | undefined {
  if (PLAIN_TARGET.test(target)) {
    const mark = target.indexOf('?');
    const path = mark === -1 ? target : target.slice(0, mark);
    if (!path.includes('/.')) {
      return { path, search: mark === -1 || mark === target.length - 1 ? '' : target.slice(mark) };
    }
  }
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return undefined;
  }
  return { path: url.pathname, search: url.search };
}
