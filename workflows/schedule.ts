import { BUSINESS_TIME_ZONE } from '../domain/calendar';
import type { SimulatedClock } from '../domain/simulated-clock';
import type { Tier } from '../domain/vocabulary';

/**
 * The rules a journey runs by: offsets from activation, SLAs and thresholds, with the defaults of
 * docs/journey.md#the-timeline. A journey receives its schedule at start and keeps it, so changing
 * the defaults never changes the deadlines of journeys already running.
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
  /** The plan's limit for the activation SMS (within 2 hours of first activation); journeys started before it was kept lack it. */
  activationSms?: { slaHours: number };
  /** How long the network department has to answer a signal problem before the supervisor hears of it. */
  networkTicket?: { dueDays: number };
  /** Marketing SMS wait for the end of quiet hours (local clock hours); service SMS never wait. */
  quietHours: { startHour: number; endHour: number };
  /**
   * How task deadlines count (docs/calendar.md): in the working time of the task's role and store
   * (the default, also for journeys whose schedule predates it), or in plain calendar days, as
   * compressed schedules do since a compressed day has no opening hours.
   */
  deadlines?: 'working_time' | 'calendar_days';
  /**
   * The business clock of compressed days (domain/simulated-clock.ts): month ends and quiet hours are
   * read on it. Absent: real time (real days, and compressed journeys started before it existed).
   */
  simulatedClock?: SimulatedClock;
}

/** The default schedule (docs/journey.md#the-timeline). */
export const defaultSchedule: Required<Omit<JourneySchedule, 'simulatedClock'>> = {
  timeZone: BUSINESS_TIME_ZONE,
  journeyDays: 90,
  overdueGraceHours: 48,
  onboardingCoaching: { dueDays: 3 },
  firstFollowup: { availableDays: 4, dueDays: 10, maxAttempts: 3 },
  vip: { assignmentSlaDays: 3, assignmentRetryHours: 6, firstCallDueDays: 7 },
  paymentCoaching: { minimumTier: 'gold', reminderLeadDays: 5, callDueDaysBefore: 1 },
  serviceRecommendation: { startDays: 30, dueDays: 60, maxServices: 5 },
  planFit: { startDays: 60, dueDays: 90, overageThreshold: 0.2 },
  hotlineCallback: { dueHours: 2 },
  activationSms: { slaHours: 2 },
  networkTicket: { dueDays: 7 },
  quietHours: { startHour: 21, endHour: 8 },
  deadlines: 'working_time',
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The default schedule with every day and hour shrunk to `msPerDay` milliseconds a day, so a real
 * server runs a whole journey in minutes with the same code paths: for demonstrations
 * (`JOURNEY_DAY_SECONDS`), the simulator and end-to-end tests. Overdue tasks stay open to the
 * journey's end, so people working them are never too slow for a compressed grace period. The
 * business clock reads `start.simulated` at the real instant `start.real` (by default both now).
 */
export function compressedSchedule(
  msPerDay: number,
  start: { real?: string; simulated?: string } = {},
): JourneySchedule {
  const realStart = start.real ?? new Date().toISOString();
  const days = (value: number) => (value * msPerDay) / 86_400_000;
  const s = defaultSchedule;
  return {
    ...s,
    journeyDays: days(s.journeyDays),
    overdueGraceHours: days(s.journeyDays) * 24,
    onboardingCoaching: { dueDays: days(s.onboardingCoaching.dueDays) },
    firstFollowup: {
      ...s.firstFollowup,
      availableDays: days(s.firstFollowup.availableDays),
      dueDays: days(s.firstFollowup.dueDays),
    },
    vip: {
      assignmentSlaDays: days(s.vip.assignmentSlaDays),
      assignmentRetryHours: days(s.vip.assignmentRetryHours),
      firstCallDueDays: days(s.vip.firstCallDueDays),
    },
    paymentCoaching: {
      ...s.paymentCoaching,
      reminderLeadDays: days(s.paymentCoaching.reminderLeadDays),
      callDueDaysBefore: days(s.paymentCoaching.callDueDaysBefore),
    },
    serviceRecommendation: {
      ...s.serviceRecommendation,
      startDays: days(s.serviceRecommendation.startDays),
      dueDays: days(s.serviceRecommendation.dueDays),
    },
    planFit: { ...s.planFit, startDays: days(s.planFit.startDays), dueDays: days(s.planFit.dueDays) },
    hotlineCallback: { dueHours: days(s.hotlineCallback.dueHours) },
    activationSms: { slaHours: days(s.activationSms.slaHours) },
    networkTicket: { dueDays: days(s.networkTicket.dueDays) },
    deadlines: 'calendar_days',
    simulatedClock: { realStart, simulatedStart: start.simulated ?? realStart, factor: 86_400_000 / msPerDay },
  };
}
