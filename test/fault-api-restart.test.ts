import type { ActivationProfile } from '../workflows/state';
import { activationToken } from './support/api';
import { eventually, JourneyHarness } from './support/journey-harness';
import { createTestDatabase } from './support/postgres';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from './support/processes';

interface Answer {
  status: number;
  journeyId?: string;
  /** Requests the client sent before it got an answer it keeps (network errors and 5xx are retried). */
  attempts: number;
}

// Fault: the API process restarts twice during a burst of activations, once gracefully (SIGTERM, a
// deployment) and once by a crash (SIGKILL, answers lost mid-flight). The activation system retries
// what got no answer, as it must; every subscriber ends up with exactly one journey. A real dev server,
// the API as its own process, the worker in-process.
describe('fault: the API restarts during a burst of activations', () => {
  const subscribers = 60;
  const concurrency = 12;
  let harness: JourneyHarness;
  let databaseUrl: string;
  let apiPort: number;
  let api: ProjectProcess;

  async function startApi(): Promise<ProjectProcess> {
    const process = startProjectProcess('api/main.ts', {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: harness.env.connection.options.address,
      TEMPORAL_TASK_QUEUE: harness.taskQueue,
      API_PORT: String(apiPort),
      ACTIVATION_API_TOKEN: activationToken,
    });
    await waitForOk(`http://127.0.0.1:${apiPort}/readyz`, process, 120_000);
    return process;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    harness = await JourneyHarness.start({ server: 'dev', databaseUrl });
    apiPort = await freePort();
    api = await startApi();
  }, 150_000);

  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await harness?.stop();
  });

  /** The activation system: sends one activation until it gets an answer that is not a fault. */
  async function activate(profile: ActivationProfile): Promise<Answer> {
    for (let attempts = 1; ; attempts++) {
      const response = await fetch(`http://127.0.0.1:${apiPort}/v1/subscribers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${activationToken}` },
        body: JSON.stringify(profile),
      }).catch(() => undefined);
      if (response && response.status < 500) {
        const body = (await response.json()) as { journeyId?: string };
        return { status: response.status, journeyId: body.journeyId, attempts };
      }
      if (attempts >= 300) throw new Error(`no answer for ${profile.subscriberId} after ${attempts} attempts`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  async function restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    api.child.kill(signal);
    await api.exited;
    api = await startApi();
  }

  it('every accepted activation has exactly one journey', async () => {
    const profiles = await Promise.all(
      Array.from({ length: subscribers }, async (_, index) => ({
        ...(await harness.activation()),
        subscriberId: `BURST-${Date.now().toString(36)}-${index}`,
        msisdn: `134${String(index).padStart(8, '0')}`,
      })),
    );
    const answers = new Map<string, Answer>();
    const queue = [...profiles];
    const clients = Array.from({ length: concurrency }, async () => {
      for (let profile = queue.shift(); profile; profile = queue.shift()) {
        answers.set(profile.subscriberId, await activate(profile));
      }
    });
    const restarts = (async () => {
      while (answers.size < subscribers / 4) await new Promise((done) => setTimeout(done, 20));
      await restart('SIGTERM');
      while (answers.size < subscribers / 2) await new Promise((done) => setTimeout(done, 20));
      await restart('SIGKILL');
    })();
    await Promise.all([...clients, restarts]);

    expect(answers.size).toBe(subscribers);
    for (const profile of profiles) {
      const answer = answers.get(profile.subscriberId)!;
      // 201, or 200 when the journey had been started by a request whose answer was lost.
      expect([200, 201]).toContain(answer.status);
      expect(answer.journeyId).toBe(`journey-${profile.subscriberId}`);
    }
    // The restarts happened in the middle of the burst: some requests found no API and were sent again.
    expect([...answers.values()].some((answer) => answer.attempts > 1)).toBe(true);

    // Exactly one journey per subscriber in Temporal and in the journey table, none more.
    const executions = await eventually(async () => {
      const listed: string[] = [];
      for await (const execution of harness.env.client.workflow.list({ query: `TaskQueue = '${harness.taskQueue}'` }))
        listed.push(execution.workflowId);
      expect(listed).toHaveLength(subscribers);
      return listed;
    }, 20_000);
    expect(new Set(executions)).toEqual(new Set(profiles.map((profile) => `journey-${profile.subscriberId}`)));
    await eventually(async () => {
      const rows = await harness.prisma.journey.findMany({
        where: { subscriberId: { in: profiles.map((profile) => profile.subscriberId) } },
      });
      expect(rows).toHaveLength(subscribers);
    }, 30_000);
  }, 240_000);
});
