// HTTP helpers for tests: a bounded fetch that hands back status, headers and the parsed JSON
// body, and reading one sample out of a Prometheus text exposition.

/** What a test usually wants from an HTTP answer. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; `{}` when the body is empty or not JSON. */
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** `fetch` with a 5 s deadline, answering with the body already read and parsed. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000), ...init });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') === true;
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {},
    text,
  };
}

/** A POST with a JSON body. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return fetchJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** GET /metrics at `baseUrl`, failing unless it answers 200 with the Prometheus text format. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetchJson(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  if (response.headers.get('content-type')?.startsWith('text/plain') !== true) {
    throw new Error(`/metrics content-type is ${String(response.headers.get('content-type'))}`);
  }
  return response.text;
}

/**
 * The value of the sample `name` whose label set is exactly `labels`, or undefined when the
 * exposition has no such sample. `metricSample(text, 'hearth_connections_total', {app: 'echo'})`.
 */
export function metricSample(
  exposition: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const wanted = Object.entries(labels);
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (match?.[1] !== name) continue;
    const found = new Map<string, string>();
    for (const [, key = '', value = ''] of (match[2] ?? '').matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
    )) {
      found.set(key, value);
    }
    if (found.size !== wanted.length) continue;
    if (wanted.every(([key, value]) => found.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}
