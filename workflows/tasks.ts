import { z } from 'zod';
import type { StaffRole } from './domain';

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
] as const;
export type TaskType = (typeof taskTypes)[number];

export const taskStatuses = ['open', 'completed', 'expired', 'superseded', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Onboarding-coaching checklist items (入网辅导), in the order the clerk works through them. */
export const coachingItems = [
  'plan_tariff',
  'contract_terms',
  'service_channels',
  'billing_payment',
  'data_usage_notes',
  'club_recommendation',
  'internet_setup',
  'number_change_coaching',
  'tier_rights',
] as const;
export type CoachingItem = (typeof coachingItems)[number];

const note = z.string().trim().max(2000).optional();
const notReached = z.object({ result: z.literal('not_reached'), note });

const checklistEntry = z.discriminatedUnion('done', [
  z.object({ done: z.literal(true) }),
  z.object({
    done: z.literal(false),
    skippedReason: z.string().trim().min(1, 'a skipped item needs a reason').max(500),
  }),
]);

/** Issue categories a follow-up call may record (回访问题分类), each with its handling. */
export const followupIssue = z.discriminatedUnion('category', [
  z.object({
    category: z.literal('tariff'),
    handling: z.string().trim().min(1).max(1000),
    recommendBetterPlan: z.boolean().default(false),
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

export const outcomeSchemas = {
  onboarding_coaching: z.object({ checklist: z.partialRecord(z.enum(coachingItems), checklistEntry) }),
  first_followup_call: z.discriminatedUnion('result', [
    z.object({ result: z.literal('reached'), issues: z.array(followupIssue).max(10).default([]), feedback: note }),
    notReached,
  ]),
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
} satisfies Record<TaskType, z.ZodType>;

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
