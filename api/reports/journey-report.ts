import type { PrismaClient } from '../../platform/database';
import type { Moment } from '../../workflows/state';
import type { TaskType } from '../../workflows/tasks';

/**
 * The moment of the timeline each task type serves, for completion and SLA per moment; the
 * manager's first call, the hotline's callback, the supervisor's pick of a manager and the network
 * team's tickets each have their own SLA and are counted apart.
 */
export const momentOfTask: Record<
  TaskType,
  Moment | 'vip_first_call' | 'vip_assignment' | 'hotline_callback' | 'network_ticket' | 'journey_fault'
> = {
  onboarding_coaching: 'onboarding_coaching',
  first_followup_call: 'first_followup',
  callback: 'first_followup',
  vip_first_call: 'vip_first_call',
  hotline_callback: 'hotline_callback',
  payment_reminder_call: 'payment_coaching',
  vas_telemarketing: 'service_recommendation',
  vip_service_recommendation: 'service_recommendation',
  plan_fit_consultation: 'plan_fit',
  club_service_order: 'onboarding_coaching',
  vas_order: 'service_recommendation',
  journey_fault: 'journey_fault',
  vip_assignment: 'vip_assignment',
  network_ticket: 'network_ticket',
  network_ticket_overdue: 'network_ticket',
  plan_change_refused: 'first_followup',
};

/**
 * A group of tasks' figures. "On time" is against the operator plan's window (the task's window end;
 * for tasks opened before windows, their due time), not the working-time due time inside it: a task
 * done after its due time but inside the plan's window kept the plan.
 */
export interface TaskFigures {
  total: number;
  open: number;
  /** Open past the due time (the inbox's overdue). */
  overdue: number;
  /** Open past the plan window's end: late whatever comes. */
  pastWindow: number;
  completed: number;
  /** Completed by the plan window's end. */
  completedOnTime: number;
  expired: number;
  escalated: number;
  /** Completed on time ÷ tasks whose outcome against the window is decided (completed, expired, or open past it); null before any. */
  slaCompliance: number | null;
}

export interface JourneyReport {
  generatedAt: string;
  journeys: { byStatus: Record<string, number>; runningByMoment: Record<string, number> };
  tasksByType: Record<string, TaskFigures>;
  tasksByMoment: Record<string, TaskFigures>;
  /** Issue categories customers raised on completed follow-up calls. */
  followupIssues: Record<string, number>;
  /** The plan: the welcome SMS within 2 hours of first activation. */
  activationSms: { sent: number; withinSla: number; late: number };
  /** Per account manager: assigned within 3 days of the VIP rating, first call within 7 days of assignment (its window). */
  accountManagers: AccountManagerFigures[];
}

export interface AccountManagerFigures {
  staffId: string;
  name: string;
  assignments: number;
  /** Assignments whose rating time is known and that came within 3 days of it. */
  assignedWithinSla: number;
  assignmentsTimed: number;
  firstCalls: number;
  firstCallsOnTime: number;
}

type TaskRow = { type: string } & Omit<TaskFigures, 'slaCompliance'>;

/** The supervisor's figures, from the task and journey tables (indexed aggregates, no workflow queries). */
export async function journeyReport(prisma: PrismaClient): Promise<JourneyReport> {
  const [journeys, tasks, issues, activationSms, managers] = await Promise.all([
    prisma.$queryRaw<{ status: string; moment: string; count: number }[]>`
      SELECT status::text AS status, moment, count(*)::int AS count FROM journey GROUP BY 1, 2`,
    prisma.$queryRaw<TaskRow[]>`
      SELECT type,
        count(*)::int AS total,
        count(*) FILTER (WHERE status = 'open')::int AS open,
        count(*) FILTER (WHERE status = 'open' AND due_at < now())::int AS overdue,
        count(*) FILTER (WHERE status = 'open' AND coalesce(window_ends_at, due_at) < now())::int AS "pastWindow",
        count(*) FILTER (WHERE status = 'completed')::int AS completed,
        count(*) FILTER (WHERE status = 'completed' AND ended_at <= coalesce(window_ends_at, due_at))::int AS "completedOnTime",
        count(*) FILTER (WHERE status = 'expired')::int AS expired,
        count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated
      FROM task GROUP BY type`,
    prisma.$queryRaw<{ category: string; count: number }[]>`
      SELECT issue->>'category' AS category, count(*)::int AS count
      FROM task, jsonb_array_elements(CASE WHEN jsonb_typeof(outcome->'issues') = 'array'
                                           THEN outcome->'issues' ELSE '[]'::jsonb END) AS issue
      WHERE type = 'first_followup_call' AND status = 'completed'
      GROUP BY 1`,
    prisma.$queryRaw<{ sent: number; withinSla: number }[]>`
      SELECT count(*)::int AS sent,
        count(*) FILTER (WHERE m.sent_at <= s.activated_at + interval '2 hours')::int AS "withinSla"
      FROM sms_message m JOIN subscriber s ON s.id = m.subscriber_id
      WHERE m.template = 'welcome' AND m.status = 'sent'`,
    prisma.$queryRaw<AccountManagerFigures[]>`
      SELECT st.id AS "staffId", st.display_name AS name,
        count(DISTINCT a.id)::int AS assignments,
        count(DISTINCT a.id) FILTER (WHERE a.rated_at IS NOT NULL)::int AS "assignmentsTimed",
        count(DISTINCT a.id) FILTER (WHERE a.assigned_at <= a.rated_at + interval '3 days')::int AS "assignedWithinSla",
        count(DISTINCT t.id)::int AS "firstCalls",
        count(DISTINCT t.id) FILTER (WHERE t.status = 'completed' AND t.ended_at <= coalesce(t.window_ends_at, t.due_at))::int AS "firstCallsOnTime"
      FROM staff st
      JOIN vip_assignment a ON a.manager_id = st.id
      LEFT JOIN task t ON t.type = 'vip_first_call' AND t.subscriber_id = a.subscriber_id AND t.assignee_id = st.id
      GROUP BY st.id, st.display_name ORDER BY st.id`,
  ]);

  const byStatus: Record<string, number> = {};
  const runningByMoment: Record<string, number> = {};
  for (const row of journeys) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
    if (row.status === 'running') runningByMoment[row.moment] = (runningByMoment[row.moment] ?? 0) + row.count;
  }
  const tasksByType: Record<string, TaskFigures> = {};
  const byMoment: Record<string, Omit<TaskFigures, 'slaCompliance'>> = {};
  for (const { type, ...figures } of tasks) {
    tasksByType[type] = withCompliance(figures);
    const moment = momentOfTask[type as TaskType] ?? 'other';
    byMoment[moment] = add(byMoment[moment], figures);
  }
  const tasksByMoment = Object.fromEntries(
    Object.entries(byMoment).map(([moment, figures]) => [moment, withCompliance(figures)]),
  );
  return {
    generatedAt: new Date().toISOString(),
    journeys: { byStatus, runningByMoment },
    tasksByType,
    tasksByMoment,
    followupIssues: Object.fromEntries(issues.map((row) => [row.category, row.count])),
    activationSms: { ...activationSms[0]!, late: activationSms[0]!.sent - activationSms[0]!.withinSla },
    accountManagers: managers,
  };
}

function withCompliance(figures: Omit<TaskFigures, 'slaCompliance'>): TaskFigures {
  const decided = figures.completed + figures.expired + figures.pastWindow;
  return { ...figures, slaCompliance: decided === 0 ? null : figures.completedOnTime / decided };
}

function add(
  a: Omit<TaskFigures, 'slaCompliance'> | undefined,
  b: Omit<TaskFigures, 'slaCompliance'>,
): Omit<TaskFigures, 'slaCompliance'> {
  if (!a) return { ...b };
  return {
    total: a.total + b.total,
    open: a.open + b.open,
    overdue: a.overdue + b.overdue,
    pastWindow: a.pastWindow + b.pastWindow,
    completed: a.completed + b.completed,
    completedOnTime: a.completedOnTime + b.completedOnTime,
    expired: a.expired + b.expired,
    escalated: a.escalated + b.escalated,
  };
}
