import type { RunningJourney } from '../running-journey';
import type { ScriptFacts } from '../tasks';

/** The subscriber facts every task's script shows staff (see {@link ScriptFacts}). */
export function scriptFacts(journey: RunningJourney): ScriptFacts {
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
