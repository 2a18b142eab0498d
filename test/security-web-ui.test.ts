import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Browser, Response as PageResponse } from 'playwright-core';
import { SESSION_COOKIE } from '../api/staff-access/auth';
import { journeyWorkflowId } from '../workflows/state';
import { activationToken, ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import type { JourneyHandle } from './support/journey-harness';
import { testStaffPassword } from './support/postgres';

// Engineers read journey histories in the Temporal Web UI. The UI has no sign-in of its own: the API
// serves it under /temporal to engineers only, and its codec server (/codec, same origin) decrypts the
// payloads for them. In a real Chromium, on a dev server with its Web UI as `npm start` runs it.
describe('the Temporal Web UI, behind the API, for engineers', () => {
  let api: ApiHarness;
  let browser: Browser;
  let subscriberId: string;
  let runId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([ApiHarness.start({ server: 'dev', ui: true }), launchChromium()]);
    const profile = await api.activation({ name: '诸葛亮', subscriberId: `WEBUI-${Date.now().toString(36)}` });
    subscriberId = profile.subscriberId;
    expect((await api.call('POST', '/v1/subscribers', { token: activationToken, body: profile })).status).toBe(201);
    const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
    await api.journeys.until(handle, (state) => state.sms.length === 2);
    runId = (await handle.describe()).runId;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("an engineer reads a journey's history decoded by the codec server", async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${api.baseUrl}/ui/login`);
    await page.fill('input[name=username]', 'engineer.zhou');
    await page.fill('input[name=password]', testStaffPassword);
    await Promise.all([page.waitForURL('**/temporal/**'), page.click('button[type=submit]')]);

    const decodes: PageResponse[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/codec/decode')) decodes.push(response);
    });
    const opened = await page.goto(
      `${api.baseUrl}/temporal/namespaces/default/workflows/${journeyWorkflowId(subscriberId)}/${runId}/history`,
    );
    // On the staff origin, so as confined as the staff pages: the page below works under this policy.
    const policy = opened?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(opened?.headers()['x-frame-options']).toBe('DENY');
    // The workflow's input, decrypted: the subscriber's name and plan, shown by the UI.
    await page.getByText('诸葛亮').first().waitFor({ timeout: 30_000 });
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((response) => response.status() === 200)).toBe(true);
    await screenshot(page, 'temporal-web-ui-engineer');
  }, 90_000);

  it('anyone else is sent to sign in, or refused', async () => {
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${api.baseUrl}/temporal/`);
    expect(new URL(anonymous.url()).pathname).toBe('/ui/login');

    const clerk = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(clerk, api.baseUrl, 'store.jn001');
    const refused = await clerk.goto(`${api.baseUrl}/temporal/namespaces/default/workflows`);
    expect(refused?.status()).toBe(403);
    const decode = await clerk.request.post(`${api.baseUrl}/codec/decode`, {
      data: { payloads: [] },
      headers: { origin: api.baseUrl },
    });
    expect(decode.status()).toBe(403);
  }, 60_000);
});

// The forgery of the second review: an engineer, through the Web UI's own HTTP API, sent a journey a
// plain `reassignTask` whose actor was the supervisor, and the task changed hands. On the dev server
// (`npm start`) and the cluster (`start:cluster`, compose), each as it wires its Web UI.
describe.each(['dev', 'cluster'] as const)('no engineer acts as staff (%s)', (server) => {
  let api: ApiHarness;
  let engineer: string;
  let supervisor: string;
  let handle: JourneyHandle;
  let other: JourneyHandle;
  let taskId: string;
  const forged = { staffId: 'S-SUPERVISOR', role: 'supervisor' };

  beforeAll(async () => {
    api = await ApiHarness.start({ server, ui: true });
    [engineer, supervisor] = await Promise.all([api.signIn('engineer.zhou'), api.signIn('supervisor.sun')]);
    [handle, other] = await Promise.all([api.activate(), api.activate()]);
    taskId = (await api.journeys.task(handle, 'onboarding_coaching')).id;
    await api.journeys.task(other, 'onboarding_coaching');
  }, 180_000);
  afterAll(() => api?.stop());

  const asEngineer = (method: string, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/temporal/api/v1/namespaces/default${path}`, {
      method,
      headers: {
        cookie: `${SESSION_COOKIE}=${engineer}`,
        origin: api.baseUrl,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const plain = (value: unknown) => ({
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from(JSON.stringify(value)).toString('base64'),
  });
  const assigneeOf = async () =>
    (await api.journeys.state(handle)).tasks.find((task) => task.id === taskId)?.assigneeId;

  /** An update sent straight to the Temporal frontend with these payloads as they are: what the proxy cannot stop. */
  async function rawUpdate(target: JourneyHandle, name: string, args: Payload[], updateId = randomUUID()) {
    const { outcome } = await api.journeys.env.client.workflowService.updateWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: target.workflowId },
      waitPolicy: {
        lifecycleStage:
          temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
            .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
      },
      request: { meta: { updateId, identity: 'forger' }, input: { name, args: { payloads: args } } },
    });
    return outcome?.failure?.applicationFailureInfo?.type ?? (outcome?.success ? 'accepted' : 'unknown');
  }

  it('the Web UI shows no write action, and the API refuses every write it could send', async () => {
    const settings = await (
      await fetch(`${api.baseUrl}/temporal/api/v1/settings`, { headers: { cookie: `${SESSION_COOKIE}=${engineer}` } })
    ).json();
    expect(settings).toMatchObject({ DisableWriteActions: true, WorkflowTerminateDisabled: true });
    const workflow = `/workflows/${handle.workflowId}`;
    const reassign = await asEngineer('POST', `${workflow}/update/reassignTask`, {
      input: { payloads: [plain({ taskId, actor: forged, assignee: { staffId: 'S-STORE-JN002', role: 'store' } })] },
    });
    expect(reassign.status).toBe(403);
    expect((await reassign.json()).error.code).toBe('web_ui_read_only');
    for (const [method, path] of [
      ['POST', `${workflow}/terminate`],
      ['POST', `${workflow}/signal/dndChanged`],
      ['POST', `${workflow}/reset`],
      ['DELETE', workflow],
      ['POST', '/batch-operations/forged'],
    ]) {
      expect((await asEngineer(method!, path!, {})).status).toBe(403);
    }
    // Reads and queries stay: the history page, the stack trace.
    expect((await asEngineer('GET', `${workflow}`)).status).toBe(200);
    const page = await fetch(`${api.baseUrl}/temporal/`, { headers: { cookie: `${SESSION_COOKIE}=${engineer}` } });
    const csrf = page.headers
      .getSetCookie()
      .join(';')
      .match(/_csrf=([^;]+)/)![1]!;
    const query = await fetch(`${api.baseUrl}/temporal/api/v1/namespaces/default${workflow}/query/__stack_trace`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${engineer}; _csrf=${csrf}`,
        'x-csrf-token': csrf,
        origin: api.baseUrl,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: { queryType: '__stack_trace' } }),
    });
    expect(query.status).toBe(200);
    expect(await assigneeOf()).toBeUndefined();
  }, 60_000);

  it("the UI server's own read-only mode is on where it has one (the cluster's)", async () => {
    const upstream = api.journeys.env.webUiUrl ?? api.journeys.env.cluster?.webUiUrl;
    const own = await (await fetch(`${upstream}/temporal/api/v1/settings`)).json();
    // The dev server's embedded UI has no such setting (docs/security.md): the proxy alone refuses there.
    expect(own.DisableWriteActions).toBe(server === 'cluster');
  });

  it('straight to the frontend, the worker refuses a plain update, a sealed copy sent again and one sealed for another journey', async () => {
    const request = { taskId, actor: forged, assignee: { staffId: 'S-STORE-JN002', role: 'store' } };
    const updateId = randomUUID();
    const plainPayload = defaultPayloadConverter.toPayload({ ...request, updateId });
    expect(await rawUpdate(handle, 'reassignTask', [plainPayload], updateId)).toBe('RefusedUpdate');

    // A supervisor's real reassignment through the API; then its sealed request, copied out of the history.
    const given = await api.call('POST', `/v1/tasks/${taskId}/reassign`, {
      token: supervisor,
      body: { assigneeId: 'S-STORE-JN002' },
    });
    expect(given.status).toBe(200);
    const sealed = (await rawHistory(handle)).find((event) => event.workflowExecutionUpdateAcceptedEventAttributes)!
      .workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads as Payload[];
    expect(encoding(sealed[0]!)).toBe('binary/encrypted');
    expect(await rawUpdate(handle, 'reassignTask', sealed)).toBe('RefusedUpdate');
    expect(await rawUpdate(other, 'reassignTask', sealed)).toBe('RefusedUpdate');
    expect(await assigneeOf()).toBe('S-STORE-JN002');
  }, 60_000);

  it('a plain signal is dropped and the journey runs on', async () => {
    await api.journeys.env.client.workflowService.signalWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: other.workflowId },
      signalName: 'dndChanged',
      input: { payloads: [defaultPayloadConverter.toPayload({ on: true })] },
      identity: 'forger',
    });
    // A staff update after it is applied: the journey took the signal's workflow task and carried on.
    const coaching = await api.journeys.task(other, 'onboarding_coaching');
    const reassigned = await api.call('POST', `/v1/tasks/${coaching.id}/reassign`, {
      token: supervisor,
      body: { assigneeId: 'S-STORE-JN002' },
    });
    expect(reassigned.status).toBe(200);
    expect((await api.journeys.state(other)).dnd).toBe(false);
  }, 60_000);

  it('a plain start is refused: the journey fails before it registers or sends anything', async () => {
    const workflowId = journeyWorkflowId(`FORGED-${server}-${Date.now().toString(36)}`);
    const profile = await api.activation();
    await api.journeys.env.client.workflowService.startWorkflowExecution({
      namespace: 'default',
      workflowId,
      workflowType: { name: 'onboardingJourney' },
      taskQueue: { name: api.journeys.taskQueue },
      input: { payloads: [defaultPayloadConverter.toPayload({ subscriber: profile })] },
      identity: 'forger',
      requestId: randomUUID(),
    });
    const handle = api.journeys.env.client.workflow.getHandle(workflowId);
    await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'RefusedStart' } });
    const scheduled = (await rawHistory(handle)).filter(
      (event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    );
    expect(scheduled).toEqual([]);
  }, 60_000);

  async function rawHistory(target: JourneyHandle) {
    const { history } = await api.journeys.env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: target.workflowId },
    });
    return history?.events ?? [];
  }
});

const encoding = (payload: Payload) => Buffer.from(payload.metadata!.encoding!).toString();
