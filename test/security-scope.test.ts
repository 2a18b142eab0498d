import { SESSION_COOKIE } from '../api/staff-access/auth';
import { vipRated } from '../workflows/messages';
import { journeyWorkflowId } from '../workflows/state';
import { activationToken, ApiHarness } from './support/api';

// One rule decides who sees one subscriber (api/staff-access/scope.ts): the same answer from the API and from
// every staff page, and a 404 — as if it did not exist — for anyone outside it.
describe('reads of one subscriber are scoped to the staff who serve them', () => {
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  let subscriberId: string;
  let coachingTaskId: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    for (const username of [
      'store.jn001',
      'store.jn002',
      'followup.zhang',
      'tm.liu',
      'am.li',
      'am.wang',
      'supervisor.sun',
    ]) {
      tokens[username] = await api.signIn(username);
    }
    const profile = await api.activation({ subscriberId: `SCOPE-${Date.now().toString(36)}`, msisdn: '13612345678' });
    subscriberId = profile.subscriberId;
    expect((await api.call('POST', '/v1/subscribers', { token: activationToken, body: profile })).status).toBe(201);
    coachingTaskId = (await api.journeys.task(handle(), 'onboarding_coaching')).id;
  });
  afterAll(() => api?.stop());

  const handle = () => api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));

  /** What each way of reading the subscriber answers this staff member: API, journey page, task page. */
  async function reads(username: string) {
    const token = tokens[username]!;
    const page = (path: string) =>
      api.call('GET', path, { headers: { cookie: `${SESSION_COOKIE}=${token}` } }).then((answer) => answer.status);
    return {
      api: (await api.call('GET', `/v1/subscribers/${subscriberId}`, { token })).status,
      journeyPage: await page(`/ui/subscribers/${subscriberId}`),
      taskPage: await page(`/ui/tasks/${encodeURIComponent(coachingTaskId)}`),
    };
  }

  it('the clerks of the activating store and the supervisor read it; a clerk of another store gets 404 everywhere', async () => {
    expect(await reads('store.jn001')).toEqual({ api: 200, journeyPage: 200, taskPage: 200 });
    expect(await reads('supervisor.sun')).toEqual({ api: 200, journeyPage: 200, taskPage: 200 });
    expect(await reads('store.jn002')).toEqual({ api: 404, journeyPage: 404, taskPage: 404 });
  });

  it('agents of other roles see nothing of a subscriber they have no task for', async () => {
    expect(await reads('followup.zhang')).toEqual({ api: 404, journeyPage: 404, taskPage: 404 });
    expect(await reads('tm.liu')).toEqual({ api: 404, journeyPage: 404, taskPage: 404 });
    expect(await reads('am.li')).toEqual({ api: 404, journeyPage: 404, taskPage: 404 });
  });

  it('an unknown subscriber or task looks the same as one outside the scope', async () => {
    const token = tokens['store.jn002']!;
    const unknown = await api.call('GET', '/v1/subscribers/NO-SUCH-ONE', { token });
    const outside = await api.call('GET', `/v1/subscribers/${subscriberId}`, { token });
    expect(unknown.status).toBe(404);
    expect({ ...outside.body.error, message: '' }).toEqual({ ...unknown.body.error, message: '' });
  });

  it('the account manager assigned to the VIP reads it; another manager does not', async () => {
    await handle().signal(vipRated, { tier: 'gold' });
    await api.journeys.until(handle(), (state) => state.accountManager !== undefined);
    const manager = (await api.journeys.state(handle())).accountManager!.staffId;
    const [mine, other] = manager === 'S-AM-JN-LI' ? ['am.li', 'am.wang'] : ['am.wang', 'am.li'];
    expect((await reads(mine)).api).toBe(200);
    expect((await reads(mine)).journeyPage).toBe(200);
    expect(await reads(other)).toEqual({ api: 404, journeyPage: 404, taskPage: 404 });
  });

  it('a follow-up agent reads a subscriber once their call task is open in the pool', async () => {
    const profile = await api.activation({
      subscriberId: `SCOPE-F-${Date.now().toString(36)}`,
      msisdn: '13612345679',
    });
    expect((await api.call('POST', '/v1/subscribers', { token: activationToken, body: profile })).status).toBe(201);
    const followed = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(profile.subscriberId));
    const read = () => api.call('GET', `/v1/subscribers/${profile.subscriberId}`, { token: tokens['followup.zhang'] });
    expect((await read()).status).toBe(404);
    await api.journeys.advance(4);
    await api.journeys.task(followed, 'first_followup_call');
    expect((await read()).status).toBe(200);
  });
});
