import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createActivities, type Activities } from '../activities';
import { outboxProvider } from '../activities/sms-provider';
import { dndChanged, subscriberLeft, tierChanged, usageReported, vipRated } from '../workflows/messages';
import { defaultSchedule } from '../workflows/schedule';
import { JourneyHarness, staff } from './support/journey-harness';

// Events that arrive while the journey waits for an activity: the moment must act on the state as
// it is when the activity comes back, not as it was when it began (docs/simulation.md#breaches-it-found).
// Each activity named here is the real one, held back while the test sends the event.
describe('events that arrive while an activity is in flight', () => {
  let harness: JourneyHarness;
  /** Activities held back until the test lets them go. */
  const held = new Map<string, { started: () => void; release: Promise<void> }>();
  let real: Activities;

  function holdNext(name: string): { started: Promise<void>; release: () => void } {
    let started!: () => void;
    let release!: () => void;
    const startedPromise = new Promise<void>((done) => (started = done));
    held.set(name, { started, release: new Promise<void>((done) => (release = done)) });
    return { started: startedPromise, release };
  }

  /** Waits while the test holds the next call of `name` back. */
  async function holdBack(name: string): Promise<void> {
    const hold = held.get(name);
    if (!hold) return;
    held.delete(name);
    hold.started();
    await hold.release;
  }

  beforeAll(async () => {
    harness = await JourneyHarness.start({
      faults: {
        assignAccountManager: async (request) => {
          await holdBack('assignAccountManager');
          return real.assignAccountManager(request);
        },
        recommendServices: async (request) => {
          await holdBack('recommendServices');
          return real.recommendServices(request);
        },
        analysePlanFit: async (request) => {
          await holdBack('analysePlanFit');
          return real.analysePlanFit(request);
        },
        openTask: async (request) => {
          await holdBack(`openTask:${request.task.type}`);
          return real.openTask(request);
        },
        updateSubscriber: async (request) => {
          if (request.tier !== undefined) await holdBack('updateSubscriber:tier');
          if (request.dnd !== undefined) await holdBack('updateSubscriber:dnd');
          return real.updateSubscriber(request);
        },
        sendSms: async (request) => {
          await holdBack(`sms:${request.sms.template}`);
          return real.sendSms(request);
        },
        // The escalation's write fails once, as a database blip would, after the test had it wait.
        saveTask: async (write) => {
          if (write.audit?.type === 'task_escalated' && held.has('escalation')) {
            await holdBack('escalation');
            throw new Error('the connection to the database was reset');
          }
          return real.saveTask(write);
        },
      },
    });
    real = createActivities({ prisma: harness.prisma, smsProvider: outboxProvider, protection: harness.protection });
  });
  afterAll(() => harness?.stop());

  it('a downgrade while the manager is being assigned: the manager is released, no first call for a standard customer', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    const assignment = holdNext('assignAccountManager');
    await handle.signal(vipRated, { tier: 'gold' });
    await assignment.started;
    await handle.signal(tierChanged, { tier: 'standard' });
    await harness.until(handle, (s) => s.tier === 'standard');
    assignment.release();
    const state = await harness.until(handle, (s) =>
      s.timeline.some(
        (entry) => entry.kind === 'account_manager_released' && entry.detail?.reason === 'no longer VIP when assigned',
      ),
    );
    expect(state.accountManager).toBeUndefined();
    await sleep(500);
    expect((await harness.state(handle)).tasks.some((task) => task.type === 'vip_first_call')).toBe(false);
    const open = await harness.prisma.vipAssignment.count({
      where: { subscriberId: subscriber.subscriberId, endedAt: null },
    });
    expect(open).toBe(0);
    await harness.leave(handle);
  });

  it('DND while telemarketing ranks its services: no telemarketing call', async () => {
    const handle = await harness.startJourney(await harness.activation());
    const ranking = holdNext('recommendServices');
    // To 3 s before day 30, then real time: the server must not skip time while the activity is held
    // (it would skip past the activity's timeout and retry it).
    await harness.env.sleep(30 * 86_400_000 - 3_000);
    await ranking.started;
    await handle.signal(dndChanged, { on: true });
    await harness.until(handle, (s) => s.dnd);
    ranking.release();
    const state = await harness.until(handle, (s) =>
      s.timeline.some((entry) => entry.kind === 'telemarketing_skipped'),
    );
    expect(state.tasks.some((task) => task.type === 'vas_telemarketing')).toBe(false);
    await harness.leave(handle);
  });

  it('rated diamond while telemarketing ranks its services, the tier still being written: no telemarketing call', async () => {
    const handle = await harness.startJourney(await harness.activation());
    const ranking = holdNext('recommendServices');
    await harness.env.sleep(30 * 86_400_000 - 3_000);
    await ranking.started;
    const tierWrite = holdNext('updateSubscriber:tier');
    await handle.signal(vipRated, { tier: 'diamond' });
    await tierWrite.started;
    // The ranking answers while the new tier is still being written: the call is decided now.
    ranking.release();
    await sleep(1_000);
    tierWrite.release();
    const state = await harness.until(handle, (s) =>
      s.timeline.some((entry) => entry.kind === 'telemarketing_skipped'),
    );
    expect([state.tier, state.dnd]).toEqual(['diamond', true]);
    expect(state.tasks.some((task) => task.type === 'vas_telemarketing')).toBe(false);
    await harness.leave(handle);
  });

  it('DND while the telemarketing call is being opened in working time: the call is cancelled before anyone has it', async () => {
    // Working-time deadlines: the journey takes the task only once its inbox row is written.
    const handle = await harness.startJourney(await harness.activation(), { schedule: defaultSchedule });
    const opening = holdNext('openTask:vas_telemarketing');
    await harness.env.sleep(30 * 86_400_000 - 3_000);
    await opening.started;
    await handle.signal(dndChanged, { on: true });
    await harness.until(handle, (s) => s.dnd);
    opening.release();
    const state = await harness.until(handle, (s) => s.tasks.some((task) => task.type === 'vas_telemarketing'));
    const call = state.tasks.find((task) => task.type === 'vas_telemarketing');
    expect(call).toMatchObject({ status: 'cancelled', endReason: 'do-not-disturb', attempts: [] });
    await harness.leave(handle);
  });

  it('DND while the telemarketing call is open, its end still being written: staff can neither try nor complete the call', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.env.sleep(31 * 86_400_000);
    const call = await harness.task(handle, 'vas_telemarketing');
    const dndWrite = holdNext('updateSubscriber:dnd');
    await handle.signal(dndChanged, { on: true });
    await dndWrite.started;
    for (const outcome of [{ result: 'not_reached' }, { result: 'declined' }] as const) {
      const refused = await harness
        .complete(handle, 'vas_telemarketing', staff.telemarketing, outcome)
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'DoNotDisturb' });
    }
    dndWrite.release();
    const state = await harness.until(handle, (s) =>
      s.tasks.some((task) => task.id === call.id && task.status !== 'open'),
    );
    expect(state.tasks.find((task) => task.id === call.id)).toMatchObject({
      status: 'cancelled',
      endReason: 'do-not-disturb',
      attempts: [],
    });
    await harness.leave(handle);
  });

  it('the subscriber leaves while an escalation is being recorded: the supervisor is still told, once', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    const coaching = await harness.task(handle, 'onboarding_coaching');
    const escalation = holdNext('escalation');
    // To 3 s before the coaching falls due, then real time (see the DND case above).
    await harness.env.sleep(Date.parse(coaching.dueAt) - (await harness.env.currentTimeMs()) - 3_000);
    await escalation.started;
    await handle.signal(subscriberLeft, { reason: 'moved abroad' });
    escalation.release();
    await handle.result();

    const state = await harness.state(handle);
    const task = state.tasks.find((candidate) => candidate.id === coaching.id);
    expect([task?.status, task?.escalatedAt !== undefined]).toEqual(['cancelled', true]);
    const audits = await harness.prisma.auditEvent.findMany({
      where: { idempotencyKey: `${coaching.id}:escalated` },
    });
    expect(audits).toHaveLength(1);
  });

  it('the subscriber leaves while an SMS is being sent: the journey records it, sends nothing after, and ends', async () => {
    const subscriber = await harness.activation();
    const helpMenu = holdNext('sms:help_menu');
    const handle = await harness.startJourney(subscriber);
    await helpMenu.started;
    await handle.signal(subscriberLeft, { reason: 'moved abroad' });
    // The journey waits for the message the gateway may already have: it does not end meanwhile.
    await sleep(500);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    helpMenu.release();
    await handle.result();

    const state = await harness.state(handle);
    expect(state.status).toBe('cancelled');
    expect(state.sms.map((sms) => sms.template)).toContain('help_menu');
    const outbox = await harness.prisma.smsMessage.findMany({ where: { subscriberId: subscriber.subscriberId } });
    expect(outbox.map((row) => row.idempotencyKey).sort()).toEqual(state.sms.map((sms) => sms.idempotencyKey).sort());
  });

  it('a downgrade while plan fit is analysed: no consultation for the manager who was released', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.until(handle, (s) => s.accountManager !== undefined);
    // Voice-heavy months on A66: a large overage the manager would talk through.
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    const analysis = holdNext('analysePlanFit');
    await harness.env.sleep(60 * 86_400_000 - 3_000);
    await analysis.started;
    await handle.signal(tierChanged, { tier: 'standard' });
    await harness.until(handle, (s) => s.accountManager === undefined);
    analysis.release();
    const state = await harness.until(handle, (s) => s.timeline.some((entry) => entry.kind === 'plan_fit_analysed'));
    await sleep(500);
    // Either result makes a consultation for a VIP's manager.
    expect(['recommend', 'large_overage']).toContain(
      state.timeline.find((entry) => entry.kind === 'plan_fit_analysed')?.detail?.result,
    );
    expect((await harness.state(handle)).tasks.some((task) => task.type === 'plan_fit_consultation')).toBe(false);
    await harness.leave(handle);
  });
});
