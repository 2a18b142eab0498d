import { parse } from 'node-html-parser';
import { ApiHarness } from './support/api';
import { allDone, calendarDaySchedule, staff, type JourneyHandle } from './support/journey-harness';

// The next owners at work on the staff pages, through the real API and worker: the network team works
// a signal problem's ticket from its inbox, the supervisor picks a VIP's manager on the task's page,
// and the journey page shows the order for the BSS and the ticket's state.
describe('next owners on the staff pages', () => {
  let api: ApiHarness;
  let capacities: { id: string; capacity: number }[];
  let [standard, other, vip]: JourneyHandle[] = [];
  // Every journey starts before the first skip of time: activations are checked against the wall clock.
  beforeAll(async () => {
    api = await ApiHarness.start({ schedule: calendarDaySchedule });
    capacities = await api.journeys.prisma.staff.findMany({
      where: { role: 'account_manager' },
      select: { id: true, capacity: true },
    });
    await api.journeys.prisma.staff.updateMany({ where: { role: 'account_manager' }, data: { capacity: 0 } });
    [standard, other, vip] = [await api.activate(), await api.activate(), await api.activate({ tier: 'gold' })];
  });
  afterAll(async () => {
    for (const { id, capacity } of capacities ?? [])
      await api?.journeys.prisma.staff.update({ where: { id }, data: { capacity } });
    await api?.stop();
  });

  const html = (body: string) => parse(body);
  const complete = (taskId: string, token: string, outcome: unknown) =>
    api.call('POST', `/v1/tasks/${encodeURIComponent(taskId)}/complete`, { token, body: { outcome } });

  it('the network team resolves a ticket from its inbox; the journey page shows it and the order for the BSS', async () => {
    const [network, supervisor, followup] = [
      await api.signIn('network.zhao'),
      await api.signIn('supervisor.sun'),
      await api.signIn('followup.zhang'),
    ];
    const handle = standard!;
    const subscriberId = handle.workflowId.replace(/^journey-/, '');
    const coaching = await api.journeys.task(handle, 'onboarding_coaching');
    await api.journeys.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(coaching));
    await api.journeys.advance(4);
    const call = await api.journeys.task(handle, 'first_followup_call');
    const outcome = {
      result: 'reached',
      issues: [
        { category: 'tariff', handling: '客户要求改为B96', recommendBetterPlan: false, changePlanTo: 'B96' },
        { category: 'signal', address: '历下区泉城路1号地下室', description: '地下室无3G信号' },
      ],
    };
    expect((await complete(call.id, followup, outcome)).status).toBe(200);
    const ticket = await api.journeys.task(handle, 'network_ticket');

    const inbox = html((await api.page('/ui/tasks', { session: network })).body);
    const link = inbox.querySelector(`a[href="/ui/tasks/${encodeURIComponent(ticket.id)}"]`);
    expect(link?.text).toBe('信号问题网络工单');
    const page = html((await api.page(`/ui/tasks/${encodeURIComponent(ticket.id)}`, { session: network })).body);
    expect(page.querySelectorAll('[data-testid=network-ticket] dd').map((dd) => dd.text)[0]).toBe(
      '历下区泉城路1号地下室',
    );
    const requestId = page.querySelector('input[name=requestId]')!.getAttribute('value')!;
    const posted = await api.page(`/ui/tasks/${encodeURIComponent(ticket.id)}/complete`, {
      session: network,
      form: { requestId, result: 'resolved', note: '已调整基站天线' },
    });
    expect([posted.status, posted.location]).toEqual([303, `/ui/tasks?done=${encodeURIComponent(ticket.id)}`]);
    await api.journeys.until(handle, (s) => s.networkTickets[0]?.status === 'resolved');

    const journey = html((await api.page(`/ui/subscribers/${subscriberId}`, { session: supervisor })).body);
    expect(journey.querySelector('[data-testid=tickets] td')?.text).toBe('已解决（网络部门处理）');
    expect(
      journey
        .querySelectorAll('[data-testid=bss-orders] tbody td')
        .map((td) => td.text)
        .slice(0, 3),
    ).toEqual(['B96', '待业务支撑系统提取', '0']);
    // The network team sees the journeys of its tickets, no others (api/staff-access/scope.ts).
    expect((await api.page(`/ui/subscribers/${subscriberId}`, { session: network })).status).toBe(200);
    const otherId = other!.workflowId.replace(/^journey-/, '');
    expect((await api.page(`/ui/subscribers/${otherId}`, { session: network })).status).toBe(404);
    expect((await api.call('GET', `/v1/subscribers/${otherId}`, { token: network })).status).toBe(404);
    await api.journeys.leave(handle, other!);
  });

  it('the supervisor picks a VIP’s manager on the task’s page; one without a free place is refused, naming why', async () => {
    const supervisor = await api.signIn('supervisor.sun');
    const handle = vip!;
    const pick = await api.journeys.task(handle, 'vip_assignment');

    const full = await complete(pick.id, supervisor, { result: 'assigned', managerId: 'S-AM-JN-WANG' });
    expect(full.status).toBe(422);
    expect(full.body.error.details).toEqual([{ field: 'outcome.managerId', reason: 'no free place (0 of 0 VIPs)' }]);
    const elsewhere = await complete(pick.id, supervisor, { result: 'assigned', managerId: 'S-AM-QD-ZHAO' });
    expect(elsewhere.body.error.details).toEqual([
      { field: 'outcome.managerId', reason: 'serves region qingdao, not jinan' },
    ]);

    await api.journeys.prisma.staff.update({ where: { id: 'S-AM-JN-WANG' }, data: { capacity: 2 } });
    const page = html((await api.page(`/ui/tasks/${encodeURIComponent(pick.id)}`, { session: supervisor })).body);
    const options = page.querySelectorAll('select[name=managerId] option').map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'S-AM-JN-WANG']);
    const requestId = page.querySelector('input[name=requestId]')!.getAttribute('value')!;
    const posted = await api.page(`/ui/tasks/${encodeURIComponent(pick.id)}/complete`, {
      session: supervisor,
      form: { requestId, result: 'assigned', managerId: 'S-AM-JN-WANG' },
    });
    expect(posted.status).toBe(303);
    const assigned = await api.journeys.until(handle, (s) => s.accountManager !== undefined);
    expect(assigned.accountManager?.staffId).toBe('S-AM-JN-WANG');
    expect(assigned.tasks.find((task) => task.id === pick.id)).toMatchObject({
      status: 'completed',
      completedBy: 'S-SUPERVISOR',
    });
    await api.journeys.leave(handle);
  });
});
