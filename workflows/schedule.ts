import type { Tier } from './domain';

/**
 * The rules a journey runs by: offsets from activation, SLAs and thresholds, with the spec's
 * defaults. A journey receives its schedule at start and keeps it, so changing the defaults never
 * changes the deadlines of journeys already running.
 */
export interface JourneySchedule {
  /** Business time zone: month ends, quiet hours and SMS dates are read in it. */
  timeZone: string;
  journeyDays: number;
  /** How long an overdue (escalated) task stays open before it expires. */
  overdueGraceHours: number;
  onboardingCoaching: { dueDays: number };
  firstFollowup: { availableDays: number; dueDays: number; maxAttempts: number };
  vip: { assignmentSlaDays: number; assignmentRetryHours: number; firstCallDueDays: number };
  paymentCoaching: {
    minimumTier: Tier;
    /** The reminder SMS and the manager's call open this many days before the first payment is due. */
    reminderLeadDays: number;
    callDueDaysBefore: number;
  };
  serviceRecommendation: { startDays: number; dueDays: number; maxServices: number };
  planFit: { startDays: number; dueDays: number; overageThreshold: number };
  hotlineCallback: { dueHours: number };
  /** Marketing SMS wait for the end of quiet hours (local clock hours); service SMS never wait. */
  quietHours: { startHour: number; endHour: number };
}

/** The spec's schedule (spec/journey.md, "Timeline"). */
export const defaultSchedule: JourneySchedule = {
  timeZone: 'Asia/Shanghai',
  journeyDays: 90,
  overdueGraceHours: 48,
  onboardingCoaching: { dueDays: 3 },
  firstFollowup: { availableDays: 4, dueDays: 10, maxAttempts: 3 },
  vip: { assignmentSlaDays: 3, assignmentRetryHours: 6, firstCallDueDays: 7 },
  paymentCoaching: { minimumTier: 'gold', reminderLeadDays: 5, callDueDaysBefore: 1 },
  serviceRecommendation: { startDays: 30, dueDays: 60, maxServices: 5 },
  planFit: { startDays: 60, dueDays: 90, overageThreshold: 0.2 },
  hotlineCallback: { dueHours: 2 },
  quietHours: { startHour: 21, endHour: 8 },
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
