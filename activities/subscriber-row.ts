import { dndAtActivation } from '../domain/do-not-disturb';
import type { Prisma } from '../prisma/generated/client';
import type { ActivationProfile } from '../workflows/state';

/**
 * A subscriber's row as their activation describes them. The API writes it when it claims the number;
 * the journey's registration writes it too for a journey started without the API (benchmarks, tests).
 */
export function subscriberRow(profile: ActivationProfile): Prisma.SubscriberUncheckedCreateInput {
  return {
    id: profile.subscriberId,
    msisdn: profile.msisdn,
    name: profile.name,
    address: profile.address ?? null,
    idNumberLast4: profile.idNumberLast4 ?? null,
    activatedAt: new Date(profile.activatedAt),
    storeId: profile.storeId,
    planCode: profile.planCode,
    paymentType: profile.paymentType,
    tier: profile.tier,
    portIn: profile.portIn,
    previousMsisdn: profile.previousMsisdn ?? null,
    dnd: dndAtActivation(profile).dnd,
    contractPrepay: profile.contract?.prepay ?? null,
    contractMonthlyReturn: profile.contract?.monthlyReturn ?? null,
    firstPaymentDueAt: profile.firstPaymentDueAt ? new Date(profile.firstPaymentDueAt) : null,
  };
}
