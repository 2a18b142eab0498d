import type { Tier } from './vocabulary';

/** Why a journey's do-not-disturb is as it is: the diamond default follows the tier; a customer's own wish stays. */
export type DndSource = 'activation' | 'diamond_default' | 'customer' | 'event';

/**
 * Do-not-disturb at activation: what the activation system says, else the plan's default, on for
 * diamond customers (their account manager serves them; nobody markets to them).
 */
export function dndAtActivation(subscriber: { dnd?: boolean; tier: Tier }): { dnd: boolean; source?: DndSource } {
  if (subscriber.dnd !== undefined) return { dnd: subscriber.dnd, source: 'activation' };
  return subscriber.tier === 'diamond' ? { dnd: true, source: 'diamond_default' } : { dnd: false };
}
