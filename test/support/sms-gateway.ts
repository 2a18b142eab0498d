import { createServer, type Server } from 'node:http';

/**
 * A real HTTP SMS gateway on loopback that behaves like one that crashes after accepting a message:
 * the first request for each idempotency key is delivered, then answered 500. A retry with the same
 * key is recognised and not delivered again.
 */
export class FlakySmsGateway {
  readonly deliveries = new Map<string, { msisdn: string; body: string }>();
  readonly requests = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FlakySmsGateway> {
    const holder: { gateway?: FlakySmsGateway } = {};
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => holder.gateway!.handle(String(request.headers['idempotency-key']), body, response));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    holder.gateway = new FlakySmsGateway(server, `http://127.0.0.1:${address.port}/sms`);
    return holder.gateway;
  }

  private handle(key: string, body: string, response: import('node:http').ServerResponse): void {
    const seen = this.requests.get(key) ?? 0;
    this.requests.set(key, seen + 1);
    if (!this.deliveries.has(key)) this.deliveries.set(key, JSON.parse(body));
    if (seen === 0) {
      response.writeHead(500).end('crashed after accepting');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ messageId: `gw-${key}`, duplicate: true }));
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server.close(done));
  }
}
