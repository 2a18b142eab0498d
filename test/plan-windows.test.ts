import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createJourneyActivities } from '../activities/journeys';
import { createTaskActivities } from '../activities/tasks';
import { changeCalendarHours } from '../api/journeys/calendar-admin';
import { journeyReport } from '../api/reports/journey-report';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import type { JourneyTask } from '../workflows/tasks';
import { activationProfile, staff } from './support/journey-harness';
import { createEmptyDatabase, createTestDatabase } from './support/postgres';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const migrations = join(__dirname, '..', 'prisma', 'migrations');
const windowsMigration = '20261203100000_plan_windows';
const backfill = '20261203100100_plan_window_backfill';
const sqlOf = (name: string) => readFileSync(join(migrations, name, 'migration.sql'), 'utf8');

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// An existing deployment takes the operator's calendars where nobody changed the defaults, and keeps
// a supervisor's hours (docs/calendar.md#calendars).
describe('the migration to the plan’s windows', () => {
  it('changes the defaults nobody edited (a new revision each), keeps the edited ones, and adds the hotline', async () => {
    const url = await createEmptyDatabase();
    const rows = await withClient(url, async (client) => {
      const before = readdirSync(migrations, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name < windowsMigration)
        .map((entry) => entry.name)
        .sort();
      // The migrations' own SQL, outside the migrator (one of them reads its bookkeeping table).
      await client.query(
        'CREATE TABLE "_prisma_migrations" ("migration_name" TEXT, "finished_at" TIMESTAMPTZ, "rolled_back_at" TIMESTAMPTZ)',
      );
      for (const name of before) await client.query(sqlOf(name));
      // The seed's stores, and a supervisor's change of every store's hours, as a deployment has them.
      await client.query(`INSERT INTO "working_hours" ("calendar", "opens", "closes", "closed_weekdays", "updated_at")
        VALUES ('store:JN002', '09:00', '18:00', ARRAY[1], now()), ('store:QD001', '09:30', '17:30', ARRAY[7], now())`);
      await client.query(`UPDATE "working_hours" SET "opens" = '10:00', "revision" = 2, "updated_by" = 'S-SUPERVISOR'
        WHERE "calendar" IN ('store', 'store:QD001')`);
      await client.query(sqlOf(windowsMigration));
      await client.query(sqlOf(backfill));
      const { rows } = await client.query(
        `SELECT "calendar", "opens", "closes", "closed_weekdays", "closed_on_public_holidays", "revision", "updated_by"
         FROM "working_hours" ORDER BY "calendar"`,
      );
      return rows;
    });
    expect(rows).toEqual([
      {
        calendar: 'call_centre',
        opens: '09:00',
        closes: '21:00',
        closed_weekdays: [],
        closed_on_public_holidays: false,
        revision: 2,
        updated_by: null,
      },
      {
        calendar: 'hotline',
        opens: '00:00',
        closes: '24:00',
        closed_weekdays: [],
        closed_on_public_holidays: false,
        revision: 1,
        updated_by: null,
      },
      {
        calendar: 'store',
        opens: '10:00',
        closes: '18:00',
        closed_weekdays: [],
        closed_on_public_holidays: true,
        revision: 2,
        updated_by: 'S-SUPERVISOR',
      },
      {
        calendar: 'store:JN002',
        opens: '09:00',
        closes: '18:00',
        closed_weekdays: [1],
        closed_on_public_holidays: false,
        revision: 2,
        updated_by: null,
      },
      {
        calendar: 'store:QD001',
        opens: '10:00',
        closes: '17:30',
        closed_weekdays: [7],
        closed_on_public_holidays: true,
        revision: 2,
        updated_by: 'S-SUPERVISOR',
      },
    ]);
  });
});

describe('tasks against the plan’s windows', () => {
  let prisma: PrismaClient;
  let url: string;
  const journeyId = 'journey-WINDOWS';
  // Activated at 23:30 on the eve of 国庆节.
  const activatedAt = Date.parse('2026-09-30T15:30:00.000Z');
  const subscriber = activationProfile({
    subscriberId: 'WINDOWS',
    msisdn: '13500000888',
    activatedAt: new Date(activatedAt).toISOString(),
    storeId: 'JN001',
  });
  const at = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    url = await createTestDatabase();
    prisma = createPrismaClient(url);
    await createJourneyActivities(prisma).registerJourney({ journeyId, subscriber });
  });
  afterAll(() => prisma.$disconnect());

  function task(key: string, type: JourneyTask['type'], fields: Partial<JourneyTask> = {}): JourneyTask {
    return {
      id: `${journeyId}:${key}`,
      type,
      role: 'store',
      storeId: 'JN001',
      status: 'open',
      availableAt: at(activatedAt),
      dueAt: at(activatedAt + 3 * DAY),
      payload: {},
      attempts: [],
      maxAttempts: 1,
      revision: 1,
      ...fields,
    };
  }
  const save = (view: JourneyTask) =>
    createTaskActivities(prisma).saveTask({ journeyId, subscriberId: subscriber.subscriberId, task: view });
  const completed = (view: JourneyTask, endedAt: number): JourneyTask => ({
    ...view,
    status: 'completed',
    endedAt: at(endedAt),
    completedBy: staff.storeClerk.staffId,
    revision: view.revision + 1,
  });

  it('tasks opened in working time before windows get the default schedule’s window; the others count against their due time', async () => {
    const oldTasks = [
      task('old-coaching', 'onboarding_coaching', { calendarVersion: 'chinese-days@1.5.7 store#1' }),
      task('old-followup', 'first_followup_call', {
        role: 'followup',
        calendarVersion: 'chinese-days@1.5.7 call_centre#1',
      }),
      task('old-hotline', 'hotline_callback', {
        role: 'hotline',
        calendarVersion: 'chinese-days@1.5.7 call_centre#1',
        payload: { hangupAt: '2026-10-04T12:00:00.000Z', tier: 'gold', msisdn: '13500000888' },
      }),
      task('old-payment', 'payment_reminder_call', {
        role: 'account_manager',
        calendarVersion: 'chinese-days@1.5.7 store#1',
        payload: { firstPaymentDueAt: '2026-10-31T15:59:59.000Z' },
      }),
      task('old-callback', 'callback', { role: 'followup', calendarVersion: 'chinese-days@1.5.7 call_centre#1' }),
      task('calendar-days', 'onboarding_coaching'),
    ];
    for (const view of oldTasks) await save(view);
    await withClient(url, (client) => client.query(sqlOf(backfill)));
    const windows = await prisma.task.findMany({
      where: { id: { in: oldTasks.map((view) => view.id) } },
      select: { id: true, windowEndsAt: true },
    });
    const windowOf = (key: string) =>
      windows.find((row) => row.id === `${journeyId}:${key}`)?.windowEndsAt?.toISOString() ?? null;
    expect(oldTasks.map((view) => view.id.split(':')[1]).map((key) => [key, windowOf(key!)])).toEqual([
      ['old-coaching', at(activatedAt + 3 * DAY)],
      ['old-followup', at(activatedAt + 10 * DAY)],
      ['old-hotline', '2026-10-04T14:00:00.000Z'],
      ['old-payment', '2026-10-31T15:59:59.000Z'],
      ['old-callback', null],
      ['calendar-days', null],
    ]);
  });

  it('the SLA figures count against the window: a task done after it is late, whatever its due time said', async () => {
    // The store keeps public holidays (a supervisor set it so): the coaching's days 0–3 fall inside
    // 国庆节, so it is due at the window's end; counted in working days alone it was 10 October.
    await changeCalendarHours(
      prisma,
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
    const { openTask } = createTaskActivities(prisma);
    const open = async (key: string) => {
      const view = task(key, 'onboarding_coaching');
      const deadlines = await openTask({
        journeyId,
        subscriberId: subscriber.subscriberId,
        task: { ...view, windowEndsAt: at(activatedAt + 3 * DAY) },
        deadline: {
          role: 'store',
          storeId: 'JN001',
          deadline: { workingDays: 3, from: activatedAt, windowEndsAt: activatedAt + 3 * DAY },
          overdueGraceHours: 48,
        },
      });
      return { ...view, ...deadlines, windowEndsAt: at(activatedAt + 3 * DAY) };
    };
    const late = await open('late');
    expect(late).toMatchObject({ dueAt: at(activatedAt + 3 * DAY), dueAtWindowEnd: true });
    await save(completed(late, Date.parse('2026-10-08T03:00:00.000Z')));
    const early = await open('early');
    await save(completed(early, Date.parse('2026-10-02T03:00:00.000Z')));

    const report = await journeyReport(prisma);
    // Only the tasks of this test are completed: the early one kept the window, the late one did not;
    // the first test's coaching tasks are open past their windows.
    expect(report.tasksByType.onboarding_coaching).toMatchObject({
      completed: 2,
      completedOnTime: 1,
      pastWindow: 2,
      slaCompliance: 1 / 4,
    });
    expect(report.tasksByMoment.onboarding_coaching?.slaCompliance).toBe(1 / 4);
  });

  it("the account manager's first call counts against 7 days from the assignment, not a due time past them", async () => {
    const assignedAt = activatedAt + 2 * DAY;
    await prisma.vipAssignment.create({
      data: {
        assignmentKey: `${journeyId}:account-manager`,
        subscriberId: subscriber.subscriberId,
        managerId: staff.managerLi.staffId,
        tier: 'gold',
        ratedAt: new Date(assignedAt),
        assignedAt: new Date(assignedAt),
      },
    });
    // Opened before windows, due 14 days out (7 store days across 国庆节), done on day 10 of the 14.
    const firstCall = task('old-first-call', 'vip_first_call', {
      role: 'account_manager',
      storeId: undefined,
      assigneeId: staff.managerLi.staffId,
      availableAt: at(assignedAt),
      dueAt: at(assignedAt + 14 * DAY),
      calendarVersion: 'chinese-days@1.5.7 store#1',
    });
    await save(firstCall);
    await save(completed(firstCall, assignedAt + 10 * DAY));
    await withClient(url, (client) => client.query(sqlOf(backfill)));
    const row = await prisma.task.findUniqueOrThrow({ where: { id: firstCall.id } });
    expect(row.windowEndsAt?.toISOString()).toBe(at(assignedAt + 7 * DAY));
    const { accountManagers } = await journeyReport(prisma);
    expect(accountManagers.find((figures) => figures.staffId === staff.managerLi.staffId)).toMatchObject({
      firstCalls: 1,
      firstCallsOnTime: 0,
    });
  });
});
