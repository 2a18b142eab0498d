import { workingCalendar } from '../activities/business-calendar';
import { hotlineAbnormalHangup, vipRated } from '../workflows/messages';
import { defaultSchedule } from '../workflows/schedule';
import type { JourneyState } from '../workflows/state';
import { JourneyHarness, type JourneyHandle } from './support/journey-harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The first Wednesday 10:00 in Shanghai a day or more after `now` whose next eleven days hold no
 * public holiday and no make-up working day: every calendar is open on its usual days, so the plan's
 * windows and the working time production counts in agree, whatever day the suite runs.
 */
function calmWednesday(now: number): number {
  const officeHours = {
    opens: '09:00',
    closes: '18:00',
    closedWeekdays: [],
    closedDates: [],
    closedOnPublicHolidays: true,
  };
  const { holidays, makeUpWorkdays } = workingCalendar(officeHours, now);
  // 10:00 in Shanghai is 02:00 UTC, on the same date.
  const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10);
  for (let ahead = 1; ahead < 400; ahead++) {
    const at = Date.parse(`${dateOf(now + ahead * DAY + 8 * HOUR)}T10:00:00+08:00`);
    if (new Date(at).getUTCDay() !== 3) continue;
    const days = Array.from({ length: 12 }, (_, offset) => dateOf(at + offset * DAY));
    if (days.every((day) => !holidays.includes(day) && !makeUpWorkdays.includes(day))) return at;
  }
  throw new Error('no calm week in the coming year');
}

// The plan's VIP deadlines on the default schedule, whose tasks are due in working time as in
// production (the harness's other tests count calendar days): the assignment within 3 days of the
// rating, the manager's first call within 7 days of the assignment, the hotline's callback within 2
// hours of a VIP's abnormal hang-up. The rating and the assignment are apart (no manager free at
// first), so counting from the wrong one of them, or past the limit, fails.
describe("the plan's VIP deadlines in working time", () => {
  let harness: JourneyHarness;
  let capacities: { id: string; capacity: number }[];
  let start: number;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
    capacities = await harness.prisma.staff.findMany({
      where: { role: 'account_manager' },
      select: { id: true, capacity: true },
    });
    const now = await harness.env.currentTimeMs();
    start = calmWednesday(now);
    await harness.env.sleep(start - now);
  });
  const handles: JourneyHandle[] = [];
  afterAll(async () => {
    await harness.leave(...handles);
    await harness.stop();
  });

  const sleepUntil = async (at: number) => harness.env.sleep(Math.max(0, at - (await harness.env.currentTimeMs())));
  const noManagerFree = () =>
    harness.prisma.staff.updateMany({ where: { role: 'account_manager' }, data: { capacity: 0 } });
  async function managersFree(): Promise<void> {
    for (const { id, capacity } of capacities) await harness.prisma.staff.update({ where: { id }, data: { capacity } });
  }
  const entry = (state: JourneyState, kind: string) => state.timeline.find((candidate) => candidate.kind === kind);

  /** A standard subscriber of store JN001, activated now, on the default schedule, rated gold at `ratedOn`. */
  async function ratedGold(ratedOn: number): Promise<{ handle: JourneyHandle; ratedAt: number }> {
    const handle = await harness.startJourney(await harness.activation({ storeId: 'JN001' }), {
      schedule: defaultSchedule,
    });
    handles.push(handle);
    await sleepUntil(ratedOn);
    await handle.signal(vipRated, { tier: 'gold' });
    const rated = await harness.until(handle, (state) => entry(state, 'vip_rated') !== undefined);
    return { handle, ratedAt: Date.parse(entry(rated, 'vip_rated')!.at) };
  }

  it('rated on day 2, a manager free a day later: assigned within 3 days of the rating, the first call due 7 days after the assignment; a hang-up called back within 2 hours', async () => {
    await noManagerFree();
    const { handle, ratedAt } = await ratedGold(start + 2 * DAY);
    await sleepUntil(ratedAt + 27 * HOUR);
    await managersFree();
    // The journey tries again 6 hours after each failed try (a try retries for a few minutes): the
    // sixth, some 30 hours after the rating, finds the manager.
    await sleepUntil(ratedAt + 31 * HOUR);
    const assigned = await harness.until(handle, (state) => state.accountManager !== undefined);
    const assignedAt = Date.parse(assigned.accountManager!.assignedAt);
    expect(assignedAt - ratedAt).toBeWithin(29 * HOUR, 2 * HOUR);
    // Day 2 + 30 hours is past day 3 of the journey: the 3 days count from the rating, not the activation.
    expect(assignedAt - start).toBeGreaterThan(3 * DAY);
    expect(entry(assigned, 'account_manager_assigned')?.detail).toMatchObject({ withinSla: true });
    expect(entry(assigned, 'assignment_escalated')).toBeUndefined();

    const firstCall = assigned.tasks.find((task) => task.type === 'vip_first_call')!;
    // Counted in the store's working time (its calendar recorded), and 7 days from the assignment.
    expect(firstCall.calendarVersion).toBeDefined();
    expect(Date.parse(firstCall.dueAt) - assignedAt).toBe(7 * DAY);

    // The next Wednesday, 10:00: the hotline calls back by 12:00.
    const hangupAt = start + 7 * DAY;
    await sleepUntil(hangupAt);
    await handle.signal(hotlineAbnormalHangup, { at: new Date(hangupAt).toISOString() });
    const called = await harness.until(handle, (state) => state.tasks.some((task) => task.type === 'hotline_callback'));
    const callback = called.tasks.find((task) => task.type === 'hotline_callback')!;
    expect(callback.calendarVersion).toBeDefined();
    expect(Date.parse(callback.dueAt) - hangupAt).toBe(2 * HOUR);
  });

  it('no manager free for 80 hours after the rating: the supervisor is told once, 3 days after the rating', async () => {
    await noManagerFree();
    const { handle, ratedAt } = await ratedGold(await harness.env.currentTimeMs());
    await sleepUntil(ratedAt + 80 * HOUR);
    await managersFree();
    await sleepUntil(ratedAt + 88 * HOUR);
    const assigned = await harness.until(handle, (state) => state.accountManager !== undefined);
    const escalations = assigned.timeline.filter((candidate) => candidate.kind === 'assignment_escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.detail).toEqual({ slaDeadline: new Date(ratedAt + 3 * DAY).toISOString() });
    // At the first try past the deadline (the tries are 6 hours apart).
    expect(Date.parse(escalations[0]!.at) - ratedAt).toBeWithin(3 * DAY + 3 * HOUR, 3 * HOUR);
    expect(entry(assigned, 'account_manager_assigned')?.detail).toMatchObject({ withinSla: false });
  });
});
