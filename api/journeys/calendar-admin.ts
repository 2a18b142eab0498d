import { z } from 'zod';
import { calendarVersion, toCalendarHours, type CalendarHours } from '../../activities/business-calendar';
import {
  publicDaysBetween,
  publicHolidaysLastYear,
  publicHolidaysSource,
  type PublicDay,
} from '../../activities/public-holidays';
import { BUSINESS_TIME_ZONE, wallClock } from '../../domain/calendar';
import type { Localized } from '../../domain/localized';
import { checkWorkingHours, type IsoWeekday } from '../../domain/working-time';
import type { PrismaClient } from '../../platform/database';
import { ApiError } from '../http/errors';

/** The business calendars in use (docs/calendar.md), as the supervisor's calendar page shows them. */
export interface BusinessCalendarOverview {
  /** E.g. `chinese-days@1.5.7`. */
  holidaysSource: string;
  /** The last year whose holidays the data holds; later years count as ordinary weeks. */
  holidaysLastYear: number;
  /** True when a journey starting today would outlast the holiday data: the package needs updating. */
  nextYearMissing: boolean;
  calendars: (CalendarHours & { version: string; store?: Localized })[];
  /** Public holidays and make-up working days of the coming 12 months. */
  upcoming: PublicDay[];
}

/** How far ahead a journey starting today sets deadlines: its 90 days and a little grace. */
const JOURNEY_REACH_MS = 100 * 86_400_000;

export async function businessCalendarOverview(prisma: PrismaClient, now: number): Promise<BusinessCalendarOverview> {
  const [rows, stores] = await Promise.all([
    prisma.workingHours.findMany({ orderBy: { calendar: 'asc' } }),
    prisma.store.findMany({ select: { id: true, name: true, nameEn: true } }),
  ]);
  const today = wallClock(now, BUSINESS_TIME_ZONE);
  const date = (year: number) =>
    `${year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  return {
    holidaysSource: publicHolidaysSource,
    holidaysLastYear: publicHolidaysLastYear,
    nextYearMissing: wallClock(now + JOURNEY_REACH_MS, BUSINESS_TIME_ZONE).year > publicHolidaysLastYear,
    calendars: rows.map((row) => {
      const hours = toCalendarHours(row);
      const store = stores.find((candidate) => `store:${candidate.id}` === row.calendar);
      return {
        ...hours,
        version: calendarVersion(hours),
        ...(store ? { store: { 'zh-CN': store.name, en: store.nameEn } } : {}),
      };
    }),
    upcoming: publicDaysBetween(date(today.year), date(today.year + 1)),
  };
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a clock time HH:MM');

/** The calendars the form may change: the outbound call team, the hotline, every store, one store. */
const calendarName = z
  .string()
  .trim()
  .regex(/^(call_centre|hotline|store|store:[A-Za-z0-9_-]{1,32})$/, 'call_centre, hotline, store or store:<store id>');

/** A change of one calendar's hours, as the calendar page's form sends it. */
export const calendarHoursSchema = z.object({
  calendar: calendarName,
  opens: clockTime,
  /** `24:00`: open to midnight (with `00:00`, around the clock). */
  closes: z.union([clockTime, z.literal('24:00')]),
  closedWeekdays: z.array(z.coerce.number().int().min(1).max(7)).max(6).default([]),
  closedDates: z.array(z.iso.date('a date YYYY-MM-DD')).max(60).default([]),
  closedOnPublicHolidays: z.boolean().default(false),
});
export type CalendarHoursChange = z.infer<typeof calendarHoursSchema>;

/**
 * Gives a calendar new hours (a new revision of them, marked with the supervisor who set them, so a
 * later migration of the defaults leaves them alone): tasks opened from now on are due on them; tasks
 * already open keep the due time they were given.
 */
export async function changeCalendarHours(
  prisma: PrismaClient,
  change: CalendarHoursChange,
  supervisorId: string,
): Promise<CalendarHours> {
  const hours = {
    opens: change.opens,
    closes: change.closes,
    closedWeekdays: [...new Set(change.closedWeekdays as IsoWeekday[])].sort(),
    closedDates: [...new Set(change.closedDates)].sort(),
    closedOnPublicHolidays: change.closedOnPublicHolidays,
  };
  try {
    checkWorkingHours(hours);
  } catch (error) {
    throw new ApiError(400, 'invalid_request', (error as RangeError).message, [
      { field: 'closes', reason: (error as RangeError).message },
    ]);
  }
  const storeId = change.calendar.startsWith('store:') ? change.calendar.slice('store:'.length) : undefined;
  if (storeId && !(await prisma.store.findUnique({ where: { id: storeId } })))
    throw new ApiError(404, 'not_found', `no store ${storeId}`);
  const fields = {
    ...hours,
    closedDates: hours.closedDates.map((date) => new Date(`${date}T00:00:00Z`)),
    updatedBy: supervisorId,
  };
  const row = await prisma.workingHours.upsert({
    where: { calendar: change.calendar },
    create: { calendar: change.calendar, ...fields },
    update: { ...fields, revision: { increment: 1 } },
  });
  return toCalendarHours(row);
}
