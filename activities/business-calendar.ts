import { ApplicationFailure } from '@temporalio/activity';
import { BUSINESS_TIME_ZONE } from '../domain/calendar';
import type { StaffRole } from '../domain/vocabulary';
import {
  addWorkingTime,
  checkWorkingHours,
  workingDeadline,
  type IsoWeekday,
  type WorkingCalendar,
  type WorkingDeadline,
  type WorkingHours,
} from '../domain/working-time';
import type { PrismaClient } from '../platform/database';
import type { TaskDeadlines, TaskDeadlinesRequest } from '../workflows/activity-contract';
import { publicDaysBetween, publicHolidaysSource } from './public-holidays';

/**
 * The business calendars tasks are due on (docs/calendar.md): the outbound call team's hours for
 * follow-up and telemarketing calls, the hotline's for its callbacks, a store's own hours (or every
 * store's) for the store, its club and its account managers; each with China's public holidays and
 * 调休 make-up working days, which count where the hours say the calendar keeps them.
 */

/** Roles whose tasks the outbound call team works (the `call_centre` calendar). */
const outboundRoles: readonly StaffRole[] = ['followup', 'telemarketing'];

/** The `working_hours` rows that may hold a role's hours, the most specific first. */
export function calendarCandidates(role: StaffRole, storeId: string | undefined): string[] {
  if (role === 'hotline') return ['hotline'];
  if (outboundRoles.includes(role)) return ['call_centre'];
  return storeId ? [`store:${storeId}`, 'store'] : ['store'];
}

/** One calendar's hours as the table holds them, with the revision a task records. */
export interface CalendarHours {
  calendar: string;
  hours: WorkingHours;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
}

type HoursRow = Awaited<ReturnType<PrismaClient['workingHours']['findMany']>>[number];

export function toCalendarHours(row: HoursRow): CalendarHours {
  return {
    calendar: row.calendar,
    hours: {
      opens: row.opens,
      closes: row.closes,
      closedWeekdays: row.closedWeekdays as IsoWeekday[],
      closedDates: row.closedDates.map((date) => date.toISOString().slice(0, 10)),
      closedOnPublicHolidays: row.closedOnPublicHolidays,
    },
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/**
 * The hours a role (at a store) works now. A missing row (the migrations create `call_centre`,
 * `hotline` and `store`) is retried: the journey waits until an operator restores it, rather than failing.
 */
export async function hoursFor(
  prisma: PrismaClient,
  role: StaffRole,
  storeId: string | undefined,
): Promise<CalendarHours> {
  const candidates = calendarCandidates(role, storeId);
  const rows = await prisma.workingHours.findMany({ where: { calendar: { in: candidates } } });
  const row = candidates.map((calendar) => rows.find((candidate) => candidate.calendar === calendar)).find(Boolean);
  if (!row) throw ApplicationFailure.retryable(`no working hours for ${candidates.join(' or ')}`, 'NoWorkingHours');
  return toCalendarHours(row);
}

const DAY_MS = 86_400_000;

/** The working calendar of `hours` with the public days of the year before `at` to two years after it. */
export function workingCalendar(hours: WorkingHours, at: number): WorkingCalendar {
  const days = publicDaysBetween(
    new Date(at - 366 * DAY_MS).toISOString().slice(0, 10),
    new Date(at + 2 * 366 * DAY_MS).toISOString().slice(0, 10),
  );
  return {
    timeZone: BUSINESS_TIME_ZONE,
    hours: checkWorkingHours(hours),
    holidays: days.filter((day) => day.kind === 'holiday').map((day) => day.date),
    makeUpWorkdays: days.filter((day) => day.kind === 'make_up_workday').map((day) => day.date),
  };
}

/**
 * When a task opened at `openedAt` on `hours` falls due (inside its plan window, or at the window's
 * end when the calendar leaves no working time in it), and when it expires if still open after its
 * escalation: the rule of the deadline activity, and of the journey preview.
 */
export function deadlinesOn(
  hours: WorkingHours,
  openedAt: number,
  deadline: WorkingDeadline,
  overdueGraceHours: number,
): { dueAt: number; expiresAt: number; dueAtWindowEnd: boolean } {
  const calendar = workingCalendar(hours, openedAt);
  const { dueAt, atWindowEnd } = workingDeadline(calendar, openedAt, deadline);
  const expiresAt = addWorkingTime(calendar, dueAt, { workingHours: overdueGraceHours });
  return { dueAt, expiresAt, dueAtWindowEnd: atWindowEnd };
}

/** E.g. `chinese-days@1.5.7 store:JN002#2`: the holiday data and the hours revision a due time was counted with. */
export function calendarVersion({ calendar, revision }: Pick<CalendarHours, 'calendar' | 'revision'>): string {
  return `${publicHolidaysSource} ${calendar}#${revision}`;
}

/**
 * The due time and expiry of a task opened at `openedAt`, counted on today's hours of its role (and
 * store): the journey keeps them, so a later change of hours affects tasks opened afterwards only.
 */
export async function taskDeadlines(prisma: PrismaClient, request: TaskDeadlinesRequest): Promise<TaskDeadlines> {
  const hours = await hoursFor(prisma, request.role, request.storeId);
  const { dueAt, expiresAt, dueAtWindowEnd } = deadlinesOn(
    hours.hours,
    Date.parse(request.openedAt),
    request.deadline,
    request.overdueGraceHours,
  );
  return {
    dueAt: new Date(dueAt).toISOString(),
    expiresAt: new Date(expiresAt).toISOString(),
    calendarVersion: calendarVersion(hours),
    dueAtWindowEnd,
  };
}
