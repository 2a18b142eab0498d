import { instantOf, wallClock } from './calendar';

/**
 * Working time on China's calendar (docs/calendar.md): deadlines counted in the hours a role or a
 * store actually works, skipping public holidays and weekly closed days and opening on 调休 make-up
 * working days. Pure and deterministic, so the deadline activity and a future journey preview share it.
 */

/** A day in the business time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening hours, the same on every open day; hours across midnight are not supported. */
export interface WorkingHours {
  /** Local clock time, `HH:MM`. */
  opens: string;
  /** Local clock time, `HH:MM`, after `opens`. */
  closes: string;
  /** Weekdays closed every week (e.g. Saturday and Sunday, or a store's Monday), unless a make-up day falls on one. */
  closedWeekdays: readonly IsoWeekday[];
}

/** The calendar a deadline is counted on: one role's or one store's hours, and the country's holidays. */
export interface WorkingCalendar {
  timeZone: string;
  hours: WorkingHours;
  /** Public holidays (法定节假日 and the days off in lieu): closed whatever the weekday. */
  holidays: readonly LocalDate[];
  /** 调休 make-up working days (weekend days worked in exchange): open with the usual hours. */
  makeUpWorkdays: readonly LocalDate[];
}

/** How long staff have for a task, counted from `from` in working time. */
export type WorkingAllowance = { workingDays: number } | { workingHours: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** No real calendar closes this long; a longer search means the hours are impossible (every weekday closed). */
const SEARCH_DAYS = 400;

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` clock time; throws on anything else. */
export function minutesOfDay(clock: string): number {
  const match = hhmm.exec(clock);
  if (!match) throw new RangeError(`not a clock time HH:MM: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
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

/** True when the calendar works on `date`: a make-up day, or neither a holiday nor a closed weekday. */
export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  if (calendar.makeUpWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return !calendar.hours.closedWeekdays.includes(weekdayOf({ year, month, day, date }));
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
 * The last working instant at or before `by` (a window's end: staff must be done before it), but
 * never before `from`: a window with no working time left gets one working day from `from`.
 */
export function lastWorkingInstant(calendar: WorkingCalendar, from: number, by: number): number {
  checkWorkingHours(calendar.hours);
  let day = dayOf(by, calendar.timeZone);
  for (let searched = 0; searched < SEARCH_DAYS; searched++, day = shiftDay(day, -1)) {
    const period = periodOn(calendar, day);
    if (!period || period.opens >= by) continue;
    const last = Math.min(period.closes, by);
    return last > from ? last : addWorkingTime(calendar, from, { workingDays: 1 });
  }
  throw new RangeError(`no working day in ${SEARCH_DAYS} days before ${new Date(by).toISOString()}`);
}

/**
 * When a task falls due: an allowance of working time from its opening (or from the event it answers,
 * `from`, and never before `notBefore`), or a window's end it must be done by.
 */
export type WorkingDeadline = (WorkingAllowance & { from?: number; notBefore?: number }) | { by: number };

/** The due instant of a task opened at `openedAt` under `deadline`, on `calendar`. */
export function workingDeadline(calendar: WorkingCalendar, openedAt: number, deadline: WorkingDeadline): number {
  if ('by' in deadline) return lastWorkingInstant(calendar, openedAt, deadline.by);
  const due = addWorkingTime(calendar, deadline.from ?? openedAt, deadline);
  return Math.max(due, deadline.notBefore ?? due);
}
