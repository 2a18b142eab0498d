import type { RunningJourney } from '../running-journey';

/**
 * The subscriber facts every task's script shows staff: plan, tier, DND, and for contract plans the
 * monthly out-of-pocket figure (plan fee − monthly return, e.g. 66 − 39 = 27 yuan).
 */
export function scriptFacts(journey: RunningJourney): Record<string, unknown> {
  const { subscriber, plan, tier, dnd } = journey.state;
  const contract = subscriber.contract;
  return {
    subscriberName: subscriber.name,
    planCode: plan?.code,
    planName: plan?.name,
    monthlyFee: plan?.monthlyFee,
    tier,
    dnd,
    ...(contract && plan
      ? {
          contract: {
            prepay: contract.prepay,
            monthlyReturn: contract.monthlyReturn,
            monthlyOutOfPocket: Math.round((plan.monthlyFee - contract.monthlyReturn) * 100) / 100,
          },
        }
      : {}),
  };
}
