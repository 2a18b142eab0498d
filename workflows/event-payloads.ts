import { z } from 'zod';
import { tiers, type Tier } from '../domain/vocabulary';

/**
 * The payload of every business event a journey receives as a signal, written once: the signals of
 * workflows/messages.ts take their argument types from these schemas, and the API validates what the
 * activation system, the SMS gateway and the BSS send with them, so the two cannot drift apart.
 *
 * Workflow code imports only the types (workflows/messages.ts), so these schemas are not in the
 * workflow bundle; a workflow that came to parse them should preload this module
 * (workers/workflow-bundle.ts) as it does workflows/tasks.ts, whence the accessor below rather than
 * exported schemas.
 */

const isoTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 time with a zone, e.g. 2026-11-25T09:30:00+08:00' });

const vipTiers = tiers.filter((tier) => tier !== 'standard') as Exclude<Tier, 'standard'>[];

const sayWhy = 'say why, for the agent who tells the customer';

const payloadSchemas = {
  /** The VIP rating arrived (usually days after activation). */
  vipRated: z.strictObject({ tier: z.enum(vipTiers) }),
  /** A later change of tier, up or down (down to `standard` ends VIP service). */
  tierChanged: z.strictObject({ tier: z.enum(tiers) }),
  dndChanged: z.strictObject({ on: z.boolean() }),
  /** One month of usage as the billing system reports it (the shape of `UsageMonth`). */
  usageReported: z.strictObject({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a calendar month, YYYY-MM'),
    voiceMinutes: z.number().int().min(0).max(100_000),
    dataMB: z.number().min(0).max(10_000_000),
    sms: z.number().int().min(0).max(100_000),
  }),
  /** The first bill was paid. */
  paymentMade: z.strictObject({ at: isoTime }),
  planChanged: z.strictObject({ planCode: z.string().min(1).max(32) }),
  networkTicketResolved: z.strictObject({ ticketId: z.string().min(1).max(64) }),
  /**
   * The BSS refused an order of the journey: the order and its plan come from the journey's own order
   * (api/journeys/bss-outbox.ts), `reason` is the BSS's words as `POST /v1/bss/orders/:id/result` accepted them.
   */
  bssOrderRejected: z.strictObject({
    orderId: z.string(),
    toPlanCode: z.string(),
    reason: z.string({ error: sayWhy }).trim().min(1, sayWhy).max(500),
  }),
  /** A VIP's hotline call ended abnormally: the hotline calls back within the SLA. */
  hotlineAbnormalHangup: z.strictObject({ at: isoTime }),
  /** An SMS from the subscriber to the service number; `messageId` de-duplicates gateway retries. */
  inboundSms: z.strictObject({ messageId: z.string().min(1).max(128), text: z.string().max(1000) }),
  subscriberLeft: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
};

export type EventType = keyof typeof payloadSchemas;

/** What the journey receives for an event: the payload as its schema parsed it. */
export type EventPayload<T extends EventType = EventType> = z.output<(typeof payloadSchemas)[T]>;

export function eventPayloadSchema<T extends EventType>(type: T): (typeof payloadSchemas)[T] {
  return payloadSchemas[type];
}

/** The ISO time the events take, for the API's other bodies. */
export function isoTimeSchema(): typeof isoTime {
  return isoTime;
}
