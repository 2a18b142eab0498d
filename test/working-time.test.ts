import fc from 'fast-check';
import { wallClock } from '../domain/calendar';
import {
  addWorkingTime,
  isWorkingDay,
  lastWorkingInstant,
  workingDeadline,
  type WorkingCalendar,
  type WorkingDeadline,
  type WorkingHours,
} from '../domain/working-time';

// China's 2026 calendar as the State Council published it (and chinese-days 1.5.7 bundles it):
// 中秋 25–27 Sep, 国庆节 1–7 Oct, with 调休 make-up working days on Sunday 20 Sep and Saturday 10 Oct.
const holidays2026 = [
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  ...['01', '02', '03', '04', '05', '06', '07'].map((day) => `2026-10-${day}`),
];
const makeUpWorkdays2026 = ['2026-09-20', '2026-10-10'];

// 春节 2026: 15–23 February off, with 调休 make-up working days on Saturdays 14 and 28 February.
const springFestival2026 = Array.from({ length: 9 }, (_, day) => `2026-02-${String(15 + day).padStart(2, '0')}`);
const springMakeUpWorkdays2026 = ['2026-02-14', '2026-02-28'];

type Hours = Pick<WorkingHours, 'opens' | 'closes' | 'closedWeekdays'> & Partial<WorkingHours>;
/** A calendar on 2026's holidays; by default one that keeps them (closed on holidays, open on make-up days), as offices do. */
const calendar = (hours: Hours): WorkingCalendar => ({
  timeZone: 'Asia/Shanghai',
  hours: { closedDates: [], closedOnPublicHolidays: true, ...hours },
  holidays: [...springFestival2026, ...holidays2026],
  makeUpWorkdays: [...springMakeUpWorkdays2026, ...makeUpWorkdays2026],
});
// The calendars before the plan's windows: every one closed on public holidays, the call centre at weekends.
const callCentre = calendar({ opens: '09:00', closes: '21:00', closedWeekdays: [6, 7] });
const storeOpenDaily = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [] });
const storeClosedMondays = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [1] });
// The operator's calendars (docs/calendar.md#calendars): stores and the outbound team work through the
// holidays, the hotline around the clock.
const store = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [], closedOnPublicHolidays: false });
const storeShutMondays = calendar({
  opens: '09:00',
  closes: '18:00',
  closedWeekdays: [1],
  closedOnPublicHolidays: false,
});
const outboundTeam = calendar({ opens: '09:00', closes: '21:00', closedWeekdays: [], closedOnPublicHolidays: false });
const hotline = calendar({ opens: '00:00', closes: '24:00', closedWeekdays: [], closedOnPublicHolidays: false });

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A wall-clock time in Shanghai, e.g. `local('2026-09-30 23:30')`. */
const local = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);
/** An instant as the Shanghai wall clock reads it. */
const shown = (ms: number) => {
  const clock = wallClock(ms, 'Asia/Shanghai');
  const two = (value: number) => String(value).padStart(2, '0');
  return `${clock.year}-${two(clock.month)}-${two(clock.day)} ${two(clock.hour)}:${two(clock.minute)}`;
};

describe('working time on China’s calendar', () => {
  describe('the eve of 国庆节', () => {
    it('a store activation at 23:30 on 30 Sep gets three full working days after the holiday: due 10 Oct 18:00', () => {
      expect(shown(addWorkingTime(storeOpenDaily, local('2026-09-30 23:30'), { workingDays: 3 }))).toBe(
        '2026-10-10 18:00',
      );
    });

    it('the call centre, closed at weekends, works the 调休 Saturday 10 Oct, so three days still end then', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-09-30 23:30'), { workingDays: 3 }))).toBe('2026-10-10 21:00');
    });

    it('a task opened at 10:00 on the eve is due at 10:00 on the third working day after it', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-09-30 10:00'), { workingDays: 3 }))).toBe('2026-10-10 10:00');
    });

    it('a follow-up window ending inside the holiday is due at the close of the last working day before it', () => {
      const last = lastWorkingInstant(callCentre, local('2026-09-28 10:00'), local('2026-10-05 12:00'));
      expect(shown(last ?? NaN)).toBe('2026-09-30 21:00');
    });

    it('a window wholly inside the holiday has no working instant: the task is due at its end, flagged', () => {
      expect(lastWorkingInstant(callCentre, local('2026-10-01 10:00'), local('2026-10-07 10:00'))).toBeUndefined();
      const due = workingDeadline(callCentre, local('2026-10-01 10:00'), { by: local('2026-10-07 10:00') });
      expect({ ...due, dueAt: shown(due.dueAt) }).toEqual({ dueAt: '2026-10-07 10:00', atWindowEnd: true });
    });
  });

  describe('调休 make-up working days', () => {
    it('Sunday 20 Sep is a working day for the call centre; the Sunday after is not', () => {
      expect(isWorkingDay(callCentre, '2026-09-20')).toBe(true);
      expect(isWorkingDay(callCentre, '2026-09-27')).toBe(false);
    });

    it('a hang-up on Saturday 19 Sep at 20:00 is called back by 11:00 on the 调休 Sunday', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-09-19 20:00'), { workingHours: 2 }))).toBe(
        '2026-09-20 11:00',
      );
    });

    it('a hang-up on an ordinary Saturday waits for Monday', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-11-28 20:00'), { workingHours: 2 }))).toBe(
        '2026-11-30 11:00',
      );
    });
  });

  describe('a store closed on Mondays', () => {
    it('three working days from Sunday 17:00 skip Monday: Thursday 17:00', () => {
      expect(shown(addWorkingTime(storeClosedMondays, local('2026-11-29 17:00'), { workingDays: 3 }))).toBe(
        '2026-12-03 17:00',
      );
    });

    it('two working hours from Sunday 17:30 are half an hour on Sunday and 90 minutes on Tuesday', () => {
      expect(shown(addWorkingTime(storeClosedMondays, local('2026-11-29 17:30'), { workingHours: 2 }))).toBe(
        '2026-12-01 10:30',
      );
    });

    it('the same store open every day is due on Wednesday', () => {
      expect(shown(addWorkingTime(storeOpenDaily, local('2026-11-29 17:00'), { workingDays: 3 }))).toBe(
        '2026-12-02 17:00',
      );
    });
  });

  describe('counting inside the hours', () => {
    it('two working hours from 20:00 end at 10:00 the next morning', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-11-25 20:00'), { workingHours: 2 }))).toBe(
        '2026-11-26 10:00',
      );
    });

    it('hours that end at closing time end then, not at the next opening', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-11-25 19:00'), { workingHours: 2 }))).toBe(
        '2026-11-25 21:00',
      );
    });

    it('days from opening time end at the close of the last of them', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-11-25 09:00'), { workingDays: 3 }))).toBe('2026-11-27 21:00');
    });

    it('48 working hours of escalation grace are four call-centre days', () => {
      expect(shown(addWorkingTime(callCentre, local('2026-11-25 12:00'), { workingHours: 48 }))).toBe(
        '2026-12-01 12:00',
      );
    });
  });

  describe('deadlines of tasks', () => {
    it('an allowance counts from the event it answers and is never before `notBefore`', () => {
      const openedAt = local('2026-11-26 10:00');
      const deadline = { workingHours: 2, from: local('2026-11-25 20:00') };
      expect(shown(workingDeadline(callCentre, openedAt, deadline).dueAt)).toBe('2026-11-26 10:00');
      const notBefore = { ...deadline, notBefore: local('2026-11-27 18:00') };
      expect(shown(workingDeadline(callCentre, openedAt, notBefore).dueAt)).toBe('2026-11-27 18:00');
    });

    it('a window’s end is met at the last working instant at or before it', () => {
      const by = (at: string) => shown(workingDeadline(callCentre, local('2026-11-20 10:00'), { by: local(at) }).dueAt);
      expect(by('2026-11-29 00:00')).toBe('2026-11-27 21:00');
      expect(by('2026-11-26 15:00')).toBe('2026-11-26 15:00');
    });
  });

  describe("inside the plan's windows", () => {
    /** A task's due time as the wall clock reads it, and whether it is due at its window's end for want of working time. */
    const due = (on: WorkingCalendar, openedAt: number, deadline: WorkingDeadline) => {
      const { dueAt, atWindowEnd } = workingDeadline(on, openedAt, deadline);
      return { dueAt: shown(dueAt), atWindowEnd };
    };
    const coaching = (activatedAt: number): WorkingDeadline => ({
      workingDays: 3,
      from: activatedAt,
      windowEndsAt: activatedAt + 3 * DAY,
    });

    it('activated at 23:30 on the eve of 国庆节: a store open through the holiday has the coaching due on day 3 at closing', () => {
      const eve = local('2026-09-30 23:30');
      expect(due(store, eve, coaching(eve))).toEqual({ dueAt: '2026-10-03 18:00', atWindowEnd: false });
      // A store that keeps the holiday has no working time in days 0–3: due at the window's end, flagged
      // (counted in working days alone it was 10 October, day 10).
      expect(due(storeOpenDaily, eve, coaching(eve))).toEqual({ dueAt: '2026-10-03 23:30', atWindowEnd: true });
    });

    it('春节: the manager’s first call, 7 days from the assignment, is due within 7 calendar days', () => {
      const assignedAt = local('2026-02-13 10:00');
      const firstCall = { workingDays: 7, from: assignedAt, windowEndsAt: assignedAt + 7 * DAY };
      expect(due(store, assignedAt, firstCall)).toEqual({ dueAt: '2026-02-20 10:00', atWindowEnd: false });
      // A store that keeps the holiday would count 7 working days to 1 March; the window ends on the 20th,
      // and its last working time before then is the 调休 Saturday 14 February.
      expect(shown(addWorkingTime(storeOpenDaily, assignedAt, { workingDays: 7 }))).toBe('2026-03-01 10:00');
      expect(due(storeOpenDaily, assignedAt, firstCall)).toEqual({ dueAt: '2026-02-14 18:00', atWindowEnd: false });
    });

    it('a VIP hanging up on Friday at 20:00 is called back by 22:00 by the hotline, never on Monday', () => {
      const hangupAt = local('2026-12-04 20:00');
      const callback = { workingHours: 2, from: hangupAt, windowEndsAt: hangupAt + 2 * HOUR };
      expect(due(hotline, hangupAt, callback)).toEqual({ dueAt: '2026-12-04 22:00', atWindowEnd: false });
      // Counted in the hours of a call centre closed at weekends it was Monday 10:00: the window keeps it to Friday.
      expect(shown(addWorkingTime(callCentre, hangupAt, { workingHours: 2 }))).toBe('2026-12-07 10:00');
      expect(due(callCentre, hangupAt, callback)).toEqual({ dueAt: '2026-12-04 21:00', atWindowEnd: false });
      // Past a hotline's closing there is no working time in the 2 hours: due at their end, flagged.
      const lateHangup = local('2026-12-04 21:30');
      const after = { workingHours: 2, from: lateHangup, windowEndsAt: lateHangup + 2 * HOUR };
      expect(due(callCentre, lateHangup, after)).toEqual({ dueAt: '2026-12-04 23:30', atWindowEnd: true });
    });

    it('around the clock, working hours run on across midnight', () => {
      expect(shown(addWorkingTime(hotline, local('2026-12-04 23:30'), { workingHours: 2 }))).toBe('2026-12-05 01:30');
    });

    it('a store closed on Mondays: three working days from Sunday 17:00 would end on Thursday; due by Wednesday 17:00 instead', () => {
      const sunday = local('2026-11-29 17:00');
      expect(shown(addWorkingTime(storeShutMondays, sunday, { workingDays: 3 }))).toBe('2026-12-03 17:00');
      expect(due(storeShutMondays, sunday, coaching(sunday))).toEqual({
        dueAt: '2026-12-02 17:00',
        atWindowEnd: false,
      });
    });

    it('a store closed on named dates over the whole window: due at the window’s end, flagged', () => {
      const shut = calendar({
        opens: '09:00',
        closes: '18:00',
        closedWeekdays: [1],
        closedDates: ['2026-12-01', '2026-12-02'],
        closedOnPublicHolidays: false,
      });
      const sundayEvening = local('2026-11-29 18:30');
      expect(due(shut, sundayEvening, coaching(sundayEvening))).toEqual({
        dueAt: '2026-12-02 18:30',
        atWindowEnd: true,
      });
      expect(isWorkingDay(shut, '2026-12-03')).toBe(true);
    });

    it('a follow-up opened after its window (a journey started late) is due at the window’s end, flagged', () => {
      const windowEnd = local('2026-10-10 23:30');
      expect(due(outboundTeam, local('2026-12-01 10:00'), { by: windowEnd })).toEqual({
        dueAt: '2026-10-10 23:30',
        atWindowEnd: true,
      });
    });

    it('the payment call, due the day before the bill, falls back to the last working time before the bill itself', () => {
      const bill = local('2026-10-31 23:59');
      const closedFriday = calendar({
        opens: '09:00',
        closes: '18:00',
        closedWeekdays: [5],
        closedOnPublicHolidays: false,
      });
      const call = { by: bill - DAY, windowEndsAt: bill };
      expect(due(store, local('2026-10-26 09:00'), call)).toEqual({ dueAt: '2026-10-30 18:00', atWindowEnd: false });
      // Opened on Friday 30 October at 19:00: nothing is left by the day before, Saturday the 31st is.
      expect(due(closedFriday, local('2026-10-30 19:00'), call)).toEqual({
        dueAt: '2026-10-31 18:00',
        atWindowEnd: false,
      });
    });

    it('a calendar that does not keep public holidays ignores make-up days too; closed dates beat make-up days', () => {
      const saturdaysOff = calendar({
        opens: '09:00',
        closes: '18:00',
        closedWeekdays: [6],
        closedOnPublicHolidays: false,
      });
      expect(isWorkingDay(saturdaysOff, '2026-10-01')).toBe(true);
      expect(isWorkingDay(saturdaysOff, '2026-10-10')).toBe(false);
      const office = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [6, 7], closedDates: ['2026-10-10'] });
      expect(isWorkingDay(office, '2026-10-10')).toBe(false);
      expect(isWorkingDay(office, '2026-09-20')).toBe(true);
    });

    it('from any instant of 2026, on any calendar, a task is never due after its window; inside it, only in working time', () => {
      const year = { min: local('2026-01-01 00:00'), max: local('2026-12-20 00:00') };
      const calendars = fc.constantFrom(store, storeShutMondays, outboundTeam, hotline, callCentre, storeClosedMondays);
      const deadline = fc.oneof(
        fc.record({ workingDays: fc.integer({ min: 1, max: 10 }) }),
        fc.record({ workingHours: fc.integer({ min: 1, max: 48 }) }),
        fc.record({ byHours: fc.integer({ min: 1, max: 240 }) }),
      );
      const windowHours = fc.integer({ min: 1, max: 240 });
      fc.assert(
        fc.property(calendars, fc.integer(year), deadline, windowHours, (on, openedAt, asked, hours) => {
          const windowEndsAt = openedAt + hours * HOUR;
          const request: WorkingDeadline =
            'byHours' in asked ? { by: openedAt + asked.byHours * HOUR, windowEndsAt } : { ...asked, windowEndsAt };
          const { dueAt, atWindowEnd } = workingDeadline(on, openedAt, request);
          expect(dueAt).toBeLessThanOrEqual(windowEndsAt);
          if (atWindowEnd) {
            expect(dueAt).toBe(windowEndsAt);
            expect(lastWorkingInstant(on, openedAt, windowEndsAt)).toBeUndefined();
            return;
          }
          expect(dueAt).toBeGreaterThan(openedAt);
          // Inside a working period: a working day's, ending at its close at the latest.
          const before = shown(dueAt - 1);
          expect(isWorkingDay(on, before.slice(0, 10))).toBe(true);
          expect(before.slice(11) >= on.hours.opens && before.slice(11) < on.hours.closes).toBe(true);
        }),
        { numRuns: 500 },
      );
    });
  });

  it('refuses hours that cannot hold working time', () => {
    const from = local('2026-11-25 10:00');
    const broken = (hours: Hours) => () => addWorkingTime(calendar(hours), from, { workingHours: 1 });
    expect(broken({ opens: '18:00', closes: '09:00', closedWeekdays: [] })).toThrow(/not after opening/);
    expect(broken({ opens: '24:00', closes: '24:00', closedWeekdays: [] })).toThrow(/not after opening/);
    expect(broken({ opens: '9:00', closes: '18:00', closedWeekdays: [] })).toThrow(/HH:MM/);
    expect(broken({ opens: '09:00', closes: '24:30', closedWeekdays: [] })).toThrow(/HH:MM/);
    expect(broken({ opens: '09:00', closes: '18:00', closedWeekdays: [1, 2, 3, 4, 5, 6, 7] })).toThrow(
      /every weekday is closed/,
    );
  });

  it('any allowance from any instant of 2026 ends inside opening hours on a working day, never before it started', () => {
    const year = { min: local('2026-01-01 00:00'), max: local('2026-12-31 00:00') };
    const calendars = fc.constantFrom(callCentre, storeOpenDaily, storeClosedMondays);
    const allowance = fc.oneof(
      fc.integer({ min: 1, max: 20 }).map((workingDays) => ({ workingDays })),
      fc.integer({ min: 1, max: 100 }).map((workingHours) => ({ workingHours })),
    );
    fc.assert(
      fc.property(calendars, fc.integer(year), allowance, (on, from, amount) => {
        const due = addWorkingTime(on, from, amount);
        const clock = shown(due);
        expect(due).toBeGreaterThan(from);
        expect(isWorkingDay(on, clock.slice(0, 10))).toBe(true);
        expect(clock.slice(11) >= on.hours.opens && clock.slice(11) <= on.hours.closes).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
