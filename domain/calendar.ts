/**
 * Wall-clock arithmetic in the business time zone, for month ends and quiet hours. Pure and
 * deterministic (Intl with an explicit time zone), so workflow code may use it.
 */

/** The operator's business time zone: its days, months, quiet hours and staff clocks. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The instant at which the wall clock in `timeZone` reads the given time (no DST gaps in Asia/Shanghai). */
export function instantOf(clock: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const seen = wallClock(asUtc, timeZone);
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - asUtc;
  return asUtc - offset;
}

/**
 * The default first payment due date: the last second of the activation's calendar month, or of the
 * next month when activation falls after the 20th (a bill for a few days is not issued).
 */
export function defaultFirstPaymentDue(activatedAtMs: number, timeZone: string): number {
  const activated = wallClock(activatedAtMs, timeZone);
  const monthsAhead = activated.day > 20 ? 1 : 0;
  // Day 0 of the month after the target month is the target month's last day.
  const lastDay = new Date(Date.UTC(activated.year, activated.month + monthsAhead, 0)).getUTCDate();
  const month = ((activated.month - 1 + monthsAhead) % 12) + 1;
  const year = activated.year + (activated.month + monthsAhead > 12 ? 1 : 0);
  return instantOf({ year, month, day: lastDay, hour: 23, minute: 59, second: 59 }, timeZone);
}

/**
 * The first instant at or after `ms` outside quiet hours (`startHour` to `endHour`, wrapping midnight),
 * when marketing messages may go out.
 */
export function outsideQuietHours(ms: number, quiet: { startHour: number; endHour: number }, timeZone: string): number {
  const clock = wallClock(ms, timeZone);
  const inQuiet =
    quiet.startHour > quiet.endHour
      ? clock.hour >= quiet.startHour || clock.hour < quiet.endHour
      : clock.hour >= quiet.startHour && clock.hour < quiet.endHour;
  if (!inQuiet) return ms;
  const endsToday = clock.hour < quiet.endHour;
  const end = instantOf({ ...clock, hour: quiet.endHour, minute: 0, second: 0 }, timeZone);
  return endsToday ? end : end + 24 * 3_600_000;
}

/** The instant a business-clock local time `YYYY-MM-DDTHH:MM` (a form's `datetime-local`) reads. */
export function instantOfLocalTime(local: string, timeZone: string): number {
  const [date = '', time = ''] = local.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return instantOf({ year, month, day, hour, minute, second: 0 }, timeZone);
}
