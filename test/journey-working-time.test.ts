import { deadlinesOn, hoursFor, workingCalendar } from '../activities/business-calendar';
import { createJourneyActivities } from '../activities/journeys';
import { createTaskActivities } from '../activities/tasks';
import { changeCalendarHours } from '../api/journeys/calendar-admin';
import { addWorkingTime } from '../domain/working-time';
import { hotlineAbnormalHangup } from '../workflows/messages';
import { defaultSchedule } from '../workflows/schedule';
import type { ActivationProfile } from '../workflows/state';
import type { JourneyTask, TaskType } from '../workflows/tasks';
import { JourneyHarness, type JourneyHandle } from './support/journey-harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Deadlines inside the plan's windows, in working time (docs/calendar.md#task-deadlines), on the
// default schedule and the calendars the migrations set. Activations in the past pin the calendar
// (国庆节 2026, a Sunday at a store closed on Mondays): the journey catches up at once, and each task
// keeps the due time counted when it opened.
describe("tasks fall due inside the plan's windows, in working time", () => {
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

  it('activated at 23:30 on the eve of 国庆节: coaching is due inside days 0–3, on the holiday the store works', async () => {
    const activatedAt = '2026-09-30T15:30:00.000Z';
    const handle = await start(await harness.activation({ activatedAt, storeId: 'JN001' }));
    const coaching = await taskOf(handle, 'onboarding_coaching');
    // Stores open through public holidays, 09:00–18:00: three store days are 1, 2 and 3 October, due
    // at 18:00 on the 3rd (day 3 ends at 23:30); working time alone made it 10 October before.
    const store = workingCalendar((await hoursFor(harness.prisma, 'store', 'JN001')).hours, Date.parse(activatedAt));
    expect(coaching).toMatchObject({
      dueAt: '2026-10-03T10:00:00.000Z',
      windowEndsAt: '2026-10-03T15:30:00.000Z',
      dueAtWindowEnd: false,
      expiresAt: new Date(
        addWorkingTime(store, Date.parse('2026-10-03T10:00:00.000Z'), { workingHours: 48 }),
      ).toISOString(),
      calendarVersion: 'chinese-days@1.5.7 store#2',
    });
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: coaching.id } });
    expect(row).toMatchObject({ calendarVersion: 'chinese-days@1.5.7 store#2', dueAtWindowEnd: false });
    expect(row.windowEndsAt?.toISOString()).toBe('2026-10-03T15:30:00.000Z');

    // The follow-up's window (day 4–10, to 10 October 23:30) was over when the late journey opened it:
    // due at the window's end, and the task says so (it gave one more working day before).
    const followup = await taskOf(handle, 'first_followup_call');
    expect(followup).toMatchObject({
      dueAt: '2026-10-10T15:30:00.000Z',
      windowEndsAt: '2026-10-10T15:30:00.000Z',
      dueAtWindowEnd: true,
      calendarVersion: 'chinese-days@1.5.7 call_centre#2',
    });
    const followupRow = await harness.prisma.task.findUniqueOrThrow({ where: { id: followup.id } });
    expect(followupRow.dueAtWindowEnd).toBe(true);
  });

  it('a store closed on Mondays: due by Wednesday 17:00, the end of day 3, not Thursday; closed through the window, due at its end and flagged; new hours apply to tasks opened afterwards only', async () => {
    const sunday = { activatedAt: '2026-11-22T09:00:00.000Z', storeId: 'JN002' };
    const before = await start(await harness.activation(sunday));
    const first = await taskOf(before, 'onboarding_coaching');
    // Three working days from Sunday 17:00 (Tuesday, Wednesday, Thursday) end past day 3.
    expect(first).toMatchObject({
      dueAt: '2026-11-25T09:00:00.000Z',
      dueAtWindowEnd: false,
      calendarVersion: 'chinese-days@1.5.7 store:JN002#1',
    });

    // The store closes on Tuesdays too, and on Wednesday 25 November: an activation after Sunday's
    // close leaves it no working time by the end of day 3.
    await changeCalendarHours(
      harness.prisma,
      {
        calendar: 'store:JN002',
        opens: '09:00',
        closes: '18:00',
        closedWeekdays: [1, 2],
        closedDates: ['2026-11-25'],
        closedOnPublicHolidays: false,
      },
      'S-SUPERVISOR',
    );
    const late = await start(await harness.activation({ ...sunday, activatedAt: '2026-11-22T10:30:00.000Z' }));
    expect(await taskOf(late, 'onboarding_coaching')).toMatchObject({
      dueAt: '2026-11-25T10:30:00.000Z',
      windowEndsAt: '2026-11-25T10:30:00.000Z',
      dueAtWindowEnd: true,
      calendarVersion: 'chinese-days@1.5.7 store:JN002#2',
    });
    expect((await harness.state(before)).tasks.find((task) => task.id === first.id)).toMatchObject({
      dueAt: first.dueAt,
      calendarVersion: first.calendarVersion,
    });
  });

  it('春节: the manager’s first call, counted as the VIP journey asks, is due within 7 calendar days of the assignment', async () => {
    // The test server's clock cannot go back to February 2026: the deadline activity counts the first
    // call's request as the journey sends it (workflows/moments/vip-service.ts), assigned on Friday
    // 13 February 10:00, two days before the holiday.
    const { openTask } = createTaskActivities(harness.prisma);
    const subscriber = await harness.activation({ storeId: 'JN001', tier: 'gold' });
    const journeyId = `journey-${subscriber.subscriberId}`;
    await createJourneyActivities(harness.prisma).registerJourney({ journeyId, subscriber });
    const assignedAt = Date.parse('2026-02-13T02:00:00.000Z');
    const firstCall = (id: string) =>
      openTask({
        journeyId,
        subscriberId: subscriber.subscriberId,
        task: {
          id: `${journeyId}:${id}`,
          type: 'vip_first_call',
          role: 'account_manager',
          assigneeId: 'S-AM-JN-LI',
          status: 'open',
          availableAt: new Date(assignedAt).toISOString(),
          dueAt: new Date(assignedAt + 7 * DAY).toISOString(),
          windowEndsAt: new Date(assignedAt + 7 * DAY).toISOString(),
          payload: {},
          attempts: [],
          maxAttempts: 1,
          revision: 1,
        },
        deadline: {
          role: 'account_manager',
          storeId: 'JN001',
          deadline: { workingDays: 7, from: assignedAt, windowEndsAt: assignedAt + 7 * DAY },
          overdueGraceHours: 48,
        },
      });
    // Stores work through 春节: 7 store days are 7 calendar days.
    expect(await firstCall('spring-festival')).toMatchObject({
      dueAt: '2026-02-20T02:00:00.000Z',
      dueAtWindowEnd: false,
    });
    // A store that keeps the holidays would count 7 working days to 1 March; inside the 7 days its
    // last working time is the 调休 Saturday 14 February, 18:00.
    await changeCalendarHours(
      harness.prisma,
      {
        calendar: 'store:JN001',
        opens: '09:00',
        closes: '18:00',
        closedWeekdays: [],
        closedDates: [],
        closedOnPublicHolidays: true,
      },
      'S-SUPERVISOR',
    );
    expect(await firstCall('spring-festival-closed')).toMatchObject({
      dueAt: '2026-02-14T10:00:00.000Z',
      dueAtWindowEnd: false,
      calendarVersion: 'chinese-days@1.5.7 store:JN001#1',
    });
  });

  it('an overdue task is escalated at its due time inside the window and expires 48 working hours later', async () => {
    const subscriber = await harness.activation({ storeId: 'QD001' });
    const handle = await start(subscriber);
    const coaching = await taskOf(handle, 'onboarding_coaching');
    const activatedAt = Date.parse(subscriber.activatedAt);
    const qingdao = await hoursFor(harness.prisma, 'store', 'QD001');
    const deadline = { workingDays: 3, from: activatedAt, windowEndsAt: activatedAt + 3 * DAY };
    const { dueAt, expiresAt } = deadlinesOn(qingdao.hours, activatedAt, deadline, 48);
    expect([coaching.dueAt, coaching.expiresAt]).toEqual([
      new Date(dueAt).toISOString(),
      new Date(expiresAt).toISOString(),
    ]);
    expect(dueAt).toBeLessThanOrEqual(activatedAt + 3 * DAY);
    // Six eight-hour days at least (closed on Sundays): more than the 48 calendar hours of before.
    expect(expiresAt - dueAt).toBeGreaterThan(6 * DAY - 16 * HOUR);

    await harness.env.sleep(expiresAt - (await harness.env.currentTimeMs()) + 60_000);
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: coaching.id } });
    expect(row.status).toBe('expired');
    expect(row.escalatedAt!.getTime() - dueAt).toBeWithin(0, 1_000);
    expect(row.endedAt!.getTime() - expiresAt).toBeWithin(0, 1_000);
  });

  it('a VIP hanging up on Friday at 20:00 is called back by the hotline within 2 clock hours, not on Monday', async () => {
    const now = await harness.env.currentTimeMs();
    // The next Friday 20:00 in Shanghai (12:00 UTC), a day or more ahead.
    const friday = Date.parse(`${new Date(now + DAY).toISOString().slice(0, 10)}T12:00:00.000Z`);
    const hangupAt = friday + ((5 - new Date(friday).getUTCDay() + 7) % 7) * DAY;
    await harness.env.sleep(hangupAt - now);
    const handle = await start(await harness.activation({ tier: 'gold' }));
    await harness.task(handle, 'onboarding_coaching');
    await handle.signal(hotlineAbnormalHangup, { at: new Date(hangupAt).toISOString() });
    const callback = await taskOf(handle, 'hotline_callback');
    expect(callback).toMatchObject({
      dueAt: new Date(hangupAt + 2 * HOUR).toISOString(),
      windowEndsAt: new Date(hangupAt + 2 * HOUR).toISOString(),
      dueAtWindowEnd: false,
      calendarVersion: 'chinese-days@1.5.7 hotline#1',
    });
  });
});
