import { patched } from '@temporalio/workflow';
import { activities } from '../activity-proxies';
import type { RunningJourney } from '../running-journey';
import { DAY_MS, defaultSchedule } from '../schedule';
import type { NetworkTicketState } from '../state';
import type { Promotion } from '../../domain/promotions';
import type { FollowupIssue } from '../tasks';

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
      if (patched('network-ticket-deadline')) journey.spawn('network_ticket', () => followTicket(journey, ticket));
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
        // "Help change plan": the request goes to the BSS queue through the audit trail; the BSS's
        // planChanged event then changes the journey's plan.
        journey.note('plan_change_requested', { planCode: issue.changePlanTo });
        await activities.recordAudit.executeWithOptions({ summary: 'follow-up issue: plan change requested' }, [
          {
            idempotencyKey: key,
            journeyId: journey.state.journeyId,
            subscriberId: journey.subscriberId,
            type: 'plan_change_requested',
            actor: 'journey',
            data: { from: journey.plan.code, to: issue.changePlanTo, onTask: taskId },
          },
        ]);
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
 * The network department answers a signal problem within its deadline, or the supervisor hears of it
 * once (recorded for the report); the ticket stays tracked until the BSS says it is resolved.
 */
async function followTicket(journey: RunningJourney, ticket: NetworkTicketState): Promise<void> {
  const { dueDays } = journey.schedule.networkTicket ?? defaultSchedule.networkTicket;
  const dueAt = Date.now() + dueDays * DAY_MS;
  ticket.dueAt = new Date(dueAt).toISOString();
  if (await journey.clock.waitUntil(() => ticket.status === 'resolved', dueAt, 'network ticket: due, then escalate'))
    return;
  if (journey.clock.timeIsUp) return;
  ticket.escalatedAt = new Date().toISOString();
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
}

/**
 * A promotion the customer asked about before it launched: an SMS tells them the day it launches. One
 * launching after the journey's end is handed to staff instead (the supervisor's audit trail).
 */
async function tellWhenLaunched(journey: RunningJourney, promotion: Promotion): Promise<void> {
  const launchAt = Date.parse(promotion.launchAt);
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
    return;
  }
  // Marketing hours: the launch day's morning, not the middle of the night.
  const sendAt = journey.marketingHoursFrom(launchAt);
  if (!(await journey.clock.sleepUntil(sendAt, `promotion ${promotion.code} launches: tell the customer`))) return;
  await journey.sms.send(`promotion-${promotion.code}`, {
    template: 'promotion_launched',
    values: { promotion: { code: promotion.code, name: promotion.name, description: promotion.description } },
  });
}
