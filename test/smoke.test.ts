import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { platformProbe } from '../workflows/probe';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { testProtection } from './support/keys';
import { createTestDatabase } from './support/postgres';
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

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    prisma = createPrismaClient(databaseUrl);
    temporal = await startDevServer(testProtection(prisma).dataConverter);
    const [apiPort, workerHealthPort] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      TEMPORAL_TASK_QUEUE: 'smoke',
      API_PORT: String(apiPort),
      WORKER_HEALTH_PORT: String(workerHealthPort),
    };
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
