import type { Browser, Page } from 'playwright-core';
import type { JourneyTask } from '../workflows/tasks';
import { ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import { compressedSchedule } from '../workflows/schedule';
import { eventually, type JourneyHandle } from './support/journey-harness';

// The staff pages in Debian's Chromium, over the API on a real dev server. Overdue is judged by the
// wall clock, so journeys run on a compressed schedule (a day lasts a second) instead of time skipping.
describe('staff pages in a real browser', () => {
  const schedule = compressedSchedule(1_000);
  let api: ApiHarness;
  let browser: Browser;
  const handles: JourneyHandle[] = [];
  const shots: string[] = [];

  beforeAll(async () => {
    [api, browser] = await Promise.all([ApiHarness.start({ server: 'dev', schedule }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const handle of handles) await api.journeys.leave(handle).catch(() => undefined);
    await api?.stop();
    // The screenshots, for the record of a run (artifacts/screenshots/).
    process.stdout.write(`screenshots: ${shots.join(', ')}\n`);
  });

  async function startJourney(overrides: object = {}): Promise<JourneyHandle> {
    const handle = await api.activate(overrides);
    handles.push(handle);
    return handle;
  }

  /** A new journey's onboarding-coaching task, once it is overdue and escalated. */
  async function escalatedCoaching(): Promise<JourneyTask> {
    const handle = await startJourney();
    const coaching = await api.journeys.task(handle, 'onboarding_coaching');
    await api.journeys.until(handle, (state) =>
      state.tasks.some((task) => task.id === coaching.id && task.escalatedAt),
    );
    return coaching;
  }

  const subscriberOf = (handle: JourneyHandle) => handle.workflowId.replace(/^journey-/, '');

  async function staffPage(username: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api.baseUrl, username);
    return page;
  }

  it('a store clerk signs in and completes an onboarding checklist, one item skipped with a reason', async () => {
    const handle = await startJourney({
      name: '<script>alert(1)</script>王芳',
      contract: { prepay: 950, monthlyReturn: 39 },
    });
    const coaching = await api.journeys.task(handle, 'onboarding_coaching');
    const page = await staffPage('store.jn001');
    const row = page.locator(`tr[data-task-id="${coaching.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('入网辅导');
    shots.push(await screenshot(page, 'inbox-store-clerk'));

    await Promise.all([page.waitForURL(/\/ui\/tasks\/[^/]+$/), row.locator('a').click()]);
    // The name is shown as text, never run as markup.
    expect(await page.locator('h1').textContent()).toContain('<script>alert(1)</script>王芳');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.getByTestId('out-of-pocket').textContent()).toContain('27');
    await page.check('fieldset[data-item="internet_setup"] input[value="skipped"]');
    await page.fill('input[name="reason_internet_setup"]', '客户手机不支持');
    shots.push(await screenshot(page, 'task-onboarding-checklist'));
    await Promise.all([page.waitForURL(/\/ui\/tasks\?done=/), page.click('button.primary')]);
    expect(await page.getByRole('status').textContent()).toContain('任务已提交');
    shots.push(await screenshot(page, 'inbox-after-completion'));

    const row2 = await eventually(async () => {
      const task = await api.journeys.prisma.task.findUniqueOrThrow({ where: { id: coaching.id } });
      expect(task.status).toBe('completed');
      return task;
    });
    expect(row2.outcome).toMatchObject({
      checklist: { plan_tariff: { done: true }, internet_setup: { done: false, skippedReason: '客户手机不支持' } },
    });
  });

  it('a follow-up agent reports a signal problem: a network ticket is opened', async () => {
    const handle = await startJourney();
    const followup = await api.journeys.task(handle, 'first_followup_call');
    const page = await staffPage('followup.zhang');
    await page.goto(`${api.baseUrl}/ui/tasks/${encodeURIComponent(followup.id)}`);
    await page.check('input[name="result"][value="reached"]');
    for (const item of ['name', 'id_number', 'contact_phone', 'mailing_address'])
      await page.check(`input[name="verify_${item}"][value="verified"]`);
    await page.check('input[name="issue_signal"]');
    await page.fill('input[name="signal_address"]', '济南市历下区解放路22号地下室');
    await page.fill('input[name="signal_description"]', '室内无信号');
    shots.push(await screenshot(page, 'task-followup-signal-problem'));
    await Promise.all([page.waitForURL(/\/ui\/tasks\?done=/), page.click('button.primary')]);

    const ticket = await eventually(() =>
      api.journeys.prisma.networkTicket.findFirstOrThrow({ where: { subscriberId: subscriberOf(handle) } }),
    );
    expect(ticket).toMatchObject({ status: 'open', address: '济南市历下区解放路22号地下室' });
    await api.journeys.until(handle, (state) => state.networkTickets.length === 1);
    await page.goto(`${api.baseUrl}/ui/subscribers/${encodeURIComponent(ticket.subscriberId)}`);
    expect(await page.getByText('信号问题已转网络部门（济南市历下区解放路22号地下室）').count()).toBe(1);
    expect(await page.getByTestId('tickets').locator('tr').count()).toBe(1);
    // The history in the Temporal Web UI is for engineers (docs/security.md).
    expect(await page.getByRole('link', { name: '在 Temporal Web UI 中查看' }).count()).toBe(0);
    shots.push(await screenshot(page, 'journey-page'));
  });

  it('the supervisor sees the overdue task, escalated, and the chart; the pages switch to English', async () => {
    const coaching = await escalatedCoaching();
    const page = await staffPage('supervisor.sun');
    await page.goto(`${api.baseUrl}/ui/dashboard`);
    const row = page.locator(`#attention tr[data-task-id="${coaching.id}"]`);
    expect(await row.locator('.badge.overdue').textContent()).toBe('已超时');
    expect(await row.locator('.badge.escalated').textContent()).toBe('已督办');
    const bars = page.locator('#sla-chart g[data-moment="onboarding_coaching"] rect');
    expect(await bars.count()).toBe(2);
    shots.push(await screenshot(page, 'dashboard-supervisor'));

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Supervisor dashboard');
    expect(await row.locator('.badge.overdue').textContent()).toBe('Overdue');
    shots.push(await screenshot(page, 'dashboard-supervisor-en'));
  });

  it('the supervisor reassigns an escalated task from its page; the new clerk finds it in the inbox', async () => {
    const coaching = await escalatedCoaching();
    const page = await staffPage('supervisor.sun');
    await page.goto(`${api.baseUrl}/ui/tasks/${encodeURIComponent(coaching.id)}`);
    expect(await page.getByTestId('assignee').textContent()).toBe('未指定（岗位共享）');
    await page.selectOption('select[name="assigneeId"]', 'S-STORE-JN002');
    await Promise.all([page.waitForURL(/reassigned=1/), page.getByRole('button', { name: '改派' }).click()]);
    expect(await page.getByRole('status').textContent()).toBe('任务已改派。');
    expect(await page.getByTestId('assignee').textContent()).toMatch(/^\S+ \(S-STORE-JN002\)$/);
    shots.push(await screenshot(page, 'task-reassigned-supervisor'));

    const clerk = await staffPage('store.jn002');
    await eventually(async () => {
      await clerk.goto(`${api.baseUrl}/ui/tasks`);
      expect(await clerk.locator(`a[href="/ui/tasks/${encodeURIComponent(coaching.id)}"]`).count()).toBe(1);
    });
  });

  it("works a standard journey's tasks through the pages: coaching, follow-up, then telemarketing on day 30", async () => {
    const handle = await startJourney();
    const submit = async (username: string, taskId: string, fill: (page: Page) => Promise<void>) => {
      const page = await staffPage(username);
      await page.goto(`${api.baseUrl}/ui/tasks/${encodeURIComponent(taskId)}`);
      await fill(page);
      await Promise.all([page.waitForURL(/\/ui\/tasks\?done=/), page.click('button.primary')]);
      return page;
    };
    const coaching = await api.journeys.task(handle, 'onboarding_coaching');
    await submit('store.jn001', coaching.id, async () => undefined);
    const followup = await api.journeys.task(handle, 'first_followup_call');
    await submit('followup.zhang', followup.id, async (page) => {
      for (const item of ['name', 'id_number', 'contact_phone', 'mailing_address'])
        await page.check(
          `input[name="verify_${item}"][value="${item === 'id_number' ? 'not_confirmed' : 'verified'}"]`,
        );
      await page.fill('textarea[name="feedback"]', '满意');
    });
    const telemarketing = await api.journeys.task(handle, 'vas_telemarketing');
    const offered = (telemarketing.payload.recommendations as { code: string }[])[0]!.code;
    const page = await submit('tm.liu', telemarketing.id, async (form) => {
      await form.check('input[name="result"][value="accepted"]');
      await form.check(`input[name="accepted"][value="${offered}"]`);
    });
    shots.push(await screenshot(page, 'inbox-telemarketing-done'));

    const state = await api.journeys.until(
      handle,
      (s) => s.tasks.filter((task) => task.status === 'completed').length === 3,
    );
    expect(state.tasks.map((task) => [task.type, task.status])).toEqual([
      ['onboarding_coaching', 'completed'],
      ['first_followup_call', 'completed'],
      ['vas_telemarketing', 'completed'],
    ]);
    expect(state.tasks[1]!.outcome).toEqual({
      result: 'reached',
      issues: [],
      verification: {
        name: 'verified',
        id_number: 'not_confirmed',
        contact_phone: 'verified',
        mailing_address: 'verified',
      },
      feedback: '满意',
    });
    expect(state.tasks[2]!.outcome).toEqual({ result: 'accepted', accepted: [offered] });
  }, 60_000);

  it('a clerk may not open the dashboard, and a signed-out visitor is sent to sign in', async () => {
    const page = await staffPage('store.jn001');
    const response = await page.goto(`${api.baseUrl}/ui/dashboard`);
    expect(response?.status()).toBe(403);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${api.baseUrl}/ui/tasks`);
    expect(visitor.url()).toMatch(/\/ui\/login$/);
    shots.push(await screenshot(visitor, 'sign-in'));
  });
});
