import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Tier, UsageMonth } from '../domain/vocabulary';
import type { JourneyState } from './state';
import type { TaskActor, TaskOutcome, JourneyTask } from './tasks';

/**
 * Every message a journey understands, declared once and imported by the workflow, the API and the
 * tests. Signals are the business events (docs/journey.md#events-from-the-activation-and-billing-systems);
 * task completion is an update so the caller learns at once whether it was accepted; the state is a
 * query.
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
/**
 * The BSS refused an order of the journey (api/bss-orders.ts sends it with the BSS's answer): the
 * follow-up team tells the customer. `reason` is the BSS's words.
 */
export const bssOrderRejected =
  defineSignal<[{ orderId: string; toPlanCode: string; reason: string }]>('bssOrderRejected');
/** A VIP's hotline call ended abnormally (ISO time): the hotline calls back within the SLA. */
export const hotlineAbnormalHangup = defineSignal<[{ at: string }]>('hotlineAbnormalHangup');
/** An SMS from the subscriber to the service number; `messageId` de-duplicates gateway retries. */
export const inboundSms = defineSignal<[{ messageId: string; text: string }]>('inboundSms');
export const subscriberLeft = defineSignal<[{ reason: string }]>('subscriberLeft');

/**
 * What every staff update carries besides its own fields: the id of the update it was made for, inside
 * the sealed payload, so that a copy sent again as another update is refused (workflows/sealed-messages.ts).
 */
export interface StaffUpdateRequest {
  updateId: string;
}

/** Staff complete a task; rejected (nothing changes) for an unknown or ended task, another role, or a bad outcome. */
export const completeTask = defineUpdate<
  JourneyTask,
  [StaffUpdateRequest & { taskId: string; actor: TaskActor; outcome: TaskOutcome }]
>('completeTask');

/**
 * A supervisor gives an open task to a named staff member of the task's role (e.g. an escalated
 * follow-up call to another agent); rejected, nothing changed, for anyone else, an ended task or an
 * assignee of another role.
 */
export const reassignTask = defineUpdate<
  JourneyTask,
  [StaffUpdateRequest & { taskId: string; actor: TaskActor; assignee: TaskActor }]
>('reassignTask');

export const journeyState = defineQuery<JourneyState>('journeyState');

/**
 * Why an update was refused (the failure type of the validator's `ApplicationFailure`), matched by the
 * API to answer the status that says who must change what.
 */
export const taskRefusals = {
  unknownTask: 'UnknownTask',
  taskEnded: 'TaskEnded',
  wrongRole: 'WrongRole',
  wrongAssignee: 'WrongAssignee',
  wrongStore: 'WrongStore',
  invalidOutcome: 'InvalidOutcome',
  invalidAssignee: 'InvalidAssignee',
} as const;
export type TaskRefusal = (typeof taskRefusals)[keyof typeof taskRefusals];
