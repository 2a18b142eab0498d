import { WorkflowNotFoundError } from '@temporalio/client';
import type { Browser } from 'playwright-core';
import { compressedSchedule } from '../workflows/schedule';
import { activationToken, ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import type { JourneyHandle } from './support/journey-harness';

// Past Temporal's retention (docs/architecture.md#the-journey-record): a finished journey whose
// workflow the server removed still shows, in the API and on its page in Chromium, from its record,
// and one that ended before records existed from what PostgreSQL holds. The dev server keeps
// workflows a day at least, so the test removes them as the retention would.
/** gRPC's NOT_FOUND: the workflow was deleted meanwhile. */
const GRPC_NOT_FOUND = 5;

describe('a finished journey after Temporal removed its workflow (dev server)', () => {
  let api: ApiHarness;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      ApiHarness.start({ server: 'dev', schedule: compressedSchedule(1_000) }),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const subscriberOf = (handle: JourneyHandle) => handle.workflowId.replace(/^journey-/, '');
  const getJourney = (subscriberId: string) =>
    api.call('GET', `/v1/subscribers/${subscriberId}`, { token: activationToken, route: '/v1/subscribers/:id' });

  /** A journey that ran to its first task and ended (the subscriber left), then removed from Temporal. */
  async function removedJourney(options: { withoutRecord?: boolean } = {}): Promise<JourneyHandle> {
    const handle = await api.activate();
    await api.journeys.task(handle, 'onboarding_coaching');
    await api.journeys.leave(handle);
    if (options.withoutRecord) {
      // As a journey of an earlier release left it: ended, no record.
      await api.journeys.prisma.journey.update({
        where: { id: handle.workflowId },
        data: { record: null, recordRevision: 0 },
      });
    }
    // The server deletes in the background; asked again until it has (a request may find it busy).
    for (const deadline = Date.now() + 60_000; ;) {
      await api.journeys.env.client.workflowService
        .deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: handle.workflowId } })
        .catch((error: { code?: number }) => {
          if (error.code !== GRPC_NOT_FOUND) throw error;
        });
      await new Promise((done) => setTimeout(done, 1_000));
      try {
        const described = await handle.describe();
        if (Date.now() > deadline) throw new Error(`${handle.workflowId} (${described.status.name}) was not deleted`);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return handle;
        throw error;
      }
    }
  }

  async function journeyPageNotice(subscriberId: string, name: string): Promise<string> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api.baseUrl, 'supervisor.sun');
    const response = await page.goto(`${api.baseUrl}/ui/subscribers/${subscriberId}`);
    expect(response?.status()).toBe(200);
    const notice = (await page.locator('[data-testid=workflow-removed]').textContent()) ?? '';
    const tasks = await page.locator('table').first().locator('tbody tr').count();
    expect(tasks).toBeGreaterThanOrEqual(1);
    await screenshot(page, name);
    await page.context().close();
    return notice;
  }

  it('shows its record in the API and on the journey page', async () => {
    const handle = await removedJourney();
    const subscriberId = subscriberOf(handle);
    const { status, body } = await getJourney(subscriberId);
    expect(status).toBe(200);
    expect(body.readFrom).toMatchObject({ from: 'record', workflowRemoved: true });
    expect(body).toMatchObject({ status: 'cancelled', moment: 'cancelled', endReason: 'subscriber left: test over' });
    expect(body.tasks.map((task: { type: string; status: string }) => [task.type, task.status])).toContainEqual([
      'onboarding_coaching',
      'cancelled',
    ]);
    expect(body.sms.length).toBeGreaterThanOrEqual(1);
    expect(body.timeline.map((entry: { kind: string }) => entry.kind)).toContain('task_opened');
    expect(await journeyPageNotice(subscriberId, 'journey-record-removed-workflow')).toContain(
      '该旅程的流程已按 Temporal 的保留期限删除：以下为数据库中保存的旅程记录',
    );
  });

  it('shows what PostgreSQL holds of a journey with neither workflow nor record, marked as such', async () => {
    const handle = await removedJourney({ withoutRecord: true });
    const subscriberId = subscriberOf(handle);
    const { status, body } = await getJourney(subscriberId);
    expect(status).toBe(200);
    expect(body.readFrom).toEqual({ from: 'database', workflowRemoved: true });
    expect(body).toMatchObject({ status: 'cancelled', subscriber: { subscriberId } });
    expect(body.tasks.map((task: { type: string; status: string }) => [task.type, task.status])).toContainEqual([
      'onboarding_coaching',
      'cancelled',
    ]);
    expect(body.sms.map((sms: { template: string }) => sms.template)).toContain('welcome');
    expect(await journeyPageNotice(subscriberId, 'journey-rows-removed-workflow')).toContain('且没有旅程记录');
  });

  it('answers 404 for a subscriber PostgreSQL does not know either', async () => {
    expect((await getJourney('SUB-NEVER-ACTIVATED')).status).toBe(404);
  });
});
