import chineseDays from 'chinese-days/dist/chinese-days.json';
import { version } from 'chinese-days/package.json';
import type { Localized } from '../domain/localized';
import type { LocalDate } from '../domain/working-time';

/**
 * China's public holidays and 调休 make-up working days as the State Council publishes them each year,
 * from the chinese-days package pinned in package.json (docs/calendar.md#keeping-the-calendar-current):
 * its data is bundled, so nothing is fetched at run time.
 */

/** The holiday data in use, e.g. `chinese-days@1.5.7`: part of every task's calendar version. */
export const publicHolidaysSource = `chinese-days@${version}`;

/** One day the country's calendar names: a public holiday, or a weekend day worked in exchange (调休). */
export interface PublicDay {
  date: LocalDate;
  kind: 'holiday' | 'make_up_workday';
  /** The festival the day belongs to, e.g. 国庆节 / National Day. */
  festival: Localized;
}

/** Entries read `"National Day,国庆节,3"`: English name, Chinese name, number of days off. */
function toPublicDay(date: LocalDate, entry: string, kind: PublicDay['kind']): PublicDay {
  const [en = entry, zh = entry] = entry.split(',');
  return { date, kind, festival: { 'zh-CN': zh, en } };
}

const publicDays: readonly PublicDay[] = [
  ...Object.entries(chineseDays.holidays).map(([date, entry]) => toPublicDay(date, entry, 'holiday')),
  ...Object.entries(chineseDays.workdays).map(([date, entry]) => toPublicDay(date, entry, 'make_up_workday')),
].sort((a, b) => a.date.localeCompare(b.date));

/** The last year the data covers: later dates count as ordinary weeks until the package is updated. */
export const publicHolidaysLastYear = Number(publicDays.at(-1)!.date.slice(0, 4));

/** The named days from `from` to `to` (inclusive), in date order. */
export function publicDaysBetween(from: LocalDate, to: LocalDate): PublicDay[] {
  return publicDays.filter((day) => day.date >= from && day.date <= to);
}
