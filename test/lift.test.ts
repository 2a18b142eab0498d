import { compareGroups, differenceInterval, MIN_GROUP_SIZE, wilsonInterval } from '../domain/lift';

/** Rounds an interval to four places, as Newcombe's tables print it. */
const rounded = ({ lower, upper }: { lower: number; upper: number }) => [
  Number(lower.toFixed(4)),
  Number(upper.toFixed(4)),
];

describe('the Wilson score interval of one proportion', () => {
  it('81 of 263 → 0.2553 to 0.3662 (Newcombe 1998, single proportion, example)', () => {
    expect(rounded(wilsonInterval(81, 263))).toEqual([0.2553, 0.3662]);
  });

  it('stays inside [0, 1] at 0 of n and n of n', () => {
    expect(rounded(wilsonInterval(0, 10))).toEqual([0, 0.2775]);
    expect(rounded(wilsonInterval(10, 10))).toEqual([0.7225, 1]);
  });

  it('refuses a proportion that is none', () => {
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe("the difference of two proportions with Newcombe's hybrid score interval (method 10)", () => {
  // Newcombe RG (1998), Interval estimation for the difference between independent proportions,
  // Statistics in Medicine 17:873–890, table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i: %f to %f', (x1, n1, x2, n2, lower, upper) => {
    const interval = differenceInterval({ count: x1, n: n1 }, { count: x2, n: n2 });
    expect(interval.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(rounded(interval)).toEqual([lower, upper]);
  });
});

describe('the verdict of a comparison (treatment − control)', () => {
  it('too small to tell while either group is under the minimum, however large the difference', () => {
    const comparison = compareGroups({ count: 10, n: 10 }, { count: 0, n: MIN_GROUP_SIZE - 1 });
    expect(comparison.judgement).toEqual({ verdict: 'too_small_to_tell', reason: 'groups_too_small' });
    expect(comparison.interval).not.toBeNull();
  });

  it('too small to tell when a group is empty: no rate, no difference, no interval', () => {
    expect(compareGroups({ count: 3, n: 40 }, { count: 0, n: 0 })).toEqual({
      treatment: { count: 3, n: 40, rate: 0.075 },
      control: { count: 0, n: 0, rate: null },
      difference: null,
      interval: null,
      judgement: { verdict: 'too_small_to_tell', reason: 'groups_too_small' },
    });
  });

  it('too small to tell when the interval includes no difference', () => {
    const comparison = compareGroups({ count: 20, n: 400 }, { count: 3, n: 40 });
    expect(comparison.judgement).toEqual({ verdict: 'too_small_to_tell', reason: 'interval_spans_zero' });
    expect(comparison.interval!.lower).toBeLessThan(0);
    expect(comparison.interval!.upper).toBeGreaterThan(0);
  });

  it('treatment lower when the whole interval is below zero: fewer departures with the call', () => {
    const comparison = compareGroups({ count: 40, n: 950 }, { count: 12, n: 50 });
    expect(comparison.difference).toBeCloseTo(40 / 950 - 12 / 50, 12);
    expect(comparison.interval!.upper).toBeLessThan(0);
    expect(comparison.judgement).toEqual({ verdict: 'treatment_lower' });
  });

  it('treatment higher when the whole interval is above zero: more take-up with telemarketing', () => {
    expect(compareGroups({ count: 300, n: 950 }, { count: 4, n: 50 }).judgement).toEqual({
      verdict: 'treatment_higher',
    });
  });
});
