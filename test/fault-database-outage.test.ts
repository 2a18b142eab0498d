import { inboundSms } from '../workflows/messages';
import { defaultPayloadConverter } from '@temporalio/common';
import { SESSION_COOKIE } from '../api/staff-access/auth';
import type { ActivationProfile } from '../workflows/state';
import { activationToken, ApiHarness } from './support/api';
import { eventually, type JourneyHandle } from './support/journey-harness';
import { createTestDatabase } from './support/postgres';
import { TcpProxy } from '../simulator/tcp-proxy';

// Fault: PostgreSQL goes away while journeys are writing to it. The API refuses what needs the
// database with 503 and a reason (never a stack trace, never a half-done activation); the journeys'
// activities fail, are retried with backoff, and succeed once PostgreSQL is back, each write once.
// The API and the worker reach the run's real PostgreSQL through a loopback proxy the test cuts:
// open connections reset, new ones refused, as when the server crashes or the network fails. A real
// dev server, the API and the worker in-process.
describe('fault: PostgreSQL is unavailable during activities', () => {
  let proxy: TcpProxy;
  let api: ApiHarness;
  let sequence = 0;

  beforeAll(async () => {
    const database = new URL(await createTestDatabase());
    proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port) });
    database.port = String(proxy.port);
    api = await ApiHarness.start({ server: 'dev', databaseUrl: database.toString() });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await proxy?.cut();
  });

  async function activation(label: string): Promise<ActivationProfile> {
    sequence += 1;
    return {
      ...(await api.activation()),
      subscriberId: `DBF-${label}-${Date.now().toString(36)}`,
      msisdn: `137${String(Date.now() % 1e6).padStart(6, '0')}${String(sequence).padStart(2, '0')}`,
    };
  }
  const start = (body: ActivationProfile) => api.call('POST', '/v1/subscribers', { token: activationToken, body });
  const smsTemplates = async (subscriberId: string) =>
    (await api.journeys.prisma.smsMessage.findMany({ where: { subscriberId }, orderBy: { createdAt: 'asc' } })).map(
      (sms) => sms.template,
    );

  it('answers 503 meanwhile; activities retry and each write lands once PostgreSQL is back', async () => {
    const before = await activation('before');
    expect((await start(before)).status).toBe(201);
    await eventually(async () => expect(await smsTemplates(before.subscriberId)).toEqual(['welcome', 'help_menu']));
    const clerk = await api.signIn('store.jn001');

    // Journeys whose first writes fall into the outage: started (their data keys made) while no worker
    // runs, so the worker that comes back during the outage finds every activity failing.
    await api.journeys.stopWorker();
    const during = [await activation('during-1'), await activation('during-2')];
    const handles: JourneyHandle[] = await Promise.all(during.map((profile) => api.journeys.startJourney(profile)));

    await proxy.cut();
    await api.journeys.startWorker();

    const readiness = await api.call('GET', '/readyz');
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks.database.ok).toBe(false);
    const refusedActivation = await activation('refused');
    const refused = await start(refusedActivation);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toEqual({
      error: {
        code: 'database_unavailable',
        message: 'the database service is unavailable right now; try again shortly',
      },
    });
    const inbox = await api.call('GET', '/v1/tasks', { token: clerk });
    expect(inbox.status).toBe(503);
    expect(inbox.body.error.code).toBe('database_unavailable');
    const page = await api.call('GET', '/ui/tasks', { headers: { cookie: `${SESSION_COOKIE}=${clerk}` } });
    expect(page.status).toBe(503);
    expect(page.body).toContain('the database service is unavailable right now');
    expect(page.body).not.toMatch(/\bat \S+ \(/); // no stack frame

    // An event that makes a running journey write.
    const beforeHandle: JourneyHandle = api.journeys.env.client.workflow.getHandle(`journey-${before.subscriberId}`);
    await beforeHandle.signal(inboundSms, { messageId: 'outage-1', text: '1' });

    // Each journey's activity fails on the missing database and is retried.
    for (const handle of [...handles, beforeHandle]) {
      await eventually(async () => {
        const [pending] = (await handle.describe()).raw.pendingActivities ?? [];
        expect(pending?.attempt).toBeGreaterThanOrEqual(2);
        // Failure messages are encrypted with the payloads (they may quote personal data).
        const [attributes] = await api.journeys.protection.codec.decode([
          pending!.lastFailure!.encodedAttributes! as never,
        ]);
        expect(defaultPayloadConverter.fromPayload<{ message: string }>(attributes!).message).toMatch(
          /reach database server/i,
        );
      }, 20_000);
    }

    await proxy.restore();

    // Backoff is at most a few seconds at this point; every write lands, once.
    for (const profile of during) {
      await eventually(async () => {
        expect(await smsTemplates(profile.subscriberId)).toEqual(['welcome', 'help_menu']);
        const tasks = await api.journeys.prisma.task.findMany({ where: { subscriberId: profile.subscriberId } });
        expect(tasks.map((task) => task.type)).toEqual(['onboarding_coaching']);
      }, 30_000);
    }
    await eventually(
      async () => expect(await smsTemplates(before.subscriberId)).toEqual(['welcome', 'help_menu', 'help_reply']),
      30_000,
    );
    for (const handle of handles) {
      const state = await api.journeys.state(handle);
      expect(state.timeline.map((entry) => entry.kind)).toContain('task_opened');
    }

    // The activation refused during the outage left nothing behind and goes through now.
    expect(await api.journeys.prisma.subscriber.findUnique({ where: { id: refusedActivation.subscriberId } })).toBe(
      null,
    );
    expect((await start(refusedActivation)).status).toBe(201);
    expect((await api.call('GET', '/readyz')).status).toBe(200);
  }, 150_000);
});
