import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { platformProbe } from '../workflows/probe';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { testProtection } from './support/keys';
import { createTestDatabase } from './support/postgres';
import { activationProfile, eventually } from './support/journey-harness';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from './support/processes';
import { startDevServer } from './support/servers';

// The whole platform as `npm start` runs it: a real dev server, PostgreSQL, and the worker and API
// as their own processes; a workflow started through the client runs an activity against the database.
describe('platform smoke test', () => {
  let temporal: TestWorkflowEnvironment;
  let prisma: PrismaClient;
  let worker: ProjectProcess;
  let api: ProjectProcess;
  let apiUrl: string;
  let workerHealthUrl: string;
  let workerMetricsUrl: string;
  let apiMetricsUrl: string;
  const activationToken = 'smoke-activation-token-0123456789';

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    prisma = createPrismaClient(databaseUrl);
    temporal = await startDevServer(testProtection(prisma).dataConverter);
    const [apiPort, workerHealthPort] = [await freePort(), await freePort()];
    const [workerMetricsPort, apiMetricsPort] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      TEMPORAL_TASK_QUEUE: 'smoke',
      API_PORT: String(apiPort),
      WORKER_HEALTH_PORT: String(workerHealthPort),
      WORKER_METRICS_PORT: String(workerMetricsPort),
      API_METRICS_PORT: String(apiMetricsPort),
      ACTIVATION_API_TOKEN: activationToken,
    };
    workerMetricsUrl = `http://127.0.0.1:${workerMetricsPort}/metrics`;
    apiMetricsUrl = `http://127.0.0.1:${apiMetricsPort}/metrics`;
    worker = startProjectProcess('workers/main.ts', env);
    api = startProjectProcess('api/main.ts', env);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    workerHealthUrl = `http://127.0.0.1:${workerHealthPort}`;
    await Promise.all([
      waitForOk(`${apiUrl}/readyz`, api, 120_000),
      waitForOk(`${workerHealthUrl}/readyz`, worker, 120_000),
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const process of [api, worker]) if (process?.child.exitCode === null) process.child.kill('SIGKILL');
    await temporal?.teardown();
    await prisma?.$disconnect();
  });

  it('runs a workflow through the worker to PostgreSQL and back', async () => {
    const result = await temporal.client.workflow.execute<typeof platformProbe>('platformProbe', {
      taskQueue: 'smoke',
      workflowId: 'smoke-probe',
      workflowExecutionTimeout: '30 seconds',
    });
    expect(result.databaseVersion).toMatch(/^\d+\.\d+/);
    const description = await temporal.client.workflow.getHandle('smoke-probe').describe();
    expect(description.status.name).toBe('COMPLETED');
  });

  it('reports liveness and readiness of both processes', async () => {
    for (const base of [apiUrl, workerHealthUrl]) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const readiness = await (await fetch(`${base}/readyz`)).json();
      expect(readiness).toEqual({ ready: true, checks: { database: { ok: true }, temporal: { ok: true } } });
    }
  });

  it("exports metrics: the SDK's on the worker; requests and business figures on the API, with no personal data", async () => {
    const subscriber = activationProfile({
      subscriberId: 'SMOKE-METRICS-4711',
      msisdn: '13912345678',
      activatedAt: new Date().toISOString(),
    });
    const headers = { authorization: `Bearer ${activationToken}`, 'content-type': 'application/json' };
    const started = await fetch(`${apiUrl}/v1/subscribers`, {
      method: 'POST',
      headers,
      body: JSON.stringify(subscriber),
    });
    expect(started.status).toBe(201);
    const welcome = { subscriberId: subscriber.subscriberId, template: 'welcome', status: 'sent' as const };
    await eventually(async () => expect(await prisma.smsMessage.count({ where: welcome })).toBe(1), 30_000);
    const coaching = { subscriberId: subscriber.subscriberId, type: 'onboarding_coaching' };
    await eventually(async () => expect(await prisma.task.count({ where: coaching })).toBe(1), 30_000);
    expect((await fetch(`${apiUrl}/v1/subscribers/${subscriber.subscriberId}`, { headers })).status).toBe(200);

    const scrape = async (url: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      return response.text();
    };
    const worker = await scrape(workerMetricsUrl);
    for (const series of [
      /^temporal_workflow_task_schedule_to_start_latency_bucket\{.*task_queue="smoke"/m,
      /^temporal_activity_execution_latency_count\{.*activity_type="sendSms"/m,
      /^temporal_sticky_cache_size\{/m,
      /^temporal_worker_task_slots_available\{/m,
    ]) {
      expect(worker).toMatch(series);
    }
    const api = await scrape(apiMetricsUrl);
    for (const series of [
      /^http_requests_total\{method="POST",route="\/v1\/subscribers",status="201"\} 1$/m,
      /^http_request_duration_seconds_bucket\{.*route="\/v1\/subscribers\/:id",status="200"/m,
      /^journey_business_metrics_up 1$/m,
      /^journey_tasks_open\{role="store",store="JN001"\} \d+$/m,
      /^journey_tasks_overdue\{role="store",store="JN001"\} \d+$/m,
      /^journey_journeys_open\{moment="[a-z_]+"\} \d+$/m,
      /^journey_journeys_started_last_hour [1-9]\d*$/m,
      /^journey_sms_last_hour\{status="sent"\} [1-9]\d*$/m,
      /^journey_sms_unsent_over_5m 0$/m,
      /^nodejs_heap_size_used_bytes /m,
    ]) {
      expect(api).toMatch(series);
    }
    for (const text of [worker, api]) {
      for (const personal of [subscriber.subscriberId, subscriber.msisdn, subscriber.name]) {
        expect(text).not.toContain(personal);
      }
    }
    // The public API does not serve them.
    expect((await fetch(`${apiUrl}/metrics`)).status).toBe(404);
  }, 60_000);

  it('answers unknown routes with the JSON error shape', async () => {
    const response = await fetch(`${apiUrl}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /no/such/route' } });
  });

  it('stops both processes cleanly on SIGTERM', async () => {
    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await api.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
