import { createHash } from 'node:crypto';
import { assignGroup, type ControlGroupSettings, type Experiment } from '../../domain/control-group';
import type { Tier } from '../../domain/vocabulary';

/**
 * A subscriber's uniform number in [0, 1) for the experiment on `salt`: the first 52 bits of
 * SHA-256(salt, id). The same id always lands in the same place; ids spread evenly whatever their form.
 */
export function experimentBucket(subscriberId: string, salt: string): number {
  const digest = createHash('sha256').update(`${salt}\u0000${subscriberId}`).digest();
  // 52 bits: a double holds them exactly, so the bucket is an exact multiple of 2⁻⁵².
  return (digest.readUInt32BE(0) * 2 ** 20 + (digest.readUInt32BE(4) >>> 12)) / 2 ** 52;
}

/**
 * Each touch has its own salt: holding out the call does not select the same subscribers as holding out
 * telemarketing would, so a later experiment on the other touch starts from fresh groups.
 */
export function experimentSalt(settings: ControlGroupSettings): string {
  return `control-group:${settings.touch}`;
}

/** The experiment group of a newly activated subscriber (none for VIPs or while the share is 0). */
export function experimentFor(
  subscriberId: string,
  tier: Tier,
  settings: ControlGroupSettings,
): Experiment | undefined {
  return assignGroup(tier, experimentBucket(subscriberId, experimentSalt(settings)), settings);
}
