import { followupVerificationItems } from '../domain/vocabulary';
import { plans } from '../prisma/seed-data';
import type { Random } from './random';

/** A task as a staff member sees it on its page: its type and what it carries (`payload`). */
export interface SeenTask {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * The outcome a staff member records for a task they reached, as they would fill in its form; a
 * task type no bot knows answers undefined (it is left to expire, and the report names the type).
 * `notReached` is a call that did not get through. `realDay` is how long a simulated day lasts, for
 * a reply promised "tomorrow".
 */
export function outcomeFor(
  task: SeenTask,
  random: Random,
  options: { notReached: boolean; realDay: number; managersOf?: (storeId: string) => string[] },
): Record<string, unknown> | undefined {
  const calls = [
    'first_followup_call',
    'vip_first_call',
    'payment_reminder_call',
    'vas_telemarketing',
    'vip_service_recommendation',
    'plan_fit_consultation',
    'callback',
    'hotline_callback',
    'vas_order',
    'club_service_order',
    'plan_change_refused',
  ];
  if (options.notReached && calls.includes(task.type)) return { result: 'not_reached' };
  const { payload } = task;
  switch (task.type) {
    case 'onboarding_coaching':
      return {
        checklist: Object.fromEntries(
          (payload.checklist as string[]).map((item) => [
            item,
            item === 'club_recommendation'
              ? { done: true, clubAccepted: random.chance(0.3) }
              : random.chance(0.93)
                ? { done: true }
                : { done: false, skippedReason: '客户赶时间，改由回访补充' },
          ]),
        ),
        serviceGuideHandedOut: true,
      };
    case 'first_followup_call':
      return {
        result: 'reached',
        verification: Object.fromEntries(followupVerificationItems.map((item) => [item, 'verified'])),
        issues: followupIssues(random, options.realDay),
      };
    case 'vip_first_call':
      return { result: 'reached', tierRightsExplained: true };
    case 'payment_reminder_call':
    case 'hotline_callback':
      return { result: 'reached' };
    case 'vas_telemarketing': {
      const offered = (payload.recommendations as { code: string }[] | undefined) ?? [];
      const choice = random.weighted({ accepted: 30, declined: 55, do_not_disturb: 15 });
      if (choice === 'accepted' && offered[0]) return { result: 'accepted', accepted: [offered[0].code] };
      return { result: choice === 'accepted' ? 'declined' : choice };
    }
    case 'vip_service_recommendation':
      return { result: 'reached', accepted: [], clubInvitationAccepted: random.chance(0.4) };
    case 'plan_fit_consultation':
      return { result: random.chance(0.6) ? 'accepted' : 'declined' };
    case 'callback':
      return { result: 'answered', answer: '已按承诺时间回复客户' };
    case 'vas_order':
      return { result: random.chance(0.8) ? 'ordered' : 'declined' };
    case 'club_service_order': {
      const order = payload.workOrder as { services: { code: string }[] };
      return {
        result: 'served',
        level: random.pick(['standard', 'extended', 'professional']),
        services: Object.fromEntries(order.services.map((service) => [service.code, { done: random.chance(0.8) }])),
        joinedClub: random.chance(0.6),
        activitiesTold: true,
      };
    }
    case 'journey_fault':
      return { result: 'resolved', note: '已人工补做该环节，并通知技术人员' };
    case 'network_ticket':
      return { result: 'resolved', note: '已优化基站参数，信号恢复' };
    case 'network_ticket_overdue':
      return { result: 'followed_up', note: '已催办网络部门' };
    case 'plan_change_refused':
      return { result: 'reached' };
    case 'vip_assignment': {
      // The supervisor picks one of the region's managers (the page offers those with room).
      const managers = options.managersOf?.(String(payload.storeId)) ?? [];
      return managers.length > 0 ? { result: 'assigned', managerId: random.pick(managers) } : undefined;
    }
    default:
      return undefined;
  }
}

/** What customers raise on the follow-up call: a signal problem, an open question, a plan change, a bill. */
function followupIssues(random: Random, realDay: number): Record<string, unknown>[] {
  const issues: Record<string, unknown>[] = [];
  if (random.chance(0.15))
    issues.push({ category: 'signal', address: '小区地下车库', description: '地下车库没有信号' });
  if (random.chance(0.1))
    issues.push({
      category: 'other',
      question: '国际漫游怎么开通？',
      replyBy: new Date(Date.now() + realDay * (1 + random.int(0, 2))).toISOString(),
    });
  if (random.chance(0.08))
    issues.push({
      category: 'tariff',
      handling: '已讲解套餐资费',
      recommendBetterPlan: random.chance(0.5),
      ...(random.chance(0.4) ? { changePlanTo: random.pick(plans).code } : {}),
    });
  if (random.chance(0.1)) issues.push({ category: 'billing', handling: '已讲解账单项目' });
  return issues;
}
