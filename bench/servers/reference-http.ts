// The plain HTTP server every reference server is built on: port from BENCH_PORT, loopback
// only, and a clean exit on SIGTERM/SIGINT (so `--cpu-prof` can write a profile for it too).

import { createServer, type Server } from 'node:http';

export function startReferenceHttp(name: string): Server {
  const port = Number(process.env.BENCH_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${name}: BENCH_PORT is not set`);
  const server = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  server.listen(port, '127.0.0.1');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      process.exit(0);
    });
  }
  return server;
}
