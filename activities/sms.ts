import type { PrismaClient } from '../platform/database';
import type { SealedData } from '../platform/sealed-data';
import type { SealedSecrets } from '../platform/sealed-secrets';
import type { LaunchPromiseInput, SendSmsRequest, SentSms } from '../workflows/activity-contract';
import { writeAudit } from './journeys';
import type { SmsProvider } from './sms-provider';
import { renderSms, replyToInbound } from '../domain/sms-templates';

/** Activities that send the journey's SMS through the outbox. */
export function createSmsActivities(
  prisma: PrismaClient,
  provider: SmsProvider,
  { secrets, sealed }: { secrets: SealedSecrets; sealed: SealedData },
) {
  /**
   * Exactly once per idempotency key: the outbox row is claimed first (unique key), a row already
   * sent is not sent again, and the provider gets the same key so a gateway can drop a duplicate
   * after a crash between its accept and our bookkeeping.
   */
  async function send(request: SendSmsRequest): Promise<SentSms> {
    const { idempotencyKey, sms } = request;
    const existing = await prisma.smsMessage.findUnique({ where: { idempotencyKey } });
    if (existing?.status === 'sent') return { template: sms.template, category: existing.category };

    const password =
      sms.template === 'initial_password' ? await secrets.open(request.subscriberId, sms.values.secretId) : undefined;
    const rendered = renderSms(sms, request.locale, { password });
    await prisma.smsMessage.upsert({
      where: { idempotencyKey },
      create: {
        idempotencyKey,
        subscriberId: request.subscriberId,
        template: sms.template,
        category: rendered.category,
        locale: request.locale,
        body: await sealed.seal(request.subscriberId, `sms:${idempotencyKey}`, rendered.storedBody),
        status: 'queued',
        provider: provider.name,
      },
      update: {},
    });
    const { providerMessageId } = await provider.send({ idempotencyKey, msisdn: request.msisdn, body: rendered.body });
    await prisma.smsMessage.update({
      where: { idempotencyKey },
      data: { status: 'sent', providerMessageId, sentAt: new Date() },
    });
    if (sms.template === 'initial_password') await secrets.discard(sms.values.secretId);
    return { template: sms.template, category: rendered.category };
  }

  return {
    sendSms: send,

    /**
     * Keeps a launch promise after the journey (workflows/launch-promise.ts): the launch SMS, to the
     * number the subscriber holds now, unless they have given it back (left, or it was reissued) or
     * been erased; then the promise is dropped, and the audit trail says why.
     */
    async keepLaunchPromise(request: LaunchPromiseInput): Promise<{ sent: boolean }> {
      const { journeyId, subscriberId, locale, promotion } = request;
      const holder = await prisma.subscriber.findUnique({
        where: { id: subscriberId },
        select: { msisdn: true, releasedAt: true, erasedAt: true },
      });
      if (!holder?.msisdn || holder.releasedAt || holder.erasedAt) {
        await writeAudit(prisma, {
          idempotencyKey: `${journeyId}:promotion-${promotion.code}:dropped`,
          journeyId,
          subscriberId,
          type: 'promotion_promise_dropped',
          actor: 'journey',
          data: { promotionCode: promotion.code, reason: 'the subscriber no longer holds the number' },
        });
        return { sent: false };
      }
      await send({
        idempotencyKey: `${journeyId}:sms:promotion-${promotion.code}`,
        subscriberId,
        msisdn: holder.msisdn,
        locale,
        sms: { template: 'promotion_launched', values: { promotion } },
      });
      return { sent: true };
    },

    /**
     * Answers an SMS from the subscriber: a help-menu digit gets its reply (the club's names the
     * store where they joined), anything else the menu.
     */
    async replyToInboundSms(request: Omit<SendSmsRequest, 'sms'> & { text: string }) {
      const { text, ...rest } = request;
      const { store } = await prisma.subscriber.findUniqueOrThrow({
        where: { id: request.subscriberId },
        select: { store: { select: { name: true, nameEn: true } } },
      });
      return send({ ...rest, sms: replyToInbound(text, store) });
    },
  };
}
