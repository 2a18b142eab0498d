import { defaultFirstPaymentDue, outsideQuietHours } from '../domain/calendar';

const tz = 'Asia/Shanghai';
const iso = (ms: number) => new Date(ms).toISOString();

describe('business calendar (Asia/Shanghai)', () => {
  it('activation on the 10th: the first payment is due at the end of that month, 23:59:59 local', () => {
    expect(iso(defaultFirstPaymentDue(Date.parse('2026-11-10T02:00:00Z'), tz))).toBe('2026-11-30T15:59:59.000Z');
  });

  it('activation after the 20th: due at the end of the next month, across the year end', () => {
    expect(iso(defaultFirstPaymentDue(Date.parse('2026-12-25T02:00:00Z'), tz))).toBe('2027-01-31T15:59:59.000Z');
  });

  it('the local date decides: 20 Nov 23:30 in Shanghai is still the 20th there', () => {
    // 2026-11-20T15:30Z is 23:30 on the 20th in Shanghai: not after the 20th.
    expect(iso(defaultFirstPaymentDue(Date.parse('2026-11-20T15:30:00Z'), tz))).toBe('2026-11-30T15:59:59.000Z');
  });

  it('marketing waits out quiet hours (21:00–08:00 local) and goes at once outside them', () => {
    const quiet = { startHour: 21, endHour: 8 };
    expect(iso(outsideQuietHours(Date.parse('2026-11-25T14:30:00Z'), quiet, tz))).toBe('2026-11-26T00:00:00.000Z'); // 22:30 → 08:00
    expect(iso(outsideQuietHours(Date.parse('2026-11-25T19:00:00Z'), quiet, tz))).toBe('2026-11-26T00:00:00.000Z'); // 03:00 → 08:00
    expect(iso(outsideQuietHours(Date.parse('2026-11-25T04:00:00Z'), quiet, tz))).toBe('2026-11-25T04:00:00.000Z'); // 12:00
  });
});
