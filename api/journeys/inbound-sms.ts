import type { PrismaClient } from '../../platform/database';
import type { SealedData } from '../../platform/sealed-data';
import { maskMsisdn } from '../../workflows/search-attributes';
import { ApiError } from '../http/errors';

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

/**
 * Where an inbound SMS went: `forwarded` false when the throttle held it back (it is kept all the
 * same) or when it repeats a message id already received (`repeat`).
 */
export interface InboundRouting {
  subscriberId: string;
  forwarded: boolean;
  repeat?: true;
}

/**
 * Records an SMS to the service number (its text encrypted with the subscriber's data key) and
 * decides, under the subscriber's lock so that API processes agree, whether it reaches the journey.
 * A message id is the sender's: a repeat of one (the gateway's retry, or someone replaying the
 * webhook) reaches the journey only if the first never did ({@link markInboundSmsDelivered}). With the same text it is answered as received; with
 * another text it is refused (409), since it cannot be the same message. Both count against the
 * throttle, so replays cannot outrun it.
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
  const binding = `inbound:${messageId}`;
  const sealedText = await sealed.seal(subscriberId, binding, text);
  const routing = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`inbound:${subscriberId}`}))`;
    const earlier = await tx.inboundSms.findUnique({
      where: { subscriberId_messageId: { subscriberId, messageId } },
      select: { id: true, text: true, forwarded: true, deliveredAt: true },
    });
    if (earlier) {
      const sameText = (await sealed.open(subscriberId, binding, earlier.text)) === text;
      await tx.inboundSmsRepeat.create({ data: { inboundSmsId: earlier.id, subscriberId, sameText } });
      const undelivered = sameText && earlier.forwarded && !earlier.deliveredAt;
      return { subscriberId, forwarded: undelivered, repeat: true as const, sameText };
    }
    const [counts] = await tx.$queryRaw<{ hour: number; day: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE received_at > now() - interval '1 hour')::int AS hour,
             count(*) FILTER (WHERE received_at > now() - interval '1 day')::int AS day,
             count(*)::int AS total
      FROM (SELECT received_at FROM inbound_sms WHERE subscriber_id = ${subscriberId} AND forwarded
            UNION ALL
            SELECT received_at FROM inbound_sms_repeat WHERE subscriber_id = ${subscriberId}) AS received`;
    const forwarded =
      counts!.hour < inboundSmsLimits.perHour &&
      counts!.day < inboundSmsLimits.perDay &&
      counts!.total < inboundSmsLimits.perJourney;
    await tx.inboundSms.create({ data: { messageId, subscriberId, text: sealedText, forwarded } });
    return { subscriberId, forwarded };
  });
  if ('sameText' in routing && !routing.sameText) {
    throw new ApiError(409, 'message_id_reused', `message ${messageId} was received before with another text`, [
      { field: 'messageId', reason: 'already received from this number with another text' },
    ]);
  }
  return {
    subscriberId: routing.subscriberId,
    forwarded: routing.forwarded,
    ...(routing.repeat ? { repeat: true } : {}),
  };
}

/** Records that the journey took the message: a repeat of it no longer reaches the journey. */
export async function markInboundSmsDelivered(prisma: PrismaClient, subscriberId: string, messageId: string) {
  await prisma.inboundSms.update({
    where: { subscriberId_messageId: { subscriberId, messageId } },
    data: { deliveredAt: new Date() },
  });
}
