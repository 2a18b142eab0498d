import fc from 'fast-check';
import { wallClock } from '../domain/calendar';
import {
  addWorkingTime,
  isWorkingDay,
  lastWorkingInstant,
  workingDeadline,
  type WorkingCalendar,
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

const calendar = (hours: WorkingHours): WorkingCalendar => ({
  timeZone: 'Asia/Shanghai',
  hours,
  holidays: holidays2026,
  makeUpWorkdays: makeUpWorkdays2026,
});
const callCentre = calendar({ opens: '09:00', closes: '21:00', closedWeekdays: [6, 7] });
const storeOpenDaily = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [] });
const storeClosedMondays = calendar({ opens: '09:00', closes: '18:00', closedWeekdays: [1] });

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
      expect(shown(lastWorkingInstant(callCentre, local('2026-09-28 10:00'), local('2026-10-05 12:00')))).toBe(
        '2026-09-30 21:00',
      );
    });

    it('a window wholly inside the holiday gets one working day after it instead', () => {
      expect(shown(lastWorkingInstant(callCentre, local('2026-10-01 10:00'), local('2026-10-07 10:00')))).toBe(
        '2026-10-08 21:00',
      );
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
      expect(shown(workingDeadline(callCentre, openedAt, deadline))).toBe('2026-11-26 10:00');
      expect(shown(workingDeadline(callCentre, openedAt, { ...deadline, notBefore: local('2026-11-27 18:00') }))).toBe(
        '2026-11-27 18:00',
      );
    });

    it('a window’s end is met at the last working instant at or before it', () => {
      expect(shown(workingDeadline(callCentre, local('2026-11-20 10:00'), { by: local('2026-11-29 00:00') }))).toBe(
        '2026-11-27 21:00',
      );
      expect(shown(workingDeadline(callCentre, local('2026-11-20 10:00'), { by: local('2026-11-26 15:00') }))).toBe(
        '2026-11-26 15:00',
      );
    });
  });

  it('refuses hours that cannot hold working time', () => {
    const from = local('2026-11-25 10:00');
    const broken = (hours: WorkingHours) => () => addWorkingTime(calendar(hours), from, { workingHours: 1 });
    expect(broken({ opens: '18:00', closes: '09:00', closedWeekdays: [] })).toThrow(/not after opening/);
    expect(broken({ opens: '9:00', closes: '18:00', closedWeekdays: [] })).toThrow(/HH:MM/);
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
