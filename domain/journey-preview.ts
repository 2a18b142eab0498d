import { defaultFirstPaymentDue, outsideQuietHours } from './calendar';
import type { ControlTouch } from './control-group';
import { dndAtActivation } from './do-not-disturb';
import { isVip, tierAtLeast, type PaymentType, type StaffRole, type Tier } from './vocabulary';
import type { WorkingDeadline } from './working-time';

/**
 * A journey's 90 days before any subscriber exists (docs/journey.md#a-journey-preview): every SMS, task
 * and deadline the journey would send and open for a profile, if nobody completes a task and nothing
 * happens but the events asked about. It follows the workflow's moments (workflows/moments/) on the
 * same schedule, calendar and deadline rules; `test/journey-preview.test.ts` runs the real workflow
 * for a set of profiles and holds it to exactly this.
 */

/** The schedule figures the preview reads (the workflow's `JourneySchedule` has them all). */
export interface PreviewSchedule {
  journeyDays: number;
  timeZone: string;
  quietHours: { startHour: number; endHour: number };
  onboardingCoaching: { dueDays: number };
  firstFollowup: { availableDays: number; dueDays: number };
  serviceRecommendation: { startDays: number; dueDays: number };
  planFit: { startDays: number };
  vip: { firstCallDueDays: number };
  paymentCoaching: { minimumTier: Tier; reminderLeadDays: number; callDueDaysBefore: number };
}

export interface PreviewProfile {
  activatedAt: number;
  tier: Tier;
  paymentType: PaymentType;
  /** 换号入网: the new number replaces an old one (its checklist then coaches number-change notices). */
  numberChange: boolean;
  storeId: string;
  dnd?: boolean;
  /** An initial service password comes with the activation (its SMS follows the welcome). */
  initialPassword?: boolean;
  firstPaymentDueAt?: number;
  /** The paid touch the subscriber's control group skips, if they are in one. */
  heldOutOf?: ControlTouch;
}

/** Events on a day of the journey (days after activation, fractions allowed). */
export interface PreviewEvents {
  vipRated?: { day: number; tier: Exclude<Tier, 'standard'> };
  paidOnDay?: number;
  leftOnDay?: number;
}

/**
 * When a task opened at `openedAt` falls due inside its window (or at the window's end, flagged, when
 * the calendar leaves no working time in it), and when it expires if still open: the deadline activity's rule.
 */
export type DeadlinesOf = (
  role: StaffRole,
  openedAt: number,
  deadline: WorkingDeadline,
) => { dueAt: number; expiresAt: number; dueAtWindowEnd: boolean };

/** A task the journey would open: when, for whom, the end of the plan's window and its due time inside it. */
export interface PreviewTask {
  at: number;
  kind: 'task';
  type: string;
  role: StaffRole;
  windowEndsAt: number;
  dueAt: number;
  expiresAt: number;
  dueAtWindowEnd: boolean;
}

export type PreviewEntry =
  { at: number; kind: 'sms'; template: string } | PreviewTask | { at: number; kind: 'note'; note: PreviewNote };

/** What the preview says besides SMS and tasks, each a code the staff pages put in words. */
export type PreviewNote =
  | 'vip_rated'
  | 'do_not_disturb'
  | 'followup_by_account_manager'
  | 'followup_superseded'
  | 'control_group_skipped'
  | 'telemarketing_skipped_dnd'
  | 'payment_coaching_skipped'
  | 'plan_fit_assessed'
  | 'subscriber_left'
  | 'journey_ends';

const DAY_MS = 86_400_000;

export function previewJourney(
  profile: PreviewProfile,
  events: PreviewEvents,
  schedule: PreviewSchedule,
  deadlinesOf: DeadlinesOf,
): PreviewEntry[] {
  const start = profile.activatedAt;
  const day = (days: number) => start + days * DAY_MS;
  const leftAt = events.leftOnDay !== undefined ? day(events.leftOnDay) : undefined;
  const end = Math.min(day(schedule.journeyDays), leftAt ?? Infinity);
  const ratedAt = isVip(profile.tier) ? start : events.vipRated ? day(events.vipRated.day) : undefined;
  const ratedTier = isVip(profile.tier) ? profile.tier : events.vipRated?.tier;
  const tierAt = (at: number): Tier =>
    ratedAt !== undefined && ratedTier !== undefined && at >= ratedAt ? ratedTier : profile.tier;
  const dndAtStart = dndAtActivation(profile).dnd;
  const dndAt = (at: number) => dndAtStart || (ratedTier === 'diamond' && ratedAt !== undefined && at >= ratedAt);
  const paidAt = events.paidOnDay !== undefined ? day(events.paidOnDay) : undefined;

  const entries: PreviewEntry[] = [];
  const sms = (at: number, template: string) => entries.push({ at, kind: 'sms', template });
  const note = (at: number, what: PreviewNote) => entries.push({ at, kind: 'note', note: what });
  // As the task board does: the window ends at the task's calendar-day due time, unless given.
  const task = (at: number, type: string, role: StaffRole, deadline: WorkingDeadline, windowEndsAt: number) => {
    const due = deadlinesOf(role, at, { ...deadline, windowEndsAt });
    entries.push({ at, kind: 'task', type, role, windowEndsAt, ...due });
    return due;
  };

  // M0 and M1 at activation.
  sms(start, 'welcome');
  if (profile.initialPassword) sms(start, 'initial_password');
  sms(start, 'help_menu');
  if (dndAtStart) note(start, 'do_not_disturb');
  const coachingDays = schedule.onboardingCoaching.dueDays;
  task(start, 'onboarding_coaching', 'store', { workingDays: coachingDays, from: start }, day(coachingDays));

  // M2: the follow-up call, unless a VIP's manager calls instead or the control group skips it. A
  // rating inside its window supersedes it; after the window the regular call stays open to its expiry
  // (nobody works it here), and the manager's deeper call opens then.
  const followupAt = day(schedule.firstFollowup.availableDays);
  const followupWindowEnd = day(schedule.firstFollowup.dueDays);
  let firstCallAt = ratedAt;
  if (followupAt < end) {
    if (isVip(tierAt(followupAt))) note(followupAt, 'followup_by_account_manager');
    else if (profile.heldOutOf === 'first_followup_call') note(followupAt, 'control_group_skipped');
    else {
      const { expiresAt } = task(
        followupAt,
        'first_followup_call',
        'followup',
        { by: followupWindowEnd },
        followupWindowEnd,
      );
      if (ratedAt !== undefined && ratedAt > followupAt && ratedAt < Math.min(expiresAt, end)) {
        if (ratedAt <= followupWindowEnd) note(ratedAt, 'followup_superseded');
        else firstCallAt = expiresAt;
      }
    }
  }

  // The VIP's account manager (assigned at the rating) and payment coaching before the first bill.
  if (ratedAt !== undefined && ratedAt < end) {
    if (ratedAt > start) note(ratedAt, 'vip_rated');
    if (ratedTier === 'diamond' && !dndAtStart && ratedAt > start) note(ratedAt, 'do_not_disturb');
    const { firstCallDueDays } = schedule.vip;
    if (firstCallAt !== undefined && firstCallAt < end)
      task(
        firstCallAt,
        'vip_first_call',
        'account_manager',
        { workingDays: firstCallDueDays, from: ratedAt },
        ratedAt + firstCallDueDays * DAY_MS,
      );
    if (ratedTier !== undefined) paymentCoaching(ratedAt, ratedTier);
  }

  function paymentCoaching(ratedAt: number, ratedTier: Tier): void {
    const { minimumTier, reminderLeadDays, callDueDaysBefore } = schedule.paymentCoaching;
    if (profile.paymentType !== 'postpaid' || !tierAtLeast(ratedTier, minimumTier)) return;
    const due = profile.firstPaymentDueAt ?? defaultFirstPaymentDue(start, schedule.timeZone);
    const remindAt = Math.max(ratedAt, due - reminderLeadDays * DAY_MS);
    if (ratedAt >= due || (paidAt !== undefined && paidAt <= remindAt)) {
      note(Math.min(ratedAt, paidAt ?? Infinity, due), 'payment_coaching_skipped');
      return;
    }
    if (remindAt >= end) return;
    sms(remindAt, 'payment_reminder');
    task(remindAt, 'payment_reminder_call', 'account_manager', { by: due - callDueDaysBefore * DAY_MS }, due);
  }

  // M4: service recommendation from day 30: telemarketing and the marketing SMS, the VIP's tiered services.
  const recommendAt = day(schedule.serviceRecommendation.startDays);
  const recommendBy = day(schedule.serviceRecommendation.dueDays);
  if (recommendAt < end) {
    if (dndAt(recommendAt)) note(recommendAt, 'telemarketing_skipped_dnd');
    else {
      const smsAt = outsideQuietHours(recommendAt, schedule.quietHours, schedule.timeZone);
      if (smsAt < end) sms(smsAt, 'marketing_vas');
      if (profile.heldOutOf === 'vas_telemarketing') note(recommendAt, 'control_group_skipped');
      else task(recommendAt, 'vas_telemarketing', 'telemarketing', { by: recommendBy }, recommendBy);
    }
    if (ratedAt !== undefined && ratedAt < Math.min(recommendBy, end)) {
      const at = Math.max(recommendAt, ratedAt);
      task(at, 'vip_service_recommendation', 'account_manager', { by: recommendBy }, recommendBy);
    }
  }

  // M5: plan fit from day 60, for VIPs (a consultation only when the usage shows a better plan).
  const planFitAt = day(schedule.planFit.startDays);
  if (planFitAt < end && ratedAt !== undefined) note(Math.max(planFitAt, ratedAt), 'plan_fit_assessed');

  note(end, leftAt !== undefined && leftAt < day(schedule.journeyDays) ? 'subscriber_left' : 'journey_ends');
  return entries.sort((a, b) => a.at - b.at);
}
