import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/app';
import { Auth } from '../../api/auth';
import { JourneyService } from '../../api/journeys';
import { createLogger } from '../../platform/logger';
import type { JourneySchedule } from '../../workflows/schedule';
import type { ActivationProfile } from '../../workflows/state';
import { JourneyHarness } from './journey-harness';

export const activationToken = 'test-activation-token-0123456789';
import { testStaffPassword } from './postgres';
export const gatewayToken = 'test-gateway-token-0123456789';

/** One answer of the API, with the route template it came from (for the OpenAPI check). */
export interface Exchange {
  method: string;
  route: string;
  status: number;
}

/**
 * The API in this process on a real port, over a journey harness (time-skipping Temporal, a fresh
 * PostgreSQL database, a worker running the real workflow). `call` records every answer.
 */
export class ApiHarness {
  readonly exchanges: Exchange[] = [];

  private constructor(
    readonly journeys: JourneyHarness,
    readonly baseUrl: string,
    private readonly server: Server,
  ) {}

  /** On the time-skipping server by default; `server: 'dev'` with a (compressed) `schedule` runs in real time. */
  static async start(
    options: { server?: 'dev'; schedule?: JourneySchedule; databaseUrl?: string } = {},
  ): Promise<ApiHarness> {
    const { schedule, ...harnessOptions } = options;
    const journeys = await JourneyHarness.start(harnessOptions);
    const log = createLogger('api-test', process.env.TEST_LOG_LEVEL ?? 'warn');
    const service = new JourneyService({
      client: journeys.env.client,
      prisma: journeys.prisma,
      secrets: journeys.secrets,
      namespace: 'default',
      taskQueue: journeys.taskQueue,
      temporalUiUrl: 'http://127.0.0.1:8233',
      ...(schedule ? { schedule } : {}),
    });
    const app = createApp({
      log,
      prisma: journeys.prisma,
      journeys: service,
      auth: new Auth(journeys.prisma, 'test-session-secret-0123456789abcdef', activationToken),
      smsGatewayToken: gatewayToken,
      temporalUiUrl: 'http://127.0.0.1:8233',
      readinessChecks: { database: () => journeys.prisma.$queryRaw`SELECT 1` },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return new ApiHarness(journeys, `http://127.0.0.1:${port}`, server);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    await this.journeys.stop();
  }

  /** Calls the API; `route` names the template (e.g. `/v1/tasks/:id/complete`) for the OpenAPI check. */
  async call(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; route?: string; headers?: Record<string, string> } = {},
    // Tests read whatever JSON the API answered, then assert on its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const body = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    this.exchanges.push({
      method: method.toLowerCase(),
      route: options.route ?? path.split('?')[0]!,
      status: response.status,
    });
    return { status: response.status, body, headers: response.headers };
  }

  /**
   * An activation as the BSS sends it: activated now by the wall clock, which the API checks
   * `activatedAt` against. The time-skipping server's clock runs years ahead once a test has awaited a
   * finished journey's result (the server skips to its next timer), so its time would be "in the future".
   */
  async activation(overrides: Partial<ActivationProfile> = {}): Promise<ActivationProfile> {
    return this.journeys.activation({ activatedAt: new Date().toISOString(), ...overrides });
  }

  /** Signs a staff member in (a demo staff member with the tests' password by default); the session token. */
  async signIn(username: string, password = testStaffPassword): Promise<string> {
    const { status, body } = await this.call('POST', '/v1/sessions', { body: { username, password } });
    if (status !== 200) throw new Error(`sign-in of ${username} answered ${status}: ${JSON.stringify(body)}`);
    return body.token as string;
  }
}
