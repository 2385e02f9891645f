import net from 'node:net';

const HOST = '127.0.0.1';

interface Pair {
  client: net.Socket;
  server: net.Socket;
}

/**
 * A TCP relay on loopback between clients and one server port. A test can
 * cut it like a pulled cable: every connection dies at once and new ones
 * are refused. It can also hold back the server's bytes, like a network
 * that stalls in one direction.
 */
export class NetworkLink {
  private readonly pairs = new Set<Pair>();
  private down = false;
  private holding = false;
  private readonly held = new Map<Pair, Buffer[]>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Starts a relay to targetPort on 127.0.0.1 and resolves once it listens on a free port. */
  static async open(targetPort: number): Promise<NetworkLink> {
    let link: NetworkLink | undefined;
    const server = net.createServer((client) => link!.accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
    link = new NetworkLink(server, (server.address() as net.AddressInfo).port);

    return link;
  }

  get baseUrl(): string {
    return `http://${HOST}:${this.port}`;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Resets every connection and refuses new ones until restore(). */
  cut(): void {
    this.down = true;
    for (const pair of this.pairs) this.drop(pair);
  }

  restore(): void {
    this.down = false;
    this.holding = false;
  }

  /** Keeps the server's bytes from reaching the clients, while the clients' bytes still go through. */
  holdServerBytes(): void {
    this.holding = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, targetPort: number): void {
    if (this.down) {
      client.resetAndDestroy();

      return;
    }
    const server = net.connect({ host: HOST, port: targetPort });
    const pair: Pair = { client, server };
    this.pairs.add(pair);
    client.on('data', (chunk) => server.write(chunk));
    server.on('data', (chunk) => {
      if (this.holding) this.held.set(pair, [...(this.held.get(pair) ?? []), chunk]);
      else client.write(chunk);
    });
    for (const socket of [client, server]) {
      socket.on('error', () => this.drop(pair));
      socket.on('close', () => this.drop(pair));
    }
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    this.held.delete(pair);
    pair.client.resetAndDestroy();
    pair.server.resetAndDestroy();
  }
}
