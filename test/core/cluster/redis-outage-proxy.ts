// A TCP proxy between a node and the shared Redis (or PostgreSQL), so a test can cut one node off
// it (and bring it back) without stopping the server other tests use. While cut, every connection
// through it is dropped and new ones are closed as soon as they arrive, as a network partition
// or a Redis restart would look to the node.

import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { TestContext } from 'node:test';

export class RedisOutageProxy {
  /** The service's URL with the proxy's address: `redis://127.0.0.1:PORT/DB`. */
  readonly url: string;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private open = true;

  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
  }

  static async start(
    t: TestContext,
    serviceUrl: string,
    defaultPort = 6379,
  ): Promise<RedisOutageProxy> {
    const target = new URL(serviceUrl);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const proxied = new URL(serviceUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    const proxy = new RedisOutageProxy(server, proxied.toString());
    server.on('connection', (client) => {
      proxy.forward(client, target.hostname, Number(target.port || defaultPort));
    });
    t.after(() => proxy.close());
    return proxy;
  }

  /** Drops every connection through the proxy and refuses new ones until `restore`. */
  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private forward(client: Socket, host: string, port: number): void {
    if (!this.open) {
      client.destroy();
      return;
    }
    const upstream = connect(port, host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
