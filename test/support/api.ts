import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/app';
import { Auth, SESSION_COOKIE, type AuthOptions } from '../../api/staff-access/auth';
import { JourneyService } from '../../api/journeys/journey-service';
import type { ControlGroupSettings } from '../../domain/control-group';
import type { TrustProxy } from '../../platform/config';
import type { ReadinessChecks } from '../../platform/health';
import { createLogger, type Logger } from '../../platform/logger';
import type { JourneySchedule } from '../../workflows/schedule';
import { journeyWorkflowId, type ActivationProfile } from '../../workflows/state';
import { JourneyHarness, type JourneyHandle } from './journey-harness';
import type { RealServer } from './servers';
import { testStaffPassword } from './postgres';

export const activationToken = 'test-activation-token-0123456789';
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
    /** The API's journey operations, for what the API process runs beside its routes (api/journeys/retention.ts). */
    readonly service: JourneyService,
  ) {}

  /** On the time-skipping server by default; a real `server` with a (compressed) `schedule` runs in real time. */
  static async start(
    options: {
      server?: RealServer;
      /** With the Temporal Web UI (behind the API's /temporal), on a real server. */
      ui?: boolean;
      schedule?: JourneySchedule;
      databaseUrl?: string;
      /** Auth options beyond the tests' activation token (PUBLIC_URL, session lifetime, throttle limits). */
      auth?: AuthOptions;
      trustProxy?: TrustProxy;
      /** More readiness checks beside the database's. */
      readinessChecks?: ReadinessChecks;
      /** The API's logger (by default JSON lines on stdout at TEST_LOG_LEVEL). */
      log?: Logger;
      /** The control-group experiment activations are assigned to (none by default). */
      controlGroup?: ControlGroupSettings;
    } = {},
  ): Promise<ApiHarness> {
    const { schedule, auth, trustProxy, readinessChecks, log: logger, controlGroup, ...harnessOptions } = options;
    const journeys = await JourneyHarness.start(harnessOptions);
    const log = logger ?? createLogger('api-test', process.env.TEST_LOG_LEVEL ?? 'warn');
    const service = new JourneyService({
      client: journeys.env.client,
      prisma: journeys.prisma,
      secrets: journeys.protection.secrets,
      sealed: journeys.protection.sealed,
      namespace: 'default',
      taskQueue: journeys.taskQueue,
      ...(schedule ? { schedule } : {}),
      ...(controlGroup ? { controlGroup } : {}),
    });
    const app = createApp({
      log,
      prisma: journeys.prisma,
      protection: journeys.protection,
      journeys: service,
      auth: new Auth(journeys.prisma, { activationToken, ...auth }),
      smsInboundToken: gatewayToken,
      temporalUiUrl: journeys.env.webUiUrl ?? journeys.env.cluster?.webUiUrl ?? 'http://127.0.0.1:8233',
      readinessChecks: { database: () => journeys.prisma.$queryRaw`SELECT 1`, ...readinessChecks },
      trustProxy,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return new ApiHarness(journeys, `http://127.0.0.1:${port}`, server, service);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    await this.journeys.stop();
  }

  /** Calls the API; `route` names the template (e.g. `/v1/tasks/:id/complete`) for the OpenAPI check. */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
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
   * Requests a staff page as a browser would, redirects not followed: `form` is posted URL-encoded
   * with `origin` as the Origin header (the pages' own origin unless given; `null` sends none).
   */
  async page(
    path: string,
    options: {
      session?: string;
      form?: Record<string, string>;
      origin?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; location: string | null; body: string; headers: Headers }> {
    const origin = options.origin === undefined ? this.baseUrl : options.origin;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: options.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(options.session ? { cookie: `${SESSION_COOKIE}=${options.session}` } : {}),
        ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(options.form && origin ? { origin } : {}),
        ...options.headers,
      },
      ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  /**
   * An activation as the BSS sends it: activated now by the wall clock, which the API checks
   * `activatedAt` against. The time-skipping server's clock runs years ahead once a test has awaited a
   * finished journey's result (the server skips to its next timer), so its time would be "in the future".
   */
  async activation(overrides: Partial<ActivationProfile> = {}): Promise<ActivationProfile> {
    return this.journeys.activation({ activatedAt: new Date().toISOString(), ...overrides });
  }

  /** Activates a subscriber through `POST /v1/subscribers` as the BSS does (201 or it throws); their journey. */
  async activate(overrides: object = {}): Promise<JourneyHandle> {
    const profile = { ...(await this.activation()), ...overrides };
    const { status, body } = await this.call('POST', '/v1/subscribers', { token: activationToken, body: profile });
    if (status !== 201) throw new Error(`activation answered ${status}: ${JSON.stringify(body)}`);
    return this.journeys.env.client.workflow.getHandle(journeyWorkflowId(profile.subscriberId));
  }

  /** Signs a staff member in (a demo staff member with the tests' password by default); the session token. */
  async signIn(username: string, password = testStaffPassword): Promise<string> {
    const { status, body } = await this.call('POST', '/v1/sessions', { body: { username, password } });
    if (status !== 200) throw new Error(`sign-in of ${username} answered ${status}: ${JSON.stringify(body)}`);
    return body.token as string;
  }
}

/**
 * Starts an API harness before the tests of the enclosing `describe` and stops it after them: the
 * one hook a test file needs. Call the returned function inside a test to get the harness.
 */
export function useApiHarness(options?: Parameters<typeof ApiHarness.start>[0]): () => ApiHarness {
  let api: ApiHarness | undefined;
  beforeAll(async () => {
    api = await ApiHarness.start(options);
  });
  afterAll(() => api?.stop());
  return () => {
    if (!api) throw new Error('the API harness is not started (use it inside a test)');
    return api;
  };
}
