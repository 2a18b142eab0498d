import { instantOf, wallClock } from './calendar';

/**
 * Working time on China's calendar (docs/calendar.md): a task's due time placed inside the plan's
 * window in the hours a role or a store actually works, skipping its closed weekdays and dates (and
 * public holidays, for a calendar that keeps them). Pure and deterministic, so the deadline activity
 * and the journey preview share it.
 */

/** A day in the business time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Opening hours, the same on every open day; hours across midnight are not supported, but `00:00` to
 * `24:00` is the whole day (a hotline answering around the clock).
 */
export interface WorkingHours {
  /** Local clock time, `HH:MM`. */
  opens: string;
  /** Local clock time, `HH:MM` (or `24:00`, midnight at the day's end), after `opens`. */
  closes: string;
  /** Weekdays closed every week (e.g. a store's Monday), unless a make-up day falls on one of a calendar that keeps public holidays. */
  closedWeekdays: readonly IsoWeekday[];
  /** Days closed whatever else holds (a store's stocktaking day, its renovation). */
  closedDates: readonly LocalDate[];
  /**
   * True: closed on public holidays and open on 调休 make-up working days, as offices are. False:
   * the country's calendar changes nothing (stores and the hotline work through the holidays).
   */
  closedOnPublicHolidays: boolean;
}

/** The calendar a deadline is counted on: one role's or one store's hours, and the country's holidays. */
export interface WorkingCalendar {
  timeZone: string;
  hours: WorkingHours;
  /** Public holidays (法定节假日 and the days off in lieu): closed whatever the weekday, if the hours keep them. */
  holidays: readonly LocalDate[];
  /** 调休 make-up working days (weekend days worked in exchange): open with the usual hours, if the hours keep holidays. */
  makeUpWorkdays: readonly LocalDate[];
}

/** How long staff have for a task, counted from `from` in working time. */
export type WorkingAllowance = { workingDays: number } | { workingHours: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** No real calendar closes this long; a longer search means the hours are impossible (every weekday closed). */
const SEARCH_DAYS = 400;

const hhmm = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes after midnight of an `HH:MM` clock time (`24:00` is the day's end); throws on anything else. */
export function minutesOfDay(clock: string): number {
  const match = hhmm.exec(clock);
  if (!match) throw new RangeError(`not a clock time HH:MM: ${clock}`);
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

/** Throws a `RangeError` naming what is wrong with `hours`; returns them when they can hold working time. */
export function checkWorkingHours(hours: WorkingHours): WorkingHours {
  if (minutesOfDay(hours.closes) <= minutesOfDay(hours.opens))
    throw new RangeError(`closing time ${hours.closes} is not after opening time ${hours.opens}`);
  if (new Set(hours.closedWeekdays).size >= 7) throw new RangeError('every weekday is closed');
  return hours;
}

interface Day {
  date: LocalDate;
  year: number;
  month: number;
  day: number;
}

function dayOf(ms: number, timeZone: string): Day {
  const { year, month, day } = wallClock(ms, timeZone);
  return { year, month, day, date: isoDate(year, month, day) };
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function shiftDay(day: Day, by: number): Day {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + by));
  const [year, month, date] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
  return { year, month, day: date, date: isoDate(year, month, date) };
}

function weekdayOf(day: Day): IsoWeekday {
  return (((new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

/**
 * True when the calendar works on `date`: never on one of its closed dates; on a calendar that keeps
 * public holidays, always on a make-up day and never on a holiday; else unless its weekday is closed.
 */
export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  const { hours } = calendar;
  if (hours.closedDates.includes(date)) return false;
  if (hours.closedOnPublicHolidays && calendar.makeUpWorkdays.includes(date)) return true;
  if (hours.closedOnPublicHolidays && calendar.holidays.includes(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return !hours.closedWeekdays.includes(weekdayOf({ year, month, day, date }));
}

interface Period {
  opens: number;
  closes: number;
}

/** The day's working period as instants, or undefined on a closed day. */
function periodOn(calendar: WorkingCalendar, day: Day): Period | undefined {
  if (!isWorkingDay(calendar, day.date)) return undefined;
  const at = (clock: string) => {
    const minutes = minutesOfDay(clock);
    const wall = { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), second: 0 };
    return instantOf({ ...wall, minute: minutes % 60 }, calendar.timeZone);
  };
  return { opens: at(calendar.hours.opens), closes: at(calendar.hours.closes) };
}

/** The working periods from the day of `from` on (the first may have ended before `from`). */
function* periodsFrom(calendar: WorkingCalendar, from: number): Generator<Period> {
  checkWorkingHours(calendar.hours);
  let day = dayOf(from, calendar.timeZone);
  for (let searched = 0; searched < SEARCH_DAYS; day = shiftDay(day, 1)) {
    const period = periodOn(calendar, day);
    if (period) {
      searched = 0;
      yield period;
    } else searched += 1;
  }
  throw new RangeError(`no working day in ${SEARCH_DAYS} days after ${new Date(from).toISOString()}`);
}

/**
 * The instant `allowance` of working time after `from`. Hours are counted inside opening hours and
 * end at a closing time rather than the next opening. N working days end at the same point of the Nth
 * working day after the one `from` falls in; from outside opening hours the count starts at the next
 * opening and ends at the close of the Nth working day (activated 23:30: three full working days).
 */
export function addWorkingTime(calendar: WorkingCalendar, from: number, allowance: WorkingAllowance): number {
  if ('workingHours' in allowance) return addWorkingHours(calendar, from, allowance.workingHours * HOUR_MS);
  const days = allowance.workingDays;
  if (days <= 0) return addWorkingHours(calendar, from, 0);
  const periods = periodsFrom(calendar, from);
  let start: Period;
  do start = periods.next().value as Period;
  while (start.closes <= from);
  const offset = Math.max(0, from - start.opens);
  let period = start;
  for (let day = 1; day < days; day++) period = periods.next().value as Period;
  if (offset === 0) return period.closes;
  period = periods.next().value as Period;
  return Math.min(period.opens + offset, period.closes);
}

function addWorkingHours(calendar: WorkingCalendar, from: number, durationMs: number): number {
  let remaining = durationMs;
  for (const period of periodsFrom(calendar, from)) {
    const start = Math.max(period.opens, from);
    if (start >= period.closes) continue;
    if (remaining <= period.closes - start) return start + remaining;
    remaining -= period.closes - start;
  }
  throw new RangeError('unreachable: periodsFrom ends by throwing');
}

/**
 * The last working instant in (`after`, `by`]: the latest a task may fall due and still be worked
 * before `by`; undefined when the calendar has no working time there.
 */
export function lastWorkingInstant(calendar: WorkingCalendar, after: number, by: number): number | undefined {
  checkWorkingHours(calendar.hours);
  const first = dayOf(after, calendar.timeZone).date;
  for (let day = dayOf(by, calendar.timeZone); day.date >= first; day = shiftDay(day, -1)) {
    const period = periodOn(calendar, day);
    if (!period || period.opens >= by) continue;
    const last = Math.min(period.closes, by);
    return last > after ? last : undefined;
  }
  return undefined;
}

/**
 * When a task falls due, before the plan's window ends (`windowEndsAt`): an allowance of working
 * time from its opening (or from the event it answers, `from`, and never before `notBefore`), or the
 * last working instant by `by` (itself the window's end unless one is given). Requests from before
 * windows may lack `windowEndsAt`: an allowance then has no limit.
 */
export type WorkingDeadline = ((WorkingAllowance & { from?: number; notBefore?: number }) | { by: number }) & {
  windowEndsAt?: number;
};

/** A task's due time, and whether the calendar left no working time in its window (due at its end, then). */
export interface DueTime {
  dueAt: number;
  atWindowEnd: boolean;
}

/**
 * The due time of a task opened at `openedAt` under `deadline`, on `calendar`: the allowance's end or
 * `by`'s last working instant when inside the window; else the window's last working instant from the
 * count's start; else, the calendar being shut all that time, the window's end itself, flagged.
 */
export function workingDeadline(calendar: WorkingCalendar, openedAt: number, deadline: WorkingDeadline): DueTime {
  if ('by' in deadline) {
    const target = lastWorkingInstant(calendar, openedAt, deadline.by);
    return insideWindow(calendar, openedAt, target, deadline.windowEndsAt ?? deadline.by);
  }
  const start = deadline.from ?? openedAt;
  const dueAt = Math.max(addWorkingTime(calendar, start, deadline), deadline.notBefore ?? -Infinity);
  if (deadline.windowEndsAt === undefined) return { dueAt, atWindowEnd: false };
  return insideWindow(calendar, start, dueAt, deadline.windowEndsAt);
}

function insideWindow(calendar: WorkingCalendar, start: number, target: number | undefined, end: number): DueTime {
  if (target !== undefined && target <= end) return { dueAt: target, atWindowEnd: false };
  const last = lastWorkingInstant(calendar, start, end);
  return last === undefined ? { dueAt: end, atWindowEnd: true } : { dueAt: last, atWindowEnd: false };
}
