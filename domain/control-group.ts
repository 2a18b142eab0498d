/**
 * The control group that measures the lift of a paid human touch (issue 12): a configured share of
 * standard-tier subscribers skips one touch, decided once at activation from the subscriber id.
 * Pure: the API hashes the id (api/journeys/experiment-assignment.ts) and records the group in the journey's input.
 */
import type { Tier } from '../domain/vocabulary';

/** The paid human touches a control group may skip. */
export const controlTouches = ['first_followup_call', 'vas_telemarketing'] as const;
export type ControlTouch = (typeof controlTouches)[number];

export const experimentGroups = ['control', 'treatment'] as const;
export type ExperimentGroup = (typeof experimentGroups)[number];

/** A journey's place in the experiment, recorded at its start; journeys without one are outside it. */
export interface Experiment {
  group: ExperimentGroup;
  touch: ControlTouch;
}

/** The largest share that may be held out: beyond it the control group would be the larger one. */
export const MAX_CONTROL_SHARE = 0.5;

/** The experiment as configured: `share` of eligible subscribers (0 turns it off) skips `touch`. */
export interface ControlGroupSettings {
  share: number;
  touch: ControlTouch;
}

/**
 * The group of a subscriber activated at `tier` whose id hashed to `bucket` (uniform in [0, 1)):
 * control when the bucket falls below the share; none for VIPs (never held out) or when the share is 0.
 */
export function assignGroup(tier: Tier, bucket: number, settings: ControlGroupSettings): Experiment | undefined {
  if (tier !== 'standard' || settings.share <= 0) return undefined;
  return { group: bucket < settings.share ? 'control' : 'treatment', touch: settings.touch };
}
