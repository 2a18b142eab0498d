import { z } from 'zod';
import type { SignalDefinition } from '@temporalio/common';
import { locales, paymentTypes, tiers } from '../../domain/vocabulary';
import { eventPayloadSchema, isoTimeSchema, type EventPayload, type EventType } from '../../workflows/event-payloads';
import * as messages from '../../workflows/messages';
import { outcomeSchema, taskTypes } from '../../workflows/tasks';

/**
 * What the HTTP API accepts, field by field: every request body and parameter schema of `/v1` (the
 * OpenAPI document is generated from them). The workflow's own messages are in workflows/messages.ts,
 * the payloads of its events in workflows/event-payloads.ts.
 */

const isoTime = isoTimeSchema();

/** The last four characters of an ID number: the follow-up call verifies them, and no more of the number is kept. */
export const idNumberLast4 = z
  .string()
  .regex(/^\d{3}[\dX]$/, 'the last four characters of the ID number: four digits, the last may be X');

const msisdn = z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number (13x–19x)');

/** The activation payload as the BSS sends it: the shape of `ActivationProfile`, checked field by field. */
export const activationProfileSchema = z.strictObject({
  subscriberId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_", at most 64, starting alphanumeric'),
  msisdn,
  name: z.string().trim().min(1, 'required').max(100),
  address: z.string().trim().min(1).max(300).optional(),
  idNumberLast4: idNumberLast4.optional(),
  activatedAt: isoTime,
  storeId: z.string().min(1, 'required').max(32),
  planCode: z.string().min(1, 'required').max(32),
  paymentType: z.enum(paymentTypes),
  tier: z.enum(tiers).default('standard'),
  portIn: z.boolean().default(false),
  /** 换号入网: the number this one replaces (a port-in keeps its number and names none). */
  previousMsisdn: msisdn.optional(),
  contract: z
    .strictObject({ prepay: z.number().min(0).max(100_000), monthlyReturn: z.number().min(0).max(10_000) })
    .optional(),
  dnd: z.boolean().optional(),
  firstPaymentDueAt: isoTime.optional(),
  locale: z.enum(locales).default('zh-CN'),
});

/**
 * Each business event the activation system may send (`POST /v1/subscribers/:id/events`, the SMS
 * gateway's through `/v1/sms/inbound`): the signal it becomes, whose payload is the event's schema in
 * workflows/event-payloads.ts. Typed per event so that a signal and its event's payload cannot differ.
 */
export const businessEvents: { [T in BusinessEventType]: SignalDefinition<[EventPayload<T>]> } = {
  vipRated: messages.vipRated,
  tierChanged: messages.tierChanged,
  dndChanged: messages.dndChanged,
  usageReported: messages.usageReported,
  paymentMade: messages.paymentMade,
  planChanged: messages.planChanged,
  networkTicketResolved: messages.networkTicketResolved,
  hotlineAbnormalHangup: messages.hotlineAbnormalHangup,
  inboundSms: messages.inboundSms,
  subscriberLeft: messages.subscriberLeft,
};
/** Only the BSS's answer to an order (`POST /v1/bss/orders/:id/result`) tells a journey of a rejection. */
export type BusinessEventType = Exclude<EventType, 'bssOrderRejected'>;
const businessEventTypes = Object.keys(businessEvents) as BusinessEventType[];

/** `POST /v1/subscribers`: the activation profile, plus the initial service password when there is one. */
export const activationRequestSchema = activationProfileSchema
  .extend({
    initialPassword: z
      .string()
      .regex(/^\d{6}$/, 'six digits')
      .optional(),
  })
  .superRefine((value, context) => {
    const activatedAt = Date.parse(value.activatedAt);
    if (activatedAt > Date.now() + 5 * 60_000) {
      context.addIssue({ code: 'custom', path: ['activatedAt'], message: 'is in the future' });
    }
    if (value.firstPaymentDueAt && Date.parse(value.firstPaymentDueAt) <= activatedAt) {
      context.addIssue({ code: 'custom', path: ['firstPaymentDueAt'], message: 'must be after activatedAt' });
    }
    if (value.previousMsisdn === value.msisdn) {
      context.addIssue({ code: 'custom', path: ['previousMsisdn'], message: 'is the new number itself' });
    }
  });

/** A business event as the API takes it: its type beside its payload's fields. */
export type BusinessEventRequest = { [T in BusinessEventType]: { type: T } & EventPayload<T> }[BusinessEventType];

/** `POST /v1/subscribers/:id/events`: `{ "type": "vipRated", "tier": "gold" }` and so on. */
export const eventRequestSchema = z.discriminatedUnion(
  'type',
  businessEventTypes.map((type) => eventPayloadSchema(type).extend({ type: z.literal(type) })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
) as unknown as z.ZodType<BusinessEventRequest>;

export const signInSchema = z.strictObject({
  username: z.string().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(200),
});

/**
 * A completion: the outcome is validated against the task's own schema once the task is known; the
 * task's type, when sent, must be the task's (the staff pages' forms leave it out).
 */
export const completeTaskSchema = z.strictObject({ taskType: z.enum(taskTypes).optional(), outcome: z.unknown() });

/**
 * The completion as the OpenAPI document gives it to clients: the task's type, and an outcome of the
 * schema the journey validates that type with, so a generated client types each outcome by its task.
 */
export const typedCompletionSchema = z.discriminatedUnion(
  'taskType',
  taskTypes.map((taskType) =>
    z.strictObject({ taskType: z.literal(taskType), outcome: outcomeSchema(taskType) }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const reassignTaskSchema = z.strictObject({ assigneeId: z.string().min(1, 'required').max(64) });

export const erasureRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why (e.g. the request reference)').max(500),
});

/** The gateway's webhook: the journey's `inboundSms` event and the number it came from. */
export const inboundSmsSchema = z.strictObject({
  from: z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number'),
  ...eventPayloadSchema('inboundSms').shape,
});

/** `POST /v1/bss/orders/collect`: how many due orders to hand out at most. */
export const collectOrdersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** `POST /v1/bss/orders/:id/result`: the BSS carried the order out, or refused it and says why. */
export const bssOrderResultSchema = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('completed') }),
  z.strictObject({
    result: z.literal('rejected'),
    reason: eventPayloadSchema('bssOrderRejected').shape.reason,
  }),
]);

export const orderIdParam = z.uuid('not an order id');

export const subscriberIdParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'not a subscriber id');
