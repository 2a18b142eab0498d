import { experimentBucket, experimentFor } from '../api/journeys/experiment-assignment';
import { assignGroup, type ControlGroupSettings } from '../domain/control-group';
import { tiers } from '../domain/vocabulary';

const fivePercentOfTheCall: ControlGroupSettings = { share: 0.05, touch: 'first_followup_call' };
const ids = Array.from({ length: 10_000 }, (_, i) => `SUB-2027-${String(i).padStart(6, '0')}`);

function controlIds(settings: ControlGroupSettings): Set<string> {
  return new Set(ids.filter((id) => experimentFor(id, 'standard', settings)?.group === 'control'));
}

describe('control-group assignment', () => {
  it('is stable: the same subscriber id lands in the same group every time', () => {
    for (const id of ids.slice(0, 500)) {
      const first = experimentFor(id, 'standard', fivePercentOfTheCall);
      expect(experimentFor(id, 'standard', { ...fivePercentOfTheCall })).toEqual(first);
      expect(experimentBucket(id, 'control-group:first_followup_call')).toBe(
        experimentBucket(id, 'control-group:first_followup_call'),
      );
    }
  });

  it('holds out the configured share: 5 % of 10,000 standard subscribers, within sampling error', () => {
    // Binomial(10,000, 0.05): standard deviation ≈ 22, so ±100 is over four of them.
    expect(controlIds(fivePercentOfTheCall).size).toBeGreaterThanOrEqual(400);
    expect(controlIds(fivePercentOfTheCall).size).toBeLessThanOrEqual(600);
    expect(controlIds({ share: 0.2, touch: 'vas_telemarketing' }).size / ids.length).toBeCloseTo(0.2, 1);
  });

  it('spreads the buckets evenly over [0, 1): every tenth holds about a tenth of the ids', () => {
    const deciles = Array.from({ length: 10 }, () => 0);
    for (const id of ids) {
      const bucket = experimentBucket(id, 'control-group:first_followup_call');
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(1);
      deciles[Math.floor(bucket * 10)]! += 1;
    }
    for (const count of deciles) expect(count).toBeWithin(1_000, 150);
  });

  it('draws the two touches’ control groups independently', () => {
    const call = controlIds(fivePercentOfTheCall);
    const telemarketing = controlIds({ share: 0.05, touch: 'vas_telemarketing' });
    const both = [...call].filter((id) => telemarketing.has(id)).length;
    // Independent draws share about 5 % × 5 % = 25 of 10,000.
    expect(both).toBeLessThan(60);
  });

  it('never holds out a VIP: silver to diamond are outside the experiment', () => {
    for (const tier of tiers.filter((candidate) => candidate !== 'standard')) {
      expect(ids.map((id) => experimentFor(id, tier, { share: 0.5, touch: 'vas_telemarketing' }))).toEqual(
        ids.map(() => undefined),
      );
    }
  });

  it('holds out nobody at share 0: the experiment is off and nobody is in it', () => {
    expect(ids.filter((id) => experimentFor(id, 'standard', { share: 0, touch: 'first_followup_call' }))).toEqual([]);
  });

  it('puts a bucket below the share in control and the rest in treatment, for the configured touch', () => {
    const settings = { share: 0.05, touch: 'vas_telemarketing' } as const;
    expect(assignGroup('standard', 0, settings)).toEqual({ group: 'control', touch: 'vas_telemarketing' });
    expect(assignGroup('standard', 0.0499, settings)).toEqual({ group: 'control', touch: 'vas_telemarketing' });
    expect(assignGroup('standard', 0.05, settings)).toEqual({ group: 'treatment', touch: 'vas_telemarketing' });
    expect(assignGroup('gold', 0, settings)).toBeUndefined();
  });
});
