import type { PrismaClient } from '../platform/database';
import type { SealedData } from '../platform/sealed-data';
import { maskMsisdn } from '../workflows/search-attributes';
import { ApiError } from './errors';

/**
 * How many of a subscriber's SMS reach their journey (each becomes a signal and an automatic reply):
 * enough for any person, few enough that an auto-responder answering our replies stops within the
 * hour and the journey's history stays small (300 × about 7 events at most).
 */
export const inboundSmsLimits = { perHour: 10, perDay: 30, perJourney: 300 } as const;

export interface InboundSms {
  from: string;
  messageId: string;
  text: string;
}

/** Where an inbound SMS went: `forwarded` false when the throttle held it back (it is kept all the same). */
export interface InboundRouting {
  subscriberId: string;
  forwarded: boolean;
}

/**
 * Records an SMS to the service number (its text encrypted with the subscriber's data key) and
 * decides, under the subscriber's lock so that API processes agree, whether it reaches the journey.
 * The gateway's retry of the same `messageId` is routed as the first was.
 */
export async function receiveInboundSms(
  prisma: PrismaClient,
  sealed: SealedData,
  { from, messageId, text }: InboundSms,
): Promise<InboundRouting> {
  const holder = await prisma.subscriber.findFirst({
    where: { msisdn: from, releasedAt: null },
    select: { id: true },
  });
  if (!holder) throw new ApiError(404, 'subscriber_not_found', `no journey for ${maskMsisdn(from)}`);
  const subscriberId = holder.id;
  const sealedText = await sealed.seal(subscriberId, `inbound:${messageId}`, text);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`inbound:${subscriberId}`}))`;
    const earlier = await tx.inboundSms.findUnique({ where: { messageId }, select: { forwarded: true } });
    if (earlier) return { subscriberId, forwarded: earlier.forwarded };
    const [counts] = await tx.$queryRaw<{ hour: number; day: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE received_at > now() - interval '1 hour')::int AS hour,
             count(*) FILTER (WHERE received_at > now() - interval '1 day')::int AS day,
             count(*)::int AS total
      FROM inbound_sms WHERE subscriber_id = ${subscriberId} AND forwarded`;
    const forwarded =
      counts!.hour < inboundSmsLimits.perHour &&
      counts!.day < inboundSmsLimits.perDay &&
      counts!.total < inboundSmsLimits.perJourney;
    await tx.inboundSms.create({ data: { messageId, subscriberId, text: sealedText, forwarded } });
    return { subscriberId, forwarded };
  });
}
