import { z } from 'zod';
import type { PlanFitResult } from '../../domain/plan-fit-analysis';
import type { RankedService } from '../../domain/vas-ranking';
import { clubServiceLevelCodes, type ClubActivity, type ClubService, type ClubServiceLevel } from '../../domain/club';
import type { Localized } from '../../domain/localized';
import type { TieredService } from '../../domain/tiered-services';
import { tiers } from '../../domain/vocabulary';
import type { ActivationProfile } from '../../workflows/state';
import { coachingItems, taskTypes, type TaskPayloads, type TaskType } from '../../workflows/tasks';

/**
 * The staff pages' typed reading of a task's payload (`JourneyTask.payload`, a `Record<string, unknown>`
 * in the workflow and JSON in the task table), one schema per task type. Each schema is checked
 * against the type of what the journey puts there: renaming a field of the plan-fit result, a ranked
 * service or the contract fails `tsc` here and in the page that reads it, instead of a page showing
 * nothing. The moments that fill the payloads are in `workflows/moments/`.
 */

/** What the plan-fit consultation page shows of the analysis's recommendation (`analysePlanFit`). */
export type PlanFitRecommendation = Pick<
  Extract<PlanFitResult, { kind: 'recommend' }>,
  'recommended' | 'currentAverageCost' | 'recommendedAverageCost' | 'expectedMonthlySaving' | 'script'
>;

/** What the page shows of a large overage with no cheaper plan within the rule. */
export type PlanFitLargeOverage = Pick<
  Extract<PlanFitResult, { kind: 'large_overage' }>,
  'currentAverageCost' | 'averageOverage' | 'outsideRule' | 'script'
>;

/** What a page shows of any plan-fit analysis. */
export type PlanFitShown =
  | ({ kind: 'recommend' } & PlanFitRecommendation)
  | ({ kind: 'large_overage' } & PlanFitLargeOverage)
  | { kind: 'fits' | 'no_usage' };

/** A contract plan's figures as `subscriberContext` adds them: the contract and the monthly out-of-pocket cost. */
export type ContractFigures = NonNullable<ActivationProfile['contract']> & { monthlyOutOfPocket: number };

/** A value-added service offered on a recommendation task, as the ranking gives it. */
export type Offer = Pick<RankedService, 'code' | 'name' | 'nameEn'>;

const yuan = z.number();

const planChoice = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), monthlyFee: yuan });
const script = z.object({ zh: z.string(), en: z.string() });

const planFitRecommendation = z.object({
  recommended: planChoice,
  currentAverageCost: yuan,
  recommendedAverageCost: yuan,
  expectedMonthlySaving: yuan,
  script,
}) satisfies z.ZodType<PlanFitRecommendation>;

const planFitLargeOverage = z.object({
  currentAverageCost: yuan,
  averageOverage: yuan,
  outsideRule: z.object({ plan: planChoice, expectedMonthlyCost: yuan, expectedMonthlySaving: yuan }).nullable(),
  script,
}) satisfies z.ZodType<PlanFitLargeOverage>;

const planFitShown = z.discriminatedUnion('kind', [
  planFitRecommendation.extend({ kind: z.literal('recommend') }),
  planFitLargeOverage.extend({ kind: z.literal('large_overage') }),
  z.object({ kind: z.enum(['fits', 'no_usage']) }),
]) satisfies z.ZodType<PlanFitShown>;

const localized = z.object({ 'zh-CN': z.string(), en: z.string() }) satisfies z.ZodType<Localized>;

const tieredService = z.object({
  code: z.string(),
  name: localized,
  detail: localized,
}) satisfies z.ZodType<Pick<TieredService, 'code' | 'name' | 'detail'>>;

const clubActivity = z.object({
  id: z.string(),
  title: localized,
  venue: localized,
  startsAt: z.string(),
}) satisfies z.ZodType<Pick<ClubActivity, 'id' | 'title' | 'venue' | 'startsAt'>>;

const workOrder = z.object({
  levels: z.array(
    z.object({
      code: z.enum(clubServiceLevelCodes),
      name: localized,
      forCustomers: localized,
      minMinutes: z.number(),
      maxMinutes: z.number(),
    }) satisfies z.ZodType<ClubServiceLevel>,
  ),
  services: z.array(
    z.object({
      code: z.string(),
      name: localized,
      description: localized,
      typicalMinutes: z.number(),
    }) satisfies z.ZodType<Pick<ClubService, 'code' | 'name' | 'description' | 'typicalMinutes'>>,
  ),
  activities: z.array(clubActivity),
});

const orderedService = z.object({ code: z.string(), name: z.string(), nameEn: z.string() }) satisfies z.ZodType<
  TaskPayloads['vas_order']['service']
>;

const contract = z.object({
  prepay: yuan,
  monthlyReturn: yuan,
  monthlyOutOfPocket: yuan,
}) satisfies z.ZodType<ContractFigures>;

const offer = z.object({ code: z.string(), name: z.string(), nameEn: z.string() }) satisfies z.ZodType<Offer>;

/** The subscriber facts most tasks carry; the pages read the rest of them from the subscriber's row. */
const subscriberFacts = { contract: contract.optional() };

const payloadSchemas = {
  onboarding_coaching: z.object({ checklist: z.array(z.enum(coachingItems)), ...subscriberFacts }),
  /** The codes of what to check and explain on the call, and the plan fit for a tariff question. */
  first_followup_call: z.object({ script: z.array(z.string()), planFit: planFitShown.optional(), ...subscriberFacts }),
  /** A rating after the regular follow-up window makes the manager's call the deeper follow-up. */
  vip_first_call: z.object({ deeperFollowup: z.boolean(), ...subscriberFacts }) satisfies z.ZodType<
    Pick<TaskPayloads['vip_first_call'], 'deeperFollowup'>
  >,
  payment_reminder_call: z.object({ firstPaymentDueAt: z.string(), ...subscriberFacts }),
  vas_telemarketing: z.object({ recommendations: z.array(offer), ...subscriberFacts }),
  /** The tier's services and the club's activities (older tasks: ranked value-added services). */
  vip_service_recommendation: z.object({
    tieredServices: z.array(tieredService).optional(),
    clubActivities: z.array(clubActivity).optional(),
    services: z.array(offer).optional(),
    ...subscriberFacts,
  }),
  plan_fit_consultation: z.object({
    planFit: z.discriminatedUnion('kind', [
      planFitRecommendation.extend({ kind: z.literal('recommend') }),
      planFitLargeOverage.extend({ kind: z.literal('large_overage') }),
    ]),
    ...subscriberFacts,
  }),
  /** The question the customer asked on the follow-up call, promised an answer by now. */
  callback: z.object({ question: z.string() }),
  hotline_callback: z.object({ hangupAt: z.string() }),
  club_service_order: z.object({ workOrder, ...subscriberFacts }),
  vas_order: z.object({ service: orderedService, ...subscriberFacts }),
  journey_fault: z.object({ part: z.string(), reason: z.string(), failedAt: z.string() }),
  vip_assignment: z.object({
    tier: z.enum(tiers),
    storeId: z.string(),
    ratedAt: z.string(),
    slaDeadline: z.string(),
    attempts: z.number(),
  }) satisfies z.ZodType<TaskPayloads['vip_assignment']>,
  network_ticket: z.object({
    ticketId: z.string(),
    address: z.string(),
    description: z.string(),
    reportedAt: z.string(),
  }) satisfies z.ZodType<TaskPayloads['network_ticket']>,
  network_ticket_overdue: z.object({
    ticketId: z.string(),
    ticketTaskId: z.string().optional(),
    dueAt: z.string(),
  }) satisfies z.ZodType<TaskPayloads['network_ticket_overdue']>,
  plan_change_refused: z.object({
    fromPlanCode: z.string(),
    toPlanCode: z.string(),
    reason: z.string(),
    ...subscriberFacts,
  }) satisfies z.ZodType<Pick<TaskPayloads['plan_change_refused'], 'fromPlanCode' | 'toPlanCode' | 'reason'>>,
} satisfies Record<TaskType, z.ZodType>;

/** A task's payload with the fields of its type, tagged with the type. */
export type TaskPayload = { [T in TaskType]: { type: T } & z.infer<(typeof payloadSchemas)[T]> }[TaskType];

export function isTaskType(type: string): type is TaskType {
  return (taskTypes as readonly string[]).includes(type);
}

/**
 * Reads a task's payload as its type's fields (unknown fields dropped). Undefined for a task type
 * this code does not know or a payload of another shape: the page then says so instead of guessing.
 */
export function readTaskPayload(type: string, payload: unknown): TaskPayload | undefined {
  if (!isTaskType(type)) return undefined;
  const read = payloadSchemas[type].safeParse(payload);
  // The schema of `type` read it, so the pair is that type's member of the union.
  return read.success ? ({ type, ...read.data } as TaskPayload) : undefined;
}

/** The services a recommendation task offers to accept (none for other tasks), named in the page's language. */
export function offersOf(payload: TaskPayload | undefined): readonly Offer[] {
  if (payload?.type === 'vas_telemarketing') return payload.recommendations;
  if (payload?.type === 'vip_service_recommendation') {
    return (
      payload.tieredServices?.map(({ code, name }) => ({ code, name: name['zh-CN'], nameEn: name.en })) ??
      payload.services ??
      []
    );
  }
  return [];
}

/** The checklist of an onboarding-coaching task (empty for other tasks). */
export function checklistOf(payload: TaskPayload | undefined) {
  return payload?.type === 'onboarding_coaching' ? payload.checklist : [];
}
