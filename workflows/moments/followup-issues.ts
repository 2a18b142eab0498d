import { condition, patched, startChild } from '@temporalio/workflow';
import { activities } from '../activity-proxies';
import { launchPromise } from '../launch-promise';
import type { RunningJourney } from '../running-journey';
import { DAY_MS, defaultSchedule } from '../schedule';
import { launchPromiseWorkflowId, type NetworkTicketState } from '../state';
import type { Promotion } from '../../domain/promotions';
import type { FollowupIssue } from '../tasks';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * What happens to each issue the customer raised on a follow-up call
 * (docs/journey.md#m2-first-follow-up-days-410): a signal problem becomes a network ticket tracked
 * until resolved; an unanswered question becomes a callback task due when the agent promised the
 * reply; a tariff question may get a plan-fit recommendation; an offer not yet launched is recorded
 * so the customer hears of it later.
 */
export async function handleFollowupIssues(
  journey: RunningJourney,
  taskId: string,
  issues: FollowupIssue[],
): Promise<void> {
  await Promise.all(issues.map((issue, index) => handleIssue(journey, taskId, issue, index)));
}

async function handleIssue(
  journey: RunningJourney,
  taskId: string,
  issue: FollowupIssue,
  index: number,
): Promise<void> {
  const key = `${taskId}:issue-${index}`;
  switch (issue.category) {
    case 'signal': {
      const { ticketId } = await activities.openNetworkTicket.executeWithOptions(
        { summary: 'follow-up issue: open a network ticket' },
        [
          {
            idempotencyKey: key,
            journeyId: journey.state.journeyId,
            subscriberId: journey.subscriberId,
            taskId,
            address: issue.address,
            description: issue.description,
          },
        ],
      );
      const ticket: NetworkTicketState = { ticketId, status: 'open' };
      journey.state.networkTickets.push(ticket);
      journey.note('network_ticket_opened', { ticketId, address: issue.address });
      // Journeys that opened tickets before the network team had an inbox replay their plain deadline.
      if (patched(patches.networkTicketQueue.id))
        journey.spawn('network_ticket', () => queueTicket(journey, ticket, issue));
      else if (patched(patches.networkTicketDeadline.id))
        journey.spawn('network_ticket', () => followTicket(journey, ticket));
      return;
    }
    case 'other': {
      if (issue.replyBy === undefined) return;
      journey.note('callback_promised', { replyBy: issue.replyBy });
      await journey.tasks.run({
        key: `callback-${index}`,
        type: 'callback',
        role: 'followup',
        deadline: { by: Date.parse(issue.replyBy) },
        dueAt: Date.parse(issue.replyBy),
        payload: { question: issue.question, promisedOn: taskId },
      });
      return;
    }
    case 'tariff': {
      if (issue.changePlanTo) {
        // "Help change plan": an order for the BSS, which collects it from the outbox (api/journeys/bss-outbox.ts);
        // the BSS's planChanged event then changes the journey's plan. Journeys from before the outbox
        // recorded the request in the audit trail alone.
        journey.note('plan_change_requested', { planCode: issue.changePlanTo });
        const audit = {
          idempotencyKey: key,
          journeyId: journey.state.journeyId,
          subscriberId: journey.subscriberId,
          type: 'plan_change_requested',
          actor: 'journey',
          data: { from: journey.plan.code, to: issue.changePlanTo, onTask: taskId },
        };
        if (patched(patches.planChangeBssOrder.id)) {
          const { orderId } = await activities.placeBssOrder.executeWithOptions(
            { summary: 'follow-up issue: plan change, an order for the BSS' },
            [
              {
                audit,
                order: { kind: 'plan_change', fromPlanCode: journey.plan.code, toPlanCode: issue.changePlanTo },
              },
            ],
          );
          journey.note('bss_order_placed', { orderId, planCode: issue.changePlanTo });
          return;
        }
        await activities.recordAudit.executeWithOptions({ summary: 'follow-up issue: plan change requested' }, [audit]);
        return;
      }
      if (!issue.recommendBetterPlan) return;
      const fit = await activities.analysePlanFit.executeWithOptions({ summary: 'follow-up issue: plan fit' }, [
        {
          planCode: journey.plan.code,
          usage: journey.state.usage,
          overageThreshold: journey.schedule.planFit.overageThreshold,
        },
      ]);
      journey.note('tariff_plan_fit', { result: fit.kind, reason: fit.reason });
      return;
    }
    case 'promotion': {
      if (issue.offerLaunched) return;
      await activities.recordAudit.executeWithOptions({ summary: 'follow-up issue: promotion asked about' }, [
        {
          idempotencyKey: key,
          journeyId: journey.state.journeyId,
          subscriberId: journey.subscriberId,
          type: 'promotion_interest',
          actor: 'journey',
          data: { handling: issue.handling, notifyWhenLaunched: true, promotionCode: issue.promotionCode ?? null },
        },
      ]);
      journey.note('promotion_interest_recorded', issue.promotionCode ? { promotionCode: issue.promotionCode } : {});
      if (issue.promotionCode) {
        const promotion = await activities.findPromotion.executeWithOptions(
          { summary: 'follow-up issue: find the promotion' },
          [{ code: issue.promotionCode }],
        );
        if (promotion && Date.parse(promotion.launchAt) > Date.now()) {
          journey.spawn('promotion_launch', () => tellWhenLaunched(journey, promotion));
        }
      }
      return;
    }
    case 'billing':
      return;
  }
}

/**
 * A signal problem in the network department's queue: the team's task, due within the ticket's
 * deadline (7 days). Past it the supervisor gets a task to chase it, and the ticket stays in the queue
 * until the network team completes it or the BSS says it is resolved, whichever comes first; the
 * other way then has nothing left to do.
 */
async function queueTicket(
  journey: RunningJourney,
  ticket: NetworkTicketState,
  issue: Extract<FollowupIssue, { category: 'signal' }>,
): Promise<void> {
  const { dueDays } = journey.schedule.networkTicket ?? defaultSchedule.networkTicket;
  const reportedAt = Date.now();
  const dueBy = reportedAt + dueDays * DAY_MS;
  const task = await journey.tasks.open({
    key: `network_ticket:${ticket.ticketId}`,
    type: 'network_ticket',
    role: 'network',
    deadline: { by: dueBy },
    dueAt: dueBy,
    payload: {
      ticketId: ticket.ticketId,
      address: issue.address,
      description: issue.description,
      reportedAt: new Date(reportedAt).toISOString(),
    },
  });
  ticket.taskId = task.id;
  ticket.dueAt = task.dueAt;
  const settled = () => ticket.status === 'resolved' || task.status !== 'open';
  if (!(await journey.clock.waitUntil(settled, Date.parse(task.dueAt), 'network ticket: due, then escalate'))) {
    if (journey.clock.timeIsUp) return;
    await journey.tasks.escalate(task);
    await escalateTicket(journey, ticket);
    await condition(() => settled() || journey.clock.timeIsUp);
    if (!settled()) return;
  }
  if (task.status === 'open') {
    ticket.resolvedBy = 'bss';
    await journey.tasks.end(task, 'superseded', 'the BSS reported the ticket resolved');
    return;
  }
  if (task.status !== 'completed' || ticket.status === 'resolved') return;
  ticket.status = 'resolved';
  ticket.resolvedBy = 'network';
  journey.note('network_ticket_resolved', { ticketId: ticket.ticketId, by: 'network' });
  await activities.resolveNetworkTicket.executeWithOptions({ summary: 'network ticket resolved by the network team' }, [
    { ticketId: ticket.ticketId },
  ]);
}

/**
 * A ticket opened before the network team had an inbox: answered within its deadline, or escalated;
 * it stays tracked until the BSS says it is resolved.
 */
async function followTicket(journey: RunningJourney, ticket: NetworkTicketState): Promise<void> {
  const { dueDays } = journey.schedule.networkTicket ?? defaultSchedule.networkTicket;
  const dueAt = Date.now() + dueDays * DAY_MS;
  ticket.dueAt = new Date(dueAt).toISOString();
  if (await journey.clock.waitUntil(() => ticket.status === 'resolved', dueAt, 'network ticket: due, then escalate'))
    return;
  if (journey.clock.timeIsUp) return;
  await escalateTicket(journey, ticket);
}

/**
 * A ticket past its deadline: recorded for the report, and (since supervisors had tasks for it) the
 * supervisor's task to chase it, which ends once the ticket is resolved.
 */
async function escalateTicket(journey: RunningJourney, ticket: NetworkTicketState): Promise<void> {
  const escalatedAt = new Date().toISOString();
  ticket.escalatedAt = escalatedAt;
  journey.note('network_ticket_escalated', { ticketId: ticket.ticketId, dueAt: ticket.dueAt });
  await activities.recordAudit.executeWithOptions(
    { summary: 'network ticket past its deadline: tell the supervisor' },
    [
      {
        idempotencyKey: `${journey.state.journeyId}:ticket-${ticket.ticketId}:escalated`,
        journeyId: journey.state.journeyId,
        subscriberId: journey.subscriberId,
        type: 'network_ticket_escalated',
        actor: 'journey',
        data: { ticketId: ticket.ticketId, dueAt: ticket.dueAt, to: 'supervisor' },
      },
    ],
  );
  if (!patched(patches.networkTicketOverdueTask.id)) return;
  const overdue = await journey.tasks.open({
    key: `network_ticket_overdue:${ticket.ticketId}`,
    type: 'network_ticket_overdue',
    role: 'supervisor',
    deadline: { workingDays: 1 },
    dueAt: Date.now() + DAY_MS,
    payload: {
      ticketId: ticket.ticketId,
      ...(ticket.taskId ? { ticketTaskId: ticket.taskId } : {}),
      dueAt: ticket.dueAt ?? escalatedAt,
    },
  });
  journey.spawn('network_ticket_overdue', () =>
    Promise.all([
      journey.tasks.settle(overdue),
      (async () => {
        await condition(() => ticket.status === 'resolved' || overdue.status !== 'open' || journey.clock.timeIsUp);
        if (ticket.status === 'resolved')
          await journey.tasks.end(overdue, 'superseded', 'the network ticket was resolved');
      })(),
    ]),
  );
}

/**
 * A promotion the customer asked about before it launched: an SMS tells them the day it launches. One
 * launching after the journey's end is handed over to a workflow of its own (launch-promise.ts), which
 * outlives the journey and sends the same SMS on the launch day; journeys from before it recorded the
 * promise in the audit trail alone.
 */
async function tellWhenLaunched(journey: RunningJourney, promotion: Promotion): Promise<void> {
  const launchAt = Date.parse(promotion.launchAt);
  // Marketing hours: the launch day's morning, not the middle of the night.
  const sendAt = () => journey.marketingHoursFrom(launchAt);
  if (launchAt >= journey.clock.end) {
    journey.note('promotion_launches_after_journey', { promotionCode: promotion.code, launchAt: promotion.launchAt });
    await activities.recordAudit.executeWithOptions({ summary: 'promotion launches after the journey: record it' }, [
      {
        idempotencyKey: `${journey.state.journeyId}:promotion-${promotion.code}:after-journey`,
        journeyId: journey.state.journeyId,
        subscriberId: journey.subscriberId,
        type: 'promotion_notification_due',
        actor: 'journey',
        data: { promotionCode: promotion.code, launchAt: promotion.launchAt },
      },
    ]);
    if (patched(patches.launchPromiseWorkflow.id)) await handOverLaunchPromise(journey, promotion, sendAt());
    return;
  }
  if (!(await journey.clock.sleepUntil(sendAt(), `promotion ${promotion.code} launches: tell the customer`))) return;
  await journey.sms.send(`promotion-${promotion.code}`, {
    template: 'promotion_launched',
    values: { promotion: { code: promotion.code, name: promotion.name, description: promotion.description } },
  });
}

/**
 * Starts the workflow that keeps a launch promise past the journey's end. It is abandoned, not ended,
 * when the journey completes at day 90; a subscriber leaving before then cancels it with the journey's
 * other work, and one who leaves later (or is erased, or whose number is reissued) gets no SMS.
 */
async function handOverLaunchPromise(journey: RunningJourney, promotion: Promotion, sendAt: number): Promise<void> {
  const workflowId = launchPromiseWorkflowId(journey.subscriberId, promotion.code);
  await startChild(launchPromise, {
    workflowId,
    parentClosePolicy: 'ABANDON',
    staticSummary: `launch promise: promotion ${promotion.code}`,
    args: [
      {
        journeyId: journey.state.journeyId,
        subscriberId: journey.subscriberId,
        locale: journey.state.subscriber.locale,
        promotion: { code: promotion.code, name: promotion.name, description: promotion.description },
        sendAt: new Date(sendAt).toISOString(),
      },
    ],
  });
  journey.note('promotion_promise_handed_over', {
    promotionCode: promotion.code,
    sendAt: new Date(sendAt).toISOString(),
  });
}

/**
 * The BSS refused the plan change the customer asked for: the follow-up team calls them within a
 * working day to say why (the first-responsibility rule: whoever took the request answers for it).
 */
export function tellPlanChangeRefused(
  journey: RunningJourney,
  { orderId, toPlanCode, reason }: { orderId: string; toPlanCode: string; reason: string },
): void {
  journey.note('bss_order_rejected', { orderId, planCode: toPlanCode, reason });
  const key = `plan_change_refused:${orderId}`;
  if (journey.state.tasks.some((task) => task.id === `${journey.state.journeyId}:${key}`)) return;
  journey.spawn('plan_change_refused', () =>
    journey.tasks.run({
      key,
      type: 'plan_change_refused',
      role: 'followup',
      deadline: { workingDays: 1 },
      dueAt: Date.now() + DAY_MS,
      payload: { orderId, fromPlanCode: journey.plan.code, toPlanCode, reason, ...scriptFacts(journey) },
    }),
  );
}
