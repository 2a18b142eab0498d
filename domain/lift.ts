/**
 * Comparing a proportion between the treatment and the control group (api/reports/lift-report.ts): the
 * difference with Newcombe's hybrid Wilson score interval (Newcombe 1998, method 10), which keeps
 * its coverage for small groups and proportions near 0 or 1, where the textbook Wald interval fails.
 */

/** 95 % two-sided. */
export const Z_95 = 1.959963984540054;

/** Below this many finished journeys in either group the report does not judge a difference. */
export const MIN_GROUP_SIZE = 30;

export interface Interval {
  lower: number;
  upper: number;
}

/** The Wilson score interval of `successes` out of `n` (n > 0). */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval {
  if (n <= 0 || successes < 0 || successes > n) throw new RangeError(`no proportion of ${successes} out of ${n}`);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** How many of a group's journeys had the outcome. */
export interface GroupCount {
  count: number;
  n: number;
}

/** The difference p₁ − p₂ and its hybrid score interval (Newcombe's method 10); both groups non-empty. */
export function differenceInterval(first: GroupCount, second: GroupCount, z = Z_95): Interval & { difference: number } {
  const [p1, p2] = [first.count / first.n, second.count / second.n];
  const [w1, w2] = [wilsonInterval(first.count, first.n, z), wilsonInterval(second.count, second.n, z)];
  const difference = p1 - p2;
  return {
    difference,
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

/**
 * What a comparison says: `too_small_to_tell` while either group is under {@link MIN_GROUP_SIZE}
 * (`reason: 'groups_too_small'`) or the interval includes no difference (`reason: 'interval_spans_zero'`);
 * otherwise whether the treatment group's proportion is higher or lower.
 */
export type LiftVerdict =
  | { verdict: 'too_small_to_tell'; reason: 'groups_too_small' | 'interval_spans_zero' }
  | { verdict: 'treatment_higher' | 'treatment_lower' };

/** One measure compared between the groups (treatment − control). */
export interface LiftComparison {
  treatment: GroupCount & { rate: number | null };
  control: GroupCount & { rate: number | null };
  /** Treatment − control, in proportion points; null while a group is empty. */
  difference: number | null;
  interval: Interval | null;
  judgement: LiftVerdict;
}

export function compareGroups(
  treatment: GroupCount,
  control: GroupCount,
  minGroupSize = MIN_GROUP_SIZE,
): LiftComparison {
  const rate = ({ count, n }: GroupCount) => (n === 0 ? null : count / n);
  const base = { treatment: { ...treatment, rate: rate(treatment) }, control: { ...control, rate: rate(control) } };
  if (treatment.n === 0 || control.n === 0) {
    return {
      ...base,
      difference: null,
      interval: null,
      judgement: { verdict: 'too_small_to_tell', reason: 'groups_too_small' },
    };
  }
  const { difference, lower, upper } = differenceInterval(treatment, control);
  const judgement: LiftVerdict =
    Math.min(treatment.n, control.n) < minGroupSize
      ? { verdict: 'too_small_to_tell', reason: 'groups_too_small' }
      : lower <= 0 && upper >= 0
        ? { verdict: 'too_small_to_tell', reason: 'interval_spans_zero' }
        : { verdict: difference > 0 ? 'treatment_higher' : 'treatment_lower' };
  return { ...base, difference, interval: { lower, upper }, judgement };
}
