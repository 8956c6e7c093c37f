// Reading a server's own counters from its Prometheus endpoint (GET /metrics): the text
// exposition, and the value of one unlabelled sample in it.

import { SERVER_HOST } from './net.ts';

const SCRAPE_TIMEOUT_MS = 5_000;

export async function scrapeMetrics(port: number): Promise<string> {
  const response = await fetch(`http://${SERVER_HOST}:${port}/metrics`, {
    signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`/metrics on port ${port} answered ${response.status}`);
  return response.text();
}

/** The value of the unlabelled sample `name` (e.g. `hearth_bus_lag_seconds_sum`), or undefined. */
export function sampleValue(exposition: string, name: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name} `)) continue;
    const value = Number(
      line
        .slice(name.length + 1)
        .trim()
        .split(' ')[0],
    );
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
