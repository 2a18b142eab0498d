// Longer than ~250 lines on purpose: each task type's payload and outcome schema stand side by side in
// one table, so a new task type is one entry the compiler checks everywhere.
import { z } from 'zod';
import type { PlanFitResult } from '../domain/plan-fit-analysis';
import type { RankedService } from '../domain/vas-ranking';
import { clubServiceLevelCodes, type ClubActivity, type ClubService, type ClubServiceLevel } from '../domain/club';
import type { OfferedService } from '../domain/sms-replies';
import type { TieredService } from '../domain/tiered-services';
import {
  coachingItems,
  followupVerificationItems,
  type CoachingItem,
  type FollowupVerificationItem,
  type StaffRole,
  type Tier,
} from '../domain/vocabulary';

/**
 * The tasks a journey gives to staff, and the outcome each accepts. The workflow validates
 * completions with these schemas (so a bad outcome is refused and nothing changes), the API uses the
 * same schemas to answer 422, and the staff UI builds its forms from the same lists.
 */

export const taskTypes = [
  'onboarding_coaching',
  'first_followup_call',
  'vip_first_call',
  'payment_reminder_call',
  'vas_telemarketing',
  'vip_service_recommendation',
  'plan_fit_consultation',
  'callback',
  'hotline_callback',
  /** The 3G Club's work order (服务工单) for a customer who accepted the club at the store. */
  'club_service_order',
  /** A customer replied to the marketing SMS naming an offered service: telemarketing takes the order. */
  'vas_order',
  /** A part of the journey failed unexpectedly (moment-boundary.ts): the supervisor looks into it. */
  'journey_fault',
  /** No account manager free within the assignment SLA: the supervisor picks one. */
  'vip_assignment',
  /** A signal problem of a follow-up call, in the network department's queue until resolved. */
  'network_ticket',
  /** A network ticket past its deadline: the supervisor chases it. */
  'network_ticket_overdue',
  /** The BSS refused a plan change the customer asked for: the follow-up team tells them why. */
  'plan_change_refused',
] as const;
export type TaskType = (typeof taskTypes)[number];

export const taskStatuses = ['open', 'completed', 'expired', 'superseded', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export { coachingItems, type CoachingItem };

/**
 * Checklist items the clerk may add at the counter, ticked done, beyond what the activation brought:
 * number-change coaching for a customer who replaces an old number the activation did not name.
 */
export const addableAtCounter: readonly CoachingItem[] = ['number_change_coaching'];

const note = z.string().trim().max(2000).optional();
const notReached = z.object({ result: z.literal('not_reached'), note });

const checklistEntry = z.discriminatedUnion('done', [
  z.object({
    done: z.literal(true),
    /** For the club recommendation: the customer accepted the club, whose work order then opens. */
    clubAccepted: z.boolean().optional(),
  }),
  z.object({
    done: z.literal(false),
    skippedReason: z.string().trim().min(1, 'a skipped item needs a reason').max(500),
  }),
]);

const planCode = z.string().trim().min(1).max(32);

/** Issue categories a follow-up call may record (回访问题分类), each with its handling. */
const followupIssue = z.discriminatedUnion('category', [
  z.object({
    category: z.literal('tariff'),
    handling: z.string().trim().min(1).max(1000),
    recommendBetterPlan: z.boolean().default(false),
    /** "Help change plan": the customer asked to move to this plan on the call; the request is recorded. */
    changePlanTo: planCode.optional(),
  }),
  z.object({
    category: z.literal('signal'),
    address: z.string().trim().min(1, 'the address of the signal problem is needed').max(300),
    description: z.string().trim().min(1).max(1000),
  }),
  z.object({ category: z.literal('billing'), handling: z.string().trim().min(1).max(1000) }),
  z.object({
    category: z.literal('promotion'),
    handling: z.string().trim().min(1).max(1000),
    /** An offer not yet launched is recorded so the customer is told when it is. */
    offerLaunched: z.boolean(),
    /** The promotion asked about, from the catalog: one not yet launched gets an SMS on its launch. */
    promotionCode: z.string().trim().min(1).max(32).optional(),
  }),
  z
    .object({
      category: z.literal('other'),
      question: z.string().trim().min(1).max(1000),
      answer: z.string().trim().min(1).max(1000).optional(),
      /** First-responsibility rule: no answer now → a promised reply time, which becomes a callback task. */
      replyBy: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((issue) => (issue.answer === undefined) !== (issue.replyBy === undefined), {
      message: 'answer the question now, or promise a reply time (replyBy): one of the two',
      path: ['answer'],
    }),
]);
export type FollowupIssue = z.infer<typeof followupIssue>;

/** The categories a follow-up call can report an issue in. */
export const followupIssueCategories = followupIssue.options.map((option) => option.shape.category.value);

/** What the agent found of one activation detail on the follow-up call (入网基本信息核实). */
export const verificationResults = ['verified', 'corrected', 'not_confirmed'] as const;
export type VerificationResult = (typeof verificationResults)[number];

/** The field of an outcome that carries a corrected detail, per detail verified. */
export const correctionFields = {
  name: 'correctedName',
  id_number: 'correctedIdNumberLast4',
  contact_phone: 'correctedContactPhone',
  mailing_address: 'correctedAddress',
} as const satisfies Record<FollowupVerificationItem, string>;

const reachedFollowup = z
  .object({
    result: z.literal('reached'),
    issues: z.array(followupIssue).max(10).default([]),
    feedback: note,
    /** Each activation detail checked with the customer: verified, corrected (its field gives it) or not confirmed. */
    verification: z
      .strictObject(
        Object.fromEntries(
          followupVerificationItems.map((item) => [
            item,
            z.enum(verificationResults, { error: 'say whether it was verified, corrected or not confirmed' }),
          ]),
        ) as Record<FollowupVerificationItem, z.ZodEnum<{ [R in VerificationResult]: R }>>,
      )
      .optional(),
    /** The user's name as the customer gave it, when the activation had it wrong. */
    correctedName: z.string().trim().min(1).max(100).optional(),
    /** The ID number's last four as the customer read them from the card. */
    correctedIdNumberLast4: z
      .string()
      .regex(/^\d{3}[\dX]$/, 'four digits, the last may be X')
      .optional(),
    correctedContactPhone: z
      .string()
      .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'an 11-digit mobile number, or a landline with its area code')
      .optional(),
    correctedAddress: z.string().trim().min(1).max(300).optional(),
    /**
     * Completions from before each detail said verified or corrected: the details ticked. Recorded
     * histories hold them (the update's handler checks them again on replay); the form gives
     * `verification`, and never both.
     */
    verified: z.partialRecord(z.enum(followupVerificationItems), z.boolean()).optional(),
  })
  .superRefine((call, context) => {
    if (!call.verification) return;
    for (const item of followupVerificationItems) {
      const field = correctionFields[item];
      const corrected = call.verification[item] === 'corrected';
      if (corrected && call[field] === undefined)
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `verification.${item} is corrected: give the corrected value`,
        });
      if (!corrected && call[field] !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['verification', item],
          message: `${field} is given: mark it corrected`,
        });
    }
    if (call.verified)
      context.addIssue({
        code: 'custom',
        path: ['verified'],
        message: 'the older form of verification: give verification only',
      });
  });

/** What each service of the club's work order came to. */
const clubServiceDone = z.discriminatedUnion('done', [
  z.object({ done: z.literal(true) }),
  z.object({ done: z.literal(false), declinedReason: z.string().trim().max(500).optional() }),
]);

const outcomeSchemas = {
  onboarding_coaching: z.object({
    checklist: z.partialRecord(z.enum(coachingItems), checklistEntry),
    /** The 3G Customer Service Guide was handed over (发放《3G客户常用服务指南》). */
    serviceGuideHandedOut: z.boolean().optional(),
  }),
  first_followup_call: z.discriminatedUnion('result', [reachedFollowup, notReached]),
  vip_first_call: z.discriminatedUnion('result', [
    z.object({ result: z.literal('reached'), tierRightsExplained: z.boolean(), note }),
    notReached,
  ]),
  payment_reminder_call: z.discriminatedUnion('result', [z.object({ result: z.literal('reached'), note }), notReached]),
  vas_telemarketing: z.discriminatedUnion('result', [
    z.object({ result: z.literal('accepted'), accepted: z.array(z.string()).min(1), note }),
    z.object({ result: z.literal('declined'), note }),
    /** The customer asks not to be disturbed: DND for the rest of the journey. */
    z.object({ result: z.literal('do_not_disturb'), note }),
    notReached,
  ]),
  vip_service_recommendation: z.discriminatedUnion('result', [
    z.object({
      result: z.literal('reached'),
      accepted: z.array(z.string()).default([]),
      clubInvitationAccepted: z.boolean(),
      note,
    }),
    notReached,
  ]),
  plan_fit_consultation: z.discriminatedUnion('result', [
    z.object({ result: z.literal('accepted'), note }),
    z.object({ result: z.literal('declined'), note }),
    notReached,
  ]),
  callback: z.discriminatedUnion('result', [
    z.object({ result: z.literal('answered'), answer: z.string().trim().min(1).max(2000) }),
    notReached,
  ]),
  hotline_callback: z.discriminatedUnion('result', [z.object({ result: z.literal('reached'), note }), notReached]),
  club_service_order: z.discriminatedUnion('result', [
    z.object({
      result: z.literal('served'),
      level: z.enum(clubServiceLevelCodes),
      /** Each service of the work order (by its code): done, or declined by the customer. */
      services: z.record(z.string().min(1).max(64), clubServiceDone),
      joinedClub: z.boolean(),
      activitiesTold: z.boolean(),
      note,
    }),
    /** The customer did not come to the club. */
    notReached,
  ]),
  vas_order: z.discriminatedUnion('result', [
    z.object({ result: z.literal('ordered'), note }),
    z.object({ result: z.literal('declined'), note }),
    notReached,
  ]),
  /** What the supervisor did about it (e.g. did the missed step by hand, asked engineering to fix the cause). */
  journey_fault: z.object({
    result: z.literal('resolved'),
    note: z.string().trim().min(1, 'say what was done about it').max(2000),
  }),
  /** The account manager the supervisor gives the VIP (checked again by the assignment activity). */
  vip_assignment: z.object({
    result: z.literal('assigned'),
    managerId: z.string().trim().min(1, 'pick an account manager').max(64),
    note,
  }),
  network_ticket: z.object({
    result: z.literal('resolved'),
    note: z.string().trim().min(1, 'say what was done about the signal problem').max(2000),
  }),
  network_ticket_overdue: z.object({
    result: z.literal('followed_up'),
    note: z.string().trim().min(1, 'say what was done to have it resolved').max(2000),
  }),
  plan_change_refused: z.discriminatedUnion('result', [z.object({ result: z.literal('reached'), note }), notReached]),
} satisfies Record<TaskType, z.ZodType>;

/**
 * The schema of a task type's outcome. The schemas themselves are not exported: workers share this
 * module among all the journeys they hold (workers/workflow-bundle.ts), which freezes whatever a
 * shared module exports, and a zod schema must stay extensible (it fills in methods on first use).
 */
export function outcomeSchema<T extends TaskType>(type: T): (typeof outcomeSchemas)[T] {
  return outcomeSchemas[type];
}

export type TaskOutcome<T extends TaskType = TaskType> = z.infer<(typeof outcomeSchemas)[T]>;

/** Who completes a task: the staff member, as the API authenticated them. */
export interface TaskActor {
  staffId: string;
  role: StaffRole;
  storeId?: string;
}

/** A task as the journey holds it; the database row mirrors it for the inbox. */
export interface JourneyTask {
  id: string;
  type: TaskType;
  role: StaffRole;
  storeId?: string;
  assigneeId?: string;
  status: TaskStatus;
  availableAt: string;
  dueAt: string;
  /** When the task expires if still open after its escalation; absent before working time (`dueAt` + the grace hours). */
  expiresAt?: string;
  /** The business calendar `dueAt` was counted on, e.g. `chinese-days@1.5.7 store:JN002#2` (docs/calendar.md). */
  calendarVersion?: string;
  /** The end of the operator plan's window: `dueAt` never passes it; absent for tasks opened before windows. */
  windowEndsAt?: string;
  /** The calendar left no working time in the window, so `dueAt` is the window's end (the inbox says so). */
  dueAtWindowEnd?: boolean;
  /** What staff need to do the task: checklist items, script figures, recommendations. */
  payload: Record<string, unknown>;
  attempts: { at: string; by: string; note?: string }[];
  maxAttempts: number;
  outcome?: TaskOutcome;
  completedBy?: string;
  escalatedAt?: string;
  endedAt?: string;
  endReason?: string;
  /** Grows with every change, so a late retry of an older write never overwrites a newer one. */
  revision: number;
}

/**
 * The subscriber facts every task's script shows staff: plan, tier, DND, and for contract plans the
 * monthly out-of-pocket figure (plan fee − monthly return, e.g. 66 − 39 = 27 yuan).
 */
export interface ScriptFacts {
  subscriberName: string;
  planCode?: string;
  planName?: string;
  monthlyFee?: number;
  tier: Tier;
  dnd: boolean;
  contract?: { prepay: number; monthlyReturn: number; monthlyOutOfPocket: number };
}

/**
 * What each task carries for the staff who work it (its `payload`), by task type: the moments build
 * them, the staff pages read them (api/ui/task-payloads.ts checks its reading against these).
 * Payloads of journeys that opened a task before a field was added lack that field.
 */
export interface TaskPayloads {
  onboarding_coaching: ScriptFacts & { checklist: CoachingItem[] };
  first_followup_call: ScriptFacts & {
    /** The codes of what to check and explain on the call. */
    script: string[];
    /** The plan-fit analysis of the usage so far, for a tariff question on the call. */
    planFit?: PlanFitResult;
  };
  vip_first_call: ScriptFacts & { deeperFollowup: boolean; tierRights: Tier };
  payment_reminder_call: ScriptFacts & { firstPaymentDueAt: string };
  vas_telemarketing: ScriptFacts & { recommendations: RankedService[] };
  vip_service_recommendation: ScriptFacts & {
    inviteToClubActivities: boolean;
    /** The plan's 3G特色服务: the tier's local services and the club's coming activities. */
    tieredServices?: TieredService[];
    clubActivities?: ClubActivity[];
    /** Journeys that reached day 30 before the tiered services were offered got value-added services. */
    services?: RankedService[];
  };
  plan_fit_consultation: ScriptFacts & { planFit: Extract<PlanFitResult, { kind: 'recommend' | 'large_overage' }> };
  callback: { question: string; promisedOn: string };
  hotline_callback: { hangupAt: string; tier: Tier; msisdn: string };
  club_service_order: ScriptFacts & {
    workOrder: { levels: ClubServiceLevel[]; services: ClubService[]; activities: ClubActivity[] };
  };
  vas_order: ScriptFacts & { service: OfferedService };
  /** Which part of the journey failed (a moment, an event, background work), why, and when. */
  journey_fault: { part: string; reason: string; failedAt: string };
  /** The VIP waiting for a manager: their tier and store (whose region the manager must serve), since when. */
  vip_assignment: { tier: Tier; storeId: string; ratedAt: string; slaDeadline: string; attempts: number };
  /** The signal problem as the customer described it on the follow-up call, and when it must be answered. */
  network_ticket: { ticketId: string; address: string; description: string; reportedAt: string };
  network_ticket_overdue: { ticketId: string; ticketTaskId?: string; dueAt: string };
  plan_change_refused: ScriptFacts & { orderId: string; fromPlanCode: string; toPlanCode: string; reason: string };
}
