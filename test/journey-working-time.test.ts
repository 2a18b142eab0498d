import { workingCalendar } from '../activities/business-calendar';
import { changeStoreHours } from '../api/business-calendar';
import { addWorkingTime } from '../domain/working-time';
import { defaultSchedule } from '../workflows/schedule';
import type { ActivationProfile } from '../workflows/state';
import type { JourneyTask, TaskType } from '../workflows/tasks';
import { JourneyHarness, type JourneyHandle } from './support/journey-harness';

// Deadlines in working time (docs/calendar.md#task-deadlines), on the default schedule. Activations
// in the past pin the calendar (国庆节 2026, a Sunday at a store closed on Mondays): the journey
// catches up at once, and each task keeps the due time counted when it opened.
describe('tasks fall due in working time on China’s calendar', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  // Journeys end together after the last test: awaiting an end lets the server skip time, and the
  // journeys activated in the past would then run out before the next test's assertions.
  const handles: JourneyHandle[] = [];
  afterAll(async () => {
    const running: JourneyHandle[] = [];
    for (const handle of handles) if ((await harness.state(handle)).status === 'running') running.push(handle);
    await harness.leave(...running);
    await harness.stop();
  });

  async function start(profile: ActivationProfile): Promise<JourneyHandle> {
    const handle = await harness.startJourney(profile, { schedule: defaultSchedule });
    handles.push(handle);
    return handle;
  }
  async function taskOf(handle: JourneyHandle, type: TaskType): Promise<JourneyTask> {
    const state = await harness.until(handle, (current) => current.tasks.some((task) => task.type === type));
    return state.tasks.find((task) => task.type === type)!;
  }

  it('activated at 23:30 on the eve of 国庆节: coaching is due after three store days past the holiday', async () => {
    const handle = await start(await harness.activation({ activatedAt: '2026-09-30T15:30:00.000Z', storeId: 'JN001' }));
    const coaching = await taskOf(handle, 'onboarding_coaching');
    // 8, 9 and 10 October, 09:00–18:00: due at 18:00 on the 10th; 48 working hours of grace end 16 Oct 12:00.
    expect(coaching).toMatchObject({
      dueAt: '2026-10-10T10:00:00.000Z',
      expiresAt: '2026-10-16T04:00:00.000Z',
      calendarVersion: 'chinese-days@1.5.7 store#1',
    });
    const followup = await taskOf(handle, 'first_followup_call');
    // Its window (day 4–10, to 10 Oct) was over when the late journey opened it: one call-centre day from now.
    const openedAt = Date.parse(followup.availableAt);
    const callCentre = workingCalendar({ opens: '09:00', closes: '21:00', closedWeekdays: [6, 7] }, openedAt);
    expect(followup).toMatchObject({
      dueAt: new Date(addWorkingTime(callCentre, openedAt, { workingDays: 1 })).toISOString(),
      calendarVersion: 'chinese-days@1.5.7 call_centre#1',
    });
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: coaching.id } });
    expect(row.calendarVersion).toBe('chinese-days@1.5.7 store#1');
  });

  it('a store closed on Mondays: three days from Sunday 17:00 end on Thursday; new hours apply to tasks opened afterwards only', async () => {
    const sunday = { activatedAt: '2026-11-22T09:00:00.000Z', storeId: 'JN002' };
    const before = await start(await harness.activation(sunday));
    const first = await taskOf(before, 'onboarding_coaching');
    expect(first).toMatchObject({
      dueAt: '2026-11-26T09:00:00.000Z',
      calendarVersion: 'chinese-days@1.5.7 store:JN002#1',
    });

    const hours = { storeId: 'JN002', opens: '09:00', closes: '18:00', closedWeekdays: [1, 2] };
    await changeStoreHours(harness.prisma, hours, 'S-SUPERVISOR');
    const after = await start(await harness.activation(sunday));
    expect(await taskOf(after, 'onboarding_coaching')).toMatchObject({
      dueAt: '2026-11-27T09:00:00.000Z',
      calendarVersion: 'chinese-days@1.5.7 store:JN002#2',
    });
    expect((await harness.state(before)).tasks.find((task) => task.id === first.id)).toMatchObject({
      dueAt: first.dueAt,
      calendarVersion: first.calendarVersion,
    });
  });

  it('an overdue task is escalated at its working-time due time and expires 48 working hours later', async () => {
    const subscriber = await harness.activation({ storeId: 'QD001' });
    const handle = await start(subscriber);
    const coaching = await taskOf(handle, 'onboarding_coaching');
    const activatedAt = Date.parse(subscriber.activatedAt);
    const qingdao = workingCalendar({ opens: '09:30', closes: '17:30', closedWeekdays: [7] }, activatedAt);
    const dueAt = addWorkingTime(qingdao, activatedAt, { workingDays: 3 });
    const expiresAt = addWorkingTime(qingdao, dueAt, { workingHours: 48 });
    expect([coaching.dueAt, coaching.expiresAt]).toEqual([
      new Date(dueAt).toISOString(),
      new Date(expiresAt).toISOString(),
    ]);
    // Six eight-hour days at least: more than the 48 calendar hours of before.
    expect(expiresAt - dueAt).toBeGreaterThan(6 * 86_400_000 - 16 * 3_600_000);

    await harness.env.sleep(expiresAt - (await harness.env.currentTimeMs()) + 60_000);
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: coaching.id } });
    expect(row.status).toBe('expired');
    expect(row.escalatedAt!.getTime() - dueAt).toBeWithin(0, 1_000);
    expect(row.endedAt!.getTime() - expiresAt).toBeWithin(0, 1_000);
  });
});
