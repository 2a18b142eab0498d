import { z } from 'zod';
import {
  controlTouches,
  type ControlGroupSettings,
  type ControlTouch,
  type ExperimentGroup,
} from '../../domain/control-group';
import { compareGroups, MIN_GROUP_SIZE, type LiftComparison } from '../../domain/lift';
import type { PrismaClient } from '../../platform/database';

/** `GET /v1/reports/lift` and the lift page: which experiment, and optionally which activations (dates, ISO). */
/** A day of the report's range: journeys began in 2026, so a year far outside is a mistake, not a query. */
const reportDay = z.iso
  .date({ error: 'a date, YYYY-MM-DD' })
  .refine((day) => day >= '2000-01-01' && day <= '2999-12-31', { error: 'a date from 2000-01-01 to 2999-12-31' });

export const liftQuerySchema = z
  .strictObject({
    touch: z.enum(controlTouches).optional(),
    activatedFrom: reportDay.optional(),
    activatedTo: reportDay.optional(),
  })
  .refine((query) => !query.activatedFrom || !query.activatedTo || query.activatedFrom <= query.activatedTo, {
    path: ['activatedTo'],
    error: 'must not be before activatedFrom',
  });
export type LiftQuery = z.infer<typeof liftQuerySchema>;

/** How many journeys of a group the report counts. */
export interface GroupSize {
  /** Subscribers assigned to the group for the touch (in the activation dates asked for). */
  assigned: number;
  /** Their journeys that ran the 90 days or ended with the subscriber leaving: the measures count these. */
  finished: number;
  /** Still running: not counted until they finish. */
  running: number;
}

/** The supervisor's control-group report: each measure in both groups, their difference and its 95 % interval. */
export interface LiftReport {
  generatedAt: string;
  touch: ControlTouch;
  /** What new activations are assigned to now (the report reads what was recorded at each start). */
  configured: ControlGroupSettings;
  activatedFrom?: string;
  activatedTo?: string;
  confidence: 0.95;
  minGroupSize: number;
  groups: Record<ExperimentGroup, GroupSize>;
  measures: {
    /** Left before day 90. */
    departures: LiftComparison;
    /** Accepted a value-added service on the telemarketing call or ordered one by SMS reply. */
    valueAddedTakeUp: LiftComparison;
    /** Ended the journey on another plan than the one they were activated on. */
    planChanges: LiftComparison;
  };
}

type GroupRow = {
  group: ExperimentGroup;
  assigned: number;
  finished: number;
  running: number;
  departures: number;
  takeUp: number;
  planChanges: number;
};

/**
 * The lift of `touch` from the subscriber, journey and task tables (one grouped query). A journey
 * erased while it ran has no known outcome and is left out; one erased after it ended still counts.
 */
export async function liftReport(
  prisma: PrismaClient,
  configured: ControlGroupSettings,
  query: LiftQuery,
): Promise<LiftReport> {
  const touch = query.touch ?? configured.touch;
  // Dates are business days in China (UTC+8), like the rest of the staff pages.
  const from = query.activatedFrom ? new Date(`${query.activatedFrom}T00:00:00+08:00`) : null;
  const to = query.activatedTo ? new Date(Date.parse(`${query.activatedTo}T00:00:00+08:00`) + 86_400_000) : null;
  const rows = await prisma.$queryRaw<GroupRow[]>`
    WITH cohort AS (
      SELECT s.id, s.experiment_group AS "group", s.plan_code, s.activation->>'planCode' AS activated_plan,
        j.status::text AS status, (j.status <> 'running' AND j.summary IS NOT NULL) AS finished
      FROM subscriber s LEFT JOIN journey j ON j.subscriber_id = s.id
      WHERE s.experiment_touch = ${touch}
        AND (${from}::timestamptz IS NULL OR s.activated_at >= ${from}::timestamptz)
        AND (${to}::timestamptz IS NULL OR s.activated_at < ${to}::timestamptz))
    SELECT c."group",
      count(*)::int AS assigned,
      count(*) FILTER (WHERE c.finished)::int AS finished,
      count(*) FILTER (WHERE c.status = 'running' OR c.status IS NULL)::int AS running,
      count(*) FILTER (WHERE c.finished AND c.status = 'cancelled')::int AS departures,
      count(*) FILTER (WHERE c.finished AND EXISTS (
        SELECT 1 FROM task t WHERE t.subscriber_id = c.id AND t.status = 'completed'
          AND ((t.type = 'vas_telemarketing' AND t.outcome->>'result' = 'accepted')
            OR (t.type = 'vas_order' AND t.outcome->>'result' = 'ordered'))))::int AS "takeUp",
      count(*) FILTER (WHERE c.finished AND c.plan_code IS DISTINCT FROM c.activated_plan)::int AS "planChanges"
    FROM cohort c GROUP BY c."group"`;
  const empty = { assigned: 0, finished: 0, running: 0, departures: 0, takeUp: 0, planChanges: 0 };
  const treatment = rows.find((row) => row.group === 'treatment') ?? { ...empty, group: 'treatment' as const };
  const control = rows.find((row) => row.group === 'control') ?? { ...empty, group: 'control' as const };
  const measure = (field: 'departures' | 'takeUp' | 'planChanges') =>
    compareGroups({ count: treatment[field], n: treatment.finished }, { count: control[field], n: control.finished });
  const size = ({ assigned, finished, running }: GroupRow): GroupSize => ({ assigned, finished, running });
  return {
    generatedAt: new Date().toISOString(),
    touch,
    configured,
    ...(query.activatedFrom ? { activatedFrom: query.activatedFrom } : {}),
    ...(query.activatedTo ? { activatedTo: query.activatedTo } : {}),
    confidence: 0.95,
    minGroupSize: MIN_GROUP_SIZE,
    groups: { treatment: size(treatment), control: size(control) },
    measures: {
      departures: measure('departures'),
      valueAddedTakeUp: measure('takeUp'),
      planChanges: measure('planChanges'),
    },
  };
}
