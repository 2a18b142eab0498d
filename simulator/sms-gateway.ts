import { createServer, type Server } from 'node:http';

/**
 * A real HTTP SMS gateway on loopback (the subscribers' phones, for the simulator and the fault tests).
 * Like real gateways it delivers a message once per `Idempotency-Key`, however often it is sent. `failFirst` makes it crash after accepting (the first
 * request for each key is delivered, then answered 500); `delayMs` makes it slow to answer.
 */
export class LoopbackSmsGateway {
  readonly deliveries = new Map<string, { msisdn: string; body: string; at: number }>();
  readonly requests = new Map<string, number>();
  /** When each request arrived (ms since epoch), in order. */
  readonly arrivals: number[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: { failFirst: boolean; delayMs: number },
  ) {}

  static async start(options: { failFirst?: boolean; delayMs?: number } = {}): Promise<LoopbackSmsGateway> {
    const holder: { gateway?: LoopbackSmsGateway } = {};
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => holder.gateway!.handle(String(request.headers['idempotency-key']), body, response));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    holder.gateway = new LoopbackSmsGateway(server, `http://127.0.0.1:${address.port}/sms`, {
      failFirst: options.failFirst ?? true,
      delayMs: options.delayMs ?? 0,
    });
    return holder.gateway;
  }

  private handle(key: string, body: string, response: import('node:http').ServerResponse): void {
    const seen = this.requests.get(key) ?? 0;
    this.requests.set(key, seen + 1);
    this.arrivals.push(Date.now());
    if (!this.deliveries.has(key)) this.deliveries.set(key, { ...JSON.parse(body), at: Date.now() });
    setTimeout(() => {
      if (seen === 0 && this.options.failFirst) {
        response.writeHead(500).end('crashed after accepting');
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `gw-${key}`, duplicate: seen > 0 }));
    }, this.options.delayMs);
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server.close(done));
  }
}
