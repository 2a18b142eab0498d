import { Context } from '@temporalio/activity';
import type { Activities } from '../../activities';
import { smsCategories } from '../../domain/sms-templates';
import { analysePlanFit } from '../../domain/plan-fit-analysis';
import { plans } from '../../prisma/seed-data';

type Stubbed = { [K in keyof Activities]: jest.Mock<ReturnType<Activities[K]>, Parameters<Activities[K]>> };

const planOf = (code: string) => plans.find((plan) => plan.code === code) ?? plans[0]!;

/**
 * Every activity of the worker as a `jest.fn` with a plausible answer and no I/O: the fast tier tests
 * the journey's decisions (which moment, when, for whom) in seconds. Typed against the real
 * activities, so a changed signature breaks these stubs at compile time. What crosses a boundary (the
 * database, the SMS gateway, the staff pages) is tested against the real parts elsewhere.
 */
export function stubActivities(overrides: Partial<Activities> = {}): Stubbed {
  const stubs: Activities = {
    describeDatabase: async () => ({ serverVersion: 'none (fast tier)' }),
    registerJourney: async ({ subscriber }) => ({ plan: planOf(subscriber.planCode) }),
    loadPlan: async ({ planCode }) => planOf(planCode),
    recordMoment: async () => undefined,
    recordJourneyState: async () => undefined,
    recordJourneyEnd: async () => undefined,
    updateSubscriber: async () => undefined,
    recordUsage: async () => undefined,
    recordAudit: async () => undefined,
    saveTask: async () => undefined,
    // A calendar open around the clock: working days are calendar days, never past the window.
    openTask: async ({ task, deadline: { deadline, overdueGraceHours } }) => {
      const opened = Date.parse(task.availableAt);
      const from = 'by' in deadline ? opened : (deadline.from ?? opened);
      const due =
        'by' in deadline
          ? deadline.by
          : from + ('workingDays' in deadline ? deadline.workingDays * 24 : deadline.workingHours) * 3_600_000;
      const dueAt = Math.min(due, deadline.windowEndsAt ?? due);
      return {
        dueAt: new Date(dueAt).toISOString(),
        expiresAt: new Date(dueAt + overdueGraceHours * 3_600_000).toISOString(),
        calendarVersion: 'fast-tier',
        dueAtWindowEnd: dueAt < due,
      };
    },
    sendSms: async ({ sms }) => ({ template: sms.template, category: smsCategories[sms.template] }),
    replyToInboundSms: async () => ({ template: 'help_reply', category: smsCategories.help_reply }),
    keepLaunchPromise: async () => ({ sent: true }),
    // The server's clock, as a real activity's would be on a server that keeps real time.
    assignAccountManager: async () => ({
      staffId: 'S-AM-LI',
      name: '李经理',
      assignedAt: new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString(),
    }),
    analysePlanFit: async ({ planCode, usage, overageThreshold }) =>
      analysePlanFit({ current: planOf(planCode), catalog: plans, usage, overageThreshold }),
    recommendServices: async () => [],
    clubWorkOrder: async () => ({ levels: [], services: [], activities: [] }),
    vipServiceOffer: async () => ({ tieredServices: [], clubActivities: [] }),
    findPromotion: async () => null,
    openNetworkTicket: async () => ({ ticketId: 'TICKET-1' }),
    resolveNetworkTicket: async () => undefined,
    placeBssOrder: async () => ({ orderId: 'ORDER-1' }),
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(stubs).map(([name, stub]) => [name, jest.fn(stub as (...args: unknown[]) => unknown)]),
  ) as unknown as Stubbed;
}
