import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { locales, paymentTypes, tiers, type Tier, type UsageMonth } from './domain';
import type { JourneyState } from './state';
import type { TaskActor, TaskOutcome, TaskView } from './tasks';

/**
 * Every message a journey understands, declared once and imported by the workflow, the API and the
 * tests. Signals are the business events of the spec ("Events"); task completion is an update so the
 * caller learns at once whether it was accepted; the state is a query.
 */

/** The VIP rating arrived (usually days after activation). */
export const vipRated = defineSignal<[{ tier: Exclude<Tier, 'standard'> }]>('vipRated');
/** A later change of tier, up or down (down to `standard` ends VIP service). */
export const tierChanged = defineSignal<[{ tier: Tier }]>('tierChanged');
export const dndChanged = defineSignal<[{ on: boolean }]>('dndChanged');
export const usageReported = defineSignal<[UsageMonth]>('usageReported');
/** The first bill was paid (ISO time). */
export const paymentMade = defineSignal<[{ at: string }]>('paymentMade');
export const planChanged = defineSignal<[{ planCode: string }]>('planChanged');
export const networkTicketResolved = defineSignal<[{ ticketId: string }]>('networkTicketResolved');
/** A VIP's hotline call ended abnormally (ISO time): the hotline calls back within the SLA. */
export const hotlineAbnormalHangup = defineSignal<[{ at: string }]>('hotlineAbnormalHangup');
/** An SMS from the subscriber to the service number; `messageId` de-duplicates gateway retries. */
export const inboundSms = defineSignal<[{ messageId: string; text: string }]>('inboundSms');
export const subscriberLeft = defineSignal<[{ reason: string }]>('subscriberLeft');

/** Staff complete a task; rejected (nothing changes) for an unknown or ended task, another role, or a bad outcome. */
export const completeTask = defineUpdate<TaskView, [{ taskId: string; actor: TaskActor; outcome: TaskOutcome }]>(
  'completeTask',
);

/**
 * A supervisor gives an open task to a named staff member of the task's role (e.g. an escalated
 * follow-up call to another agent); rejected, nothing changed, for anyone else, an ended task or an
 * assignee of another role.
 */
export const reassignTask = defineUpdate<TaskView, [{ taskId: string; actor: TaskActor; assignee: TaskActor }]>(
  'reassignTask',
);

export const journeyState = defineQuery<JourneyState>('journeyState');

const isoTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 time with a zone, e.g. 2026-11-25T09:30:00+08:00' });

/** The activation payload as the BSS sends it: the shape of `ActivationProfile`, checked field by field. */
export const activationProfileSchema = z.strictObject({
  subscriberId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_", at most 64, starting alphanumeric'),
  msisdn: z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number (13x–19x)'),
  name: z.string().trim().min(1, 'required').max(100),
  address: z.string().trim().min(1).max(300).optional(),
  activatedAt: isoTime,
  storeId: z.string().min(1, 'required').max(32),
  planCode: z.string().min(1, 'required').max(32),
  paymentType: z.enum(paymentTypes),
  tier: z.enum(tiers).default('standard'),
  portIn: z.boolean().default(false),
  contract: z
    .strictObject({ prepay: z.number().min(0).max(100_000), monthlyReturn: z.number().min(0).max(10_000) })
    .optional(),
  dnd: z.boolean().optional(),
  firstPaymentDueAt: isoTime.optional(),
  locale: z.enum(locales).default('zh-CN'),
});

const vipTiers = tiers.filter((tier) => tier !== 'standard') as Exclude<Tier, 'standard'>[];

/** Each business event of the spec: the signal it becomes and the payload it must carry. */
export const journeyEvents = {
  vipRated: { signal: vipRated, payload: z.strictObject({ tier: z.enum(vipTiers) }) },
  tierChanged: { signal: tierChanged, payload: z.strictObject({ tier: z.enum(tiers) }) },
  dndChanged: { signal: dndChanged, payload: z.strictObject({ on: z.boolean() }) },
  usageReported: {
    signal: usageReported,
    payload: z.strictObject({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a calendar month, YYYY-MM'),
      voiceMinutes: z.number().int().min(0).max(100_000),
      dataMB: z.number().min(0).max(10_000_000),
      sms: z.number().int().min(0).max(100_000),
    }),
  },
  paymentMade: { signal: paymentMade, payload: z.strictObject({ at: isoTime }) },
  planChanged: { signal: planChanged, payload: z.strictObject({ planCode: z.string().min(1).max(32) }) },
  networkTicketResolved: {
    signal: networkTicketResolved,
    payload: z.strictObject({ ticketId: z.string().min(1).max(64) }),
  },
  hotlineAbnormalHangup: { signal: hotlineAbnormalHangup, payload: z.strictObject({ at: isoTime }) },
  inboundSms: {
    signal: inboundSms,
    payload: z.strictObject({ messageId: z.string().min(1).max(128), text: z.string().max(1000) }),
  },
  subscriberLeft: { signal: subscriberLeft, payload: z.strictObject({ reason: z.string().trim().min(1).max(500) }) },
} as const;
export type JourneyEventType = keyof typeof journeyEvents;
