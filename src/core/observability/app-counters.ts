// Plain per-app counters bumped on the hot path (every frame in and out). prom-client labels
// cost a hash lookup per increment, which at fan-out rates costs more than the write itself;
// so the hot path adds to numbers here and the metrics registry reads them when scraped.

export class AppCounters {
  connectionsActive = 0;
  connectionsTotal = 0;
  framesIn = 0;
  framesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  slowConsumerDisconnects = 0;
  rateLimitHits = 0;
  volatileDropped = 0;
  volatileCoalesced = 0;
  heartbeatTimeouts = 0;
  oversizedFrames = 0;
  handlerErrors = 0;
}
