import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EventPayload } from './event-payloads';
import type { JourneyState } from './state';
import type { TaskActor, TaskOutcome, JourneyTask } from './tasks';

/**
 * Every message a journey understands, declared once and imported by the workflow, the API and the
 * tests. Signals are the business events (docs/journey.md#events-from-the-activation-and-billing-systems),
 * each carrying the payload its schema in workflows/event-payloads.ts defines; task completion is an
 * update so the caller learns at once whether it was accepted; the state is a query.
 */

export const vipRated = defineSignal<[EventPayload<'vipRated'>]>('vipRated');
export const tierChanged = defineSignal<[EventPayload<'tierChanged'>]>('tierChanged');
export const dndChanged = defineSignal<[EventPayload<'dndChanged'>]>('dndChanged');
export const usageReported = defineSignal<[EventPayload<'usageReported'>]>('usageReported');
export const paymentMade = defineSignal<[EventPayload<'paymentMade'>]>('paymentMade');
export const planChanged = defineSignal<[EventPayload<'planChanged'>]>('planChanged');
export const networkTicketResolved = defineSignal<[EventPayload<'networkTicketResolved'>]>('networkTicketResolved');
/** Sent by api/journeys/bss-outbox.ts with the BSS's answer: the follow-up team tells the customer. */
export const bssOrderRejected = defineSignal<[EventPayload<'bssOrderRejected'>]>('bssOrderRejected');
export const hotlineAbnormalHangup = defineSignal<[EventPayload<'hotlineAbnormalHangup'>]>('hotlineAbnormalHangup');
export const inboundSms = defineSignal<[EventPayload<'inboundSms'>]>('inboundSms');
export const subscriberLeft = defineSignal<[EventPayload<'subscriberLeft'>]>('subscriberLeft');

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
  doNotDisturb: 'DoNotDisturb',
} as const;
export type TaskRefusal = (typeof taskRefusals)[keyof typeof taskRefusals];
