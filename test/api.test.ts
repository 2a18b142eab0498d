// Longer than ~250 lines on purpose: one suite per server: every route is called on one API harness
// (the OpenAPI check needs them all).
import { journeyWorkflowId } from '../workflows/state';
import { activationToken, ApiHarness, gatewayToken } from './support/api';
import { allDone, eventually } from './support/journey-harness';

describe('HTTP API on the real stack', () => {
  let api: ApiHarness;
  let clerk: string;
  let followup: string;
  let supervisor: string;
  let sequence = 0;

  beforeAll(async () => {
    api = await ApiHarness.start();
    [clerk, followup, supervisor] = [
      await api.signIn('store.jn001'),
      await api.signIn('followup.zhang'),
      await api.signIn('supervisor.sun'),
    ];
  });
  afterAll(() => api?.stop());

  async function activation(overrides: Record<string, unknown> = {}) {
    sequence += 1;
    const profile = await api.activation();
    return {
      ...profile,
      subscriberId: `API-${Date.now().toString(36)}-${sequence}`,
      msisdn: `138${String(Date.now() % 1e6).padStart(6, '0')}${String(sequence).padStart(2, '0')}`,
      ...overrides,
    };
  }
  const start = (body: unknown) => api.call('POST', '/v1/subscribers', { token: activationToken, body });

  describe('POST /v1/subscribers', () => {
    it('when the activation system posts a new subscriber, a journey starts: 201 with its id, its link and the Temporal Web UI link', async () => {
      const body = await activation();
      const { status, body: answer, headers } = await start(body);
      expect(status).toBe(201);
      expect(answer).toEqual({
        journeyId: journeyWorkflowId(body.subscriberId),
        subscriberId: body.subscriberId,
        links: {
          self: `/v1/subscribers/${body.subscriberId}`,
          temporalWebUi: `/temporal/namespaces/default/workflows/journey-${body.subscriberId}`,
        },
      });
      expect(headers.get('location')).toBe(`/v1/subscribers/${body.subscriberId}`);
      await api.journeys.task(api.journeys.env.client.workflow.getHandle(answer.journeyId), 'onboarding_coaching');
    });

    it('when fields are wrong, it answers 400 with every bad field and why, and starts or stores nothing', async () => {
      const body = await activation({
        msisdn: '12345',
        activatedAt: 'yesterday',
        paymentType: 'cash',
        tier: 'bronze',
        planCode: 'X99',
        nickname: 'unknown field',
      });
      const { status, body: answer } = await start(body);
      expect(status).toBe(400);
      expect(answer.error.code).toBe('invalid_request');
      const fields = (answer.error.details as { field: string }[]).map((detail) => detail.field).sort();
      expect(fields).toEqual(['activatedAt', 'msisdn', 'nickname', 'paymentType', 'tier']);
      expect(answer.error.details.find((d: { field: string }) => d.field === 'msisdn').reason).toMatch(/11-digit/);

      const unknownRefs = await start(await activation({ planCode: 'X99', storeId: 'ZZ999' }));
      expect(unknownRefs.status).toBe(400);
      expect(unknownRefs.body.error.details).toEqual([
        { field: 'planCode', reason: 'unknown plan code X99' },
        { field: 'storeId', reason: 'unknown store ZZ999' },
      ]);
      expect(await api.journeys.prisma.subscriber.count({ where: { id: body.subscriberId } })).toBe(0);
      const describe = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(body.subscriberId)).describe();
      await expect(describe).rejects.toThrow(/not found/i);
    });

    it('when the body is malformed or of the wrong type, it answers 400; when oversized, 413', async () => {
      const malformed = await fetch(`${api.baseUrl}/v1/subscribers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${activationToken}`, 'content-type': 'application/json' },
        body: '{"subscriberId":',
      });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('entity_parse_failed');
      const asText = await fetch(`${api.baseUrl}/v1/subscribers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${activationToken}`, 'content-type': 'text/plain' },
        body: 'subscriberId=1',
      });
      expect(asText.status).toBe(400);
      const huge = await start({ ...(await activation()), name: 'x'.repeat(70_000) } as Record<string, unknown>);
      expect(huge.status).toBe(413);
    });

    it('when 20 identical requests come at once, one 201, nineteen 200s and one workflow', async () => {
      const body = await activation();
      const answers = await Promise.all(Array.from({ length: 20 }, () => start(body)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, ...Array(18).fill(200), 201].sort());
      expect(new Set(answers.map((answer) => answer.body.journeyId))).toEqual(
        new Set([journeyWorkflowId(body.subscriberId)]),
      );
      const history = await api.journeys.env.client.workflow
        .getHandle(journeyWorkflowId(body.subscriberId))
        .fetchHistory();
      expect(history.events?.filter((event) => event.workflowExecutionStartedEventAttributes)).toHaveLength(1);
      await eventually(async () =>
        expect(await api.journeys.prisma.journey.count({ where: { subscriberId: body.subscriberId } })).toBe(1),
      );
    });

    it('when the same subscriber comes with different data, it answers 409 naming the fields', async () => {
      const body = await activation();
      expect((await start(body)).status).toBe(201);
      const { status, body: answer } = await start({ ...body, planCode: 'B96', tier: 'gold' });
      expect(status).toBe(409);
      expect(answer.error.code).toBe('conflicting_activation');
      expect(answer.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['planCode', 'tier']);
    });

    it('when Temporal no longer holds the journey (past retention), the journey table answers: 200, never a second one', async () => {
      const body = await activation();
      const activatedAt = new Date(body.activatedAt);
      await api.journeys.prisma.subscriber.create({
        data: {
          id: body.subscriberId,
          msisdn: body.msisdn,
          name: body.name,
          activatedAt,
          storeId: body.storeId,
          planCode: 'B96',
          paymentType: body.paymentType,
          tier: body.tier,
          portIn: false,
          dnd: false,
          journey: {
            create: {
              id: journeyWorkflowId(body.subscriberId),
              status: 'completed',
              moment: 'completed',
              startedAt: activatedAt,
            },
          },
        },
      });
      expect((await start(body)).status).toBe(200);
      const conflict = await start({ ...body, storeId: 'JN002' });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.details).toEqual([
        { field: 'storeId', reason: 'differs from the activation that started the journey' },
      ]);
      const describe = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(body.subscriberId)).describe();
      await expect(describe).rejects.toThrow(/not found/i);
    });

    it('when the activation token is missing, 401; when staff post, 403', async () => {
      const body = await activation();
      expect((await api.call('POST', '/v1/subscribers', { body })).status).toBe(401);
      expect((await api.call('POST', '/v1/subscribers', { body, token: 'wrong-token' })).status).toBe(401);
      expect((await api.call('POST', '/v1/subscribers', { body, token: clerk })).status).toBe(403);
    });
  });

  describe('journeys, events and tasks', () => {
    let subscriberId: string;
    beforeAll(async () => {
      const body = await activation({ contract: { prepay: 950, monthlyReturn: 39 } });
      subscriberId = body.subscriberId;
      expect((await start(body)).status).toBe(201);
      const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
      await api.journeys.task(handle, 'onboarding_coaching');
    });
    const route = '/v1/subscribers/:id';

    it('when a journey is read (GET /v1/subscribers/:id), it gives the state and timeline; 404 when unknown, 401 unsigned', async () => {
      const { status, body } = await api.call('GET', `/v1/subscribers/${subscriberId}`, { token: clerk, route });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'running', subscriber: { subscriberId }, tier: 'standard', dnd: false });
      expect(body.timeline.length).toBeGreaterThan(0);
      expect(body.links.temporalWebUi).toContain(`journey-${subscriberId}`);
      expect((await api.call('GET', '/v1/subscribers/NOBODY', { token: clerk, route })).status).toBe(404);
      expect((await api.call('GET', '/v1/subscribers/bad%20id', { token: clerk, route })).status).toBe(400);
      expect((await api.call('GET', `/v1/subscribers/${subscriberId}`, { route })).status).toBe(401);
    });

    it('when the BSS posts an event, 202 delivered; 400 when the payload, type or plan is bad; 404 when the subscriber is unknown', async () => {
      const events = `/v1/subscribers/${subscriberId}/events`;
      const eventsRoute = '/v1/subscribers/:id/events';
      const send = (body: unknown, path = events) =>
        api.call('POST', path, { token: activationToken, body, route: eventsRoute });
      expect(
        (await send({ type: 'usageReported', month: '2026-12', voiceMinutes: 40, dataMB: 290, sms: 5 })).status,
      ).toBe(202);
      const bad = await send({ type: 'usageReported', month: '2026-13', voiceMinutes: -1, dataMB: 1, sms: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['month', 'voiceMinutes']);
      expect((await send({ type: 'becameAstronaut' })).status).toBe(400);
      expect((await send({ type: 'vipRated', tier: 'standard' })).status).toBe(400);
      const plan = await send({ type: 'planChanged', planCode: 'X99' });
      expect(plan.body.error.details).toEqual([{ field: 'planCode', reason: 'unknown plan code X99' }]);
      expect((await send({ type: 'dndChanged', on: true }, '/v1/subscribers/NOBODY/events')).status).toBe(404);
      expect(
        (await api.call('POST', events, { token: clerk, body: { type: 'dndChanged', on: true }, route: eventsRoute }))
          .status,
      ).toBe(403);
      await api.journeys.until(
        api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId)),
        (state) => state.usage.length === 1,
      );
    });

    it('when staff read their inbox (GET /v1/tasks), the clerk sees the store task, the supervisor all; 403 when a filter reaches outside one’s tasks', async () => {
      const inbox = await api.call('GET', '/v1/tasks', { token: clerk });
      expect(inbox.status).toBe(200);
      const mine = inbox.body.tasks.find((task: { subscriberId: string }) => task.subscriberId === subscriberId);
      expect(mine).toMatchObject({ type: 'onboarding_coaching', role: 'store', storeId: 'JN001', status: 'open' });
      expect(inbox.body.tasks.every((task: { storeId: string }) => task.storeId === 'JN001')).toBe(true);
      expect((await api.call('GET', '/v1/tasks?role=followup', { token: clerk })).status).toBe(403);
      expect((await api.call('GET', '/v1/tasks?storeId=JN002', { token: clerk })).status).toBe(403);
      expect((await api.call('GET', '/v1/tasks?status=lost', { token: clerk })).status).toBe(400);
      expect((await api.call('GET', '/v1/tasks?cursor=garbage', { token: clerk })).status).toBe(400);
      expect((await api.call('GET', '/v1/tasks')).status).toBe(401);

      const first = await api.call('GET', '/v1/tasks?limit=1', { token: supervisor });
      expect(first.body.tasks).toHaveLength(1);
      const second = await api.call('GET', `/v1/tasks?limit=1&cursor=${first.body.nextCursor}`, { token: supervisor });
      expect(second.body.tasks).toHaveLength(1);
      expect(second.body.tasks[0].id).not.toBe(first.body.tasks[0].id);
      expect(Date.parse(second.body.tasks[0].dueAt)).toBeGreaterThanOrEqual(Date.parse(first.body.tasks[0].dueAt));
    });

    it('when a task is completed, 200 done; 422 when the outcome is bad, 404 when another role’s or unknown, 409 when done twice', async () => {
      const route = '/v1/tasks/:id/complete';
      const { body: inbox } = await api.call('GET', '/v1/tasks', { token: clerk });
      const task = inbox.tasks.find((t: { subscriberId: string }) => t.subscriberId === subscriberId);
      const path = `/v1/tasks/${encodeURIComponent(task.id)}/complete`;
      const complete = (token: string, outcome: unknown) => api.call('POST', path, { token, body: { outcome }, route });

      const bad = await complete(clerk, { checklist: { plan_tariff: { done: false } } });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details[0]).toEqual({
        field: 'outcome.checklist.plan_tariff.skippedReason',
        reason: expect.any(String),
      });
      const incomplete = await complete(clerk, { checklist: { plan_tariff: { done: true } } });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.error.message).toMatch(/contract_terms: must be ticked/);

      const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
      const { checklist } = allDone(await api.journeys.task(handle, 'onboarding_coaching'));
      // Another role's task is one the caller may not see: the same 404 as an unknown one.
      expect((await complete(followup, { checklist })).body.error.code).toBe('task_not_found');
      expect(
        (await api.call('POST', '/v1/tasks/nope/complete', { token: clerk, body: { outcome: {} }, route })).status,
      ).toBe(404);
      // A typed client names the task's type beside the outcome (docs/architecture.md#the-api-and-the-staff-ui).
      const typed = (token: string, taskType: string) =>
        api.call('POST', path, { token, body: { taskType, outcome: { checklist } }, route });
      const otherType = await typed(clerk, 'vip_first_call');
      expect(otherType.status).toBe(422);
      expect(otherType.body.error.details).toEqual([
        { field: 'taskType', reason: 'the task is a onboarding_coaching task' },
      ]);
      expect((await typed(followup, 'vip_first_call')).body.error.code).toBe('task_not_found');
      const done = await typed(clerk, 'onboarding_coaching');
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', completedBy: 'S-STORE-JN001' });
      const again = await complete(clerk, { checklist });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('task_ended');
    });

    it('when the supervisor reassigns a task to a named colleague, it is theirs; when refused, nothing changes', async () => {
      const route = '/v1/tasks/:id/reassign';
      const body = await activation();
      expect((await start(body)).status).toBe(201);
      const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(body.subscriberId));
      const task = await api.journeys.task(handle, 'onboarding_coaching');
      const path = `/v1/tasks/${encodeURIComponent(task.id)}/reassign`;
      const reassign = (token: string, payload: unknown) => api.call('POST', path, { token, body: payload, route });
      const otherClerk = await api.signIn('store.jn002');
      const inboxOf = async (token: string) =>
        (await api.call('GET', '/v1/tasks', { token })).body.tasks.map((t: { id: string }) => t.id);

      expect((await reassign(clerk, { assigneeId: 'S-STORE-JN002' })).status).toBe(403);
      expect((await reassign(supervisor, {})).status).toBe(400);
      const nobody = await reassign(supervisor, { assigneeId: 'S-NOBODY' });
      expect(nobody.status).toBe(400);
      expect(nobody.body.error.details).toEqual([{ field: 'assigneeId', reason: 'no staff member S-NOBODY' }]);
      const wrongRole = await reassign(supervisor, { assigneeId: 'S-FOLLOWUP' });
      expect(wrongRole.status).toBe(422);
      expect(wrongRole.body.error).toMatchObject({
        code: 'invalid_assignee',
        message: expect.stringMatching(/role store/),
      });
      const unknown = await api.call('POST', '/v1/tasks/nope/reassign', {
        token: supervisor,
        body: { assigneeId: 'S-STORE-JN002' },
        route,
      });
      expect(unknown.status).toBe(404);
      expect(await inboxOf(clerk)).toContain(task.id);

      const moved = await reassign(supervisor, { assigneeId: 'S-STORE-JN002' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'open', assigneeId: 'S-STORE-JN002', storeId: 'JN002' });
      await eventually(async () => {
        expect(await inboxOf(clerk)).not.toContain(task.id);
        expect(await inboxOf(otherClerk)).toContain(task.id);
      });
      const complete = (token: string) =>
        api.call('POST', `/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
          token,
          body: { outcome: allDone(task) },
          route: '/v1/tasks/:id/complete',
        });
      expect((await complete(clerk)).status).toBe(404);
      expect((await complete(otherClerk)).status).toBe(200);
      const ended = await reassign(supervisor, { assigneeId: 'S-STORE-JN001' });
      expect(ended.status).toBe(409);
      expect(ended.body.error.code).toBe('task_ended');
      await api.journeys.leave(handle);
    });

    it('when the supervisor reads the journey report, the figures; 403 when others do', async () => {
      const { status, body } = await api.call('GET', '/v1/reports/journeys', { token: supervisor });
      expect(status).toBe(200);
      expect(body.tasksByType.onboarding_coaching.total).toBeGreaterThanOrEqual(1);
      expect(body.tasksByType.onboarding_coaching.completed).toBeGreaterThanOrEqual(1);
      expect(body.journeys.byStatus.running).toBeGreaterThanOrEqual(1);
      expect((await api.call('GET', '/v1/reports/journeys', { token: clerk })).status).toBe(403);
    });

    it('when the supervisor reads the lift report, the control-group comparison; 400 when the touch is bad, 403 when others read it', async () => {
      const lift = (query: string, token: string) =>
        api.call('GET', `/v1/reports/lift${query}`, { token, route: '/v1/reports/lift' });
      const { status, body } = await lift('', supervisor);
      expect(status).toBe(200);
      expect(body).toMatchObject({ touch: 'first_followup_call', configured: { share: 0 }, minGroupSize: 30 });
      expect(body.measures.departures.judgement).toEqual({ verdict: 'too_small_to_tell', reason: 'groups_too_small' });
      expect((await lift('?touch=sms', supervisor)).status).toBe(400);
      expect((await lift('', clerk)).status).toBe(403);
    });

    it('when the gateway posts a help-menu reply, it reaches the journey; 401 when the gateway token is missing', async () => {
      const { body: state } = await api.call('GET', `/v1/subscribers/${subscriberId}`, { token: clerk, route });
      const message = { from: state.subscriber.msisdn, messageId: `m-${subscriberId}`, text: '1' };
      expect((await api.call('POST', '/v1/sms/inbound', { body: message })).status).toBe(401);
      const routed = await api.call('POST', '/v1/sms/inbound', { token: gatewayToken, body: message });
      expect(routed.status).toBe(202);
      expect(
        (await api.call('POST', '/v1/sms/inbound', { token: gatewayToken, body: { ...message, from: '13900000000' } }))
          .status,
      ).toBe(404);
      expect(
        (await api.call('POST', '/v1/sms/inbound', { token: gatewayToken, body: { ...message, from: 'x' } })).status,
      ).toBe(400);
      await eventually(async () =>
        expect(
          await api.journeys.prisma.smsMessage.count({ where: { subscriberId, template: { startsWith: 'help_' } } }),
        ).toBeGreaterThan(1),
      );
    });

    it('when the BSS collects its orders, each is handed out once per lease, again when unanswered, answered once; a refusal reaches the journey', async () => {
      const { prisma } = api.journeys;
      const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
      const order = (toPlanCode: string) =>
        prisma.bssOrder.create({
          data: {
            idempotencyKey: `${handle.workflowId}:test-order-${toPlanCode}`,
            subscriberId,
            journeyId: handle.workflowId,
            kind: 'plan_change',
            fromPlanCode: 'A66',
            toPlanCode,
            status: 'pending',
          },
        });
      const [refused, carriedOut, byEvent] = [await order('B96'), await order('C66'), await order('B66')];
      const collectRoute = '/v1/bss/orders/collect';
      const collect = (query = '', token = activationToken) =>
        api.call('POST', `${collectRoute}${query}`, { token, route: collectRoute });
      const resultRoute = '/v1/bss/orders/:id/result';
      const answer = (id: string, body: unknown, token = activationToken) =>
        api.call('POST', `/v1/bss/orders/${id}/result`, { token, body, route: resultRoute });

      const first = await collect('?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.orders).toEqual([
        expect.objectContaining({
          id: refused.id,
          kind: 'plan_change',
          subscriberId,
          fromPlanCode: 'A66',
          toPlanCode: 'B96',
          status: 'delivered',
          deliveries: 1,
        }),
        expect.objectContaining({ id: carriedOut.id, toPlanCode: 'C66', deliveries: 1 }),
      ]);
      // Leased: the next collection gets only the third; once a lease runs out unanswered, the order again.
      expect((await collect()).body.orders.map((o: { id: string }) => o.id)).toEqual([byEvent.id]);
      expect((await collect()).body.orders).toEqual([]);
      await prisma.bssOrder.update({
        where: { id: carriedOut.id },
        data: { leaseUntil: new Date(Date.now() - 1_000) },
      });
      expect((await collect()).body.orders).toEqual([expect.objectContaining({ id: carriedOut.id, deliveries: 2 })]);

      const done = await answer(carriedOut.id, { result: 'completed' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ repeat: false, order: { status: 'completed', settledAt: expect.any(String) } });
      expect((await answer(carriedOut.id, { result: 'completed' })).body.repeat).toBe(true);
      const otherwise = await answer(carriedOut.id, { result: 'rejected', reason: '余额不足' });
      expect(otherwise.status).toBe(409);
      expect(otherwise.body.error.code).toBe('order_settled');
      expect((await answer(refused.id, { result: 'rejected' })).body.error.details).toEqual([
        { field: 'reason', reason: expect.stringMatching(/say why/) },
      ]);
      expect((await answer('not-a-uuid', { result: 'completed' })).status).toBe(400);
      expect((await answer('00000000-0000-4000-8000-000000000000', { result: 'completed' })).status).toBe(404);
      expect((await collect('?limit=0')).status).toBe(400);
      expect((await collect('', clerk)).status).toBe(403);
      expect((await api.call('POST', collectRoute, { route: collectRoute })).status).toBe(401);
      expect((await answer(refused.id, { result: 'completed' }, supervisor)).status).toBe(403);

      // A refusal goes on to the journey: the follow-up team tells the customer why.
      const rejected = await answer(refused.id, { result: 'rejected', reason: '合约期内不能变更套餐' });
      expect(rejected.body.order).toMatchObject({ status: 'rejected', reason: '合约期内不能变更套餐' });
      const task = await api.journeys.task(handle, 'plan_change_refused');
      expect(task).toMatchObject({
        role: 'followup',
        payload: expect.objectContaining({ orderId: refused.id, reason: '合约期内不能变更套餐' }),
      });

      // The BSS's planChanged event carries out an unanswered order to that plan.
      const event = await api.call('POST', `/v1/subscribers/${subscriberId}/events`, {
        token: activationToken,
        body: { type: 'planChanged', planCode: 'B66' },
        route: '/v1/subscribers/:id/events',
      });
      expect(event.status).toBe(202);
      expect(await prisma.bssOrder.findUniqueOrThrow({ where: { id: byEvent.id } })).toMatchObject({
        status: 'completed',
      });
      const state = await api.call('GET', `/v1/subscribers/${subscriberId}`, { token: supervisor, route });
      expect(state.body.bssOrders.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
        [refused.id, 'rejected'],
        [carriedOut.id, 'completed'],
        [byEvent.id, 'completed'],
      ]);
    });

    it('when a journey has ended, it takes no more events: 409 with the reason', async () => {
      const events = `/v1/subscribers/${subscriberId}/events`;
      const eventsRoute = '/v1/subscribers/:id/events';
      const left = await api.call('POST', events, {
        token: activationToken,
        body: { type: 'subscriberLeft', reason: '销户' },
        route: eventsRoute,
      });
      expect(left.status).toBe(202);
      await api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId)).result();
      const late = await api.call('POST', events, {
        token: activationToken,
        body: { type: 'dndChanged', on: true },
        route: eventsRoute,
      });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/completed/);
    });
  });

  describe('sign-in and access', () => {
    it('when the password is wrong, 401; after five failures for one account, 429', async () => {
      const attempt = () => api.call('POST', '/v1/sessions', { body: { username: 'tm.liu', password: 'guess' } });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await api.call('POST', '/v1/sessions', { body: { username: '' } })).status).toBe(400);
    });

    it('when staff sign out, the session ends at once', async () => {
      const token = await api.signIn('hotline.chen');
      expect((await api.call('GET', '/v1/tasks', { token })).status).toBe(200);
      expect((await api.call('DELETE', '/v1/sessions/current', { token })).status).toBe(204);
      expect((await api.call('GET', '/v1/tasks', { token })).status).toBe(401);
      expect((await api.call('DELETE', '/v1/sessions/current', { token })).status).toBe(401);
    });

    it('when any page is served, it carries the security headers', async () => {
      const { headers } = await api.call('GET', '/healthz');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('POST /v1/subscribers/:id/erasure', () => {
    it("when a supervisor erases a subscriber's personal data, it is erased once; 404 when unknown, 400 without a reason", async () => {
      const body = await activation();
      expect((await start(body)).status).toBe(201);
      const erase = (id: string, token: string, request: unknown) =>
        api.call('POST', `/v1/subscribers/${id}/erasure`, {
          token,
          body: request,
          route: '/v1/subscribers/:id/erasure',
        });
      expect((await erase(body.subscriberId, clerk, { reason: 'request' })).status).toBe(403);
      expect((await erase(body.subscriberId, supervisor, { reason: '' })).status).toBe(400);
      expect((await erase('NO-SUCH-ONE', supervisor, { reason: 'request' })).status).toBe(404);
      const first = await erase(body.subscriberId, supervisor, { reason: 'request 1' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ subscriberId: body.subscriberId, alreadyErased: false });
      expect((await erase(body.subscriberId, supervisor, { reason: 'request 2' })).body.alreadyErased).toBe(true);
    });
  });

  describe('GET /v1/openapi.json', () => {
    it('when the document is read, it names exactly the routes the app serves and every status the tests above received', async () => {
      const { body: document } = await api.call('GET', '/v1/openapi.json');
      const documented = Object.entries(
        document.paths as Record<string, Record<string, { responses: object }>>,
      ).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          key: `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
          statuses: Object.keys(operation.responses).map(Number),
        })),
      );
      const served = new Set(
        api.exchanges
          .filter((e) => e.route.startsWith('/v1/') && e.route !== '/v1/openapi.json')
          .map((e) => `${e.method} ${e.route}`),
      );
      expect(documented.map((d) => d.key).sort()).toEqual([...served].sort());
      for (const exchange of api.exchanges) {
        const entry = documented.find((d) => d.key === `${exchange.method} ${exchange.route}`);
        if (!entry) continue;
        expect({
          route: entry.key,
          status: exchange.status,
          documented: entry.statuses.includes(exchange.status),
        }).toEqual({
          route: entry.key,
          status: exchange.status,
          documented: true,
        });
      }
    });
  });
});
