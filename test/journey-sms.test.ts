import { inboundSms } from '../workflows/messages';
import { createLogger } from '../platform/logger';
import { httpGatewayProvider } from '../activities/sms-provider';
import { JourneyHarness } from './support/journey-harness';
import { LoopbackSmsGateway } from '../simulator/sms-gateway';

describe('SMS exactly once, the password never in plaintext', () => {
  let harness: JourneyHarness;
  let gateway: LoopbackSmsGateway;
  beforeAll(async () => {
    gateway = await LoopbackSmsGateway.start();
    harness = await JourneyHarness.start({
      smsProvider: httpGatewayProvider(gateway.url, 'test-token', createLogger('test', 'silent')),
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await gateway?.stop();
  });

  // Scenario 10 (docs/journey.md#scenario-10-each-sms-exactly-once): the gateway accepts each message
  // and then fails, as a crash between its accept and our bookkeeping would look; the activity is
  // retried with the same key and nothing is sent twice.
  it('retried sends deliver each SMS once and leave one outbox row each', async () => {
    const password = 'Pw-884213';
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber, { password });
    const state = await harness.until(handle, (s) => s.sms.length === 3);
    expect(state.sms.map((sms) => sms.template)).toEqual(['welcome', 'initial_password', 'help_menu']);

    const keys = state.sms.map((sms) => sms.idempotencyKey);
    for (const key of keys) {
      expect(gateway.requests.get(key)).toBe(2); // the first answered 500, the retry recognised
      expect(gateway.deliveries.get(key)?.msisdn).toBe(subscriber.msisdn);
    }
    const outbox = await harness.prisma.smsMessage.findMany({ where: { subscriberId: subscriber.subscriberId } });
    expect(outbox).toHaveLength(3);
    expect(outbox.every((sms) => sms.status === 'sent' && sms.provider === 'http-gateway')).toBe(true);

    // The subscriber gets the password; the outbox, the history and the secret store do not keep it.
    const passwordKey = keys[1]!;
    expect(gateway.deliveries.get(passwordKey)?.body).toContain(`您的初始服务密码为${password}`);
    const stored = await harness.outboxText(outbox.find((sms) => sms.template === 'initial_password')!);
    expect(stored).toContain('您的初始服务密码为******');
    expect(stored).not.toContain(password);
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain(password);
    expect(await harness.prisma.sealedSecret.count()).toBe(0);

    await harness.leave(handle);
  });

  it('answers inbound SMS: a help digit (full-width too) gets its reply, other text the menu, a retried message nothing more', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.until(handle, (s) => s.sms.length === 2);
    await handle.signal(inboundSms, { messageId: 'm-1', text: '１' });
    await handle.signal(inboundSms, { messageId: 'm-1', text: '１' });
    await handle.signal(inboundSms, { messageId: 'm-2', text: '你好' });
    const state = await harness.until(handle, (s) => s.sms.length === 4);
    expect(state.sms.slice(2).map((sms) => [sms.idempotencyKey.split(':sms:')[1], sms.template])).toEqual([
      ['inbound-m-1', 'help_reply'],
      ['inbound-m-2', 'help_menu'],
    ]);
    expect(gateway.deliveries.get(state.sms[2]!.idempotencyKey)?.body).toContain('忘记服务密码');
    await harness.leave(handle);
  });

  it('a marketing SMS due in quiet hours waits until 08:00 Shanghai time; a service reply goes at once', async () => {
    // Activated at the last 22:00 in Shanghai (14:00 UTC): day 30 begins inside quiet hours.
    const now = await harness.env.currentTimeMs();
    const today2200 = new Date(now).setUTCHours(14, 0, 0, 0);
    const activatedAt = today2200 <= now ? today2200 : today2200 - 86_400_000;
    const handle = await harness.startJourney(
      await harness.activation({ activatedAt: new Date(activatedAt).toISOString() }),
    );
    const day30 = activatedAt + 30 * 86_400_000;
    await harness.env.sleep(day30 + 5 * 60_000 - now); // 22:05 local on day 30
    await harness.task(handle, 'vas_telemarketing');
    await handle.signal(inboundSms, { messageId: 'quiet-1', text: '2' });
    const replied = await harness.until(handle, (s) => s.sms.some((sms) => sms.template === 'help_reply'));
    expect(Date.parse(replied.sms.find((sms) => sms.template === 'help_reply')!.at)).toBeWithin(day30, 10 * 60_000);
    expect(replied.sms.some((sms) => sms.template === 'marketing_vas')).toBe(false);

    await harness.advance(1);
    const state = await harness.until(handle, (s) => s.sms.some((sms) => sms.template === 'marketing_vas'));
    const sentAt = Date.parse(state.sms.find((sms) => sms.template === 'marketing_vas')!.at);
    expect(sentAt - day30).toBeWithin(10 * 3_600_000, 60_000); // 08:00 local, ten hours after 22:00
    await harness.leave(handle);
  });
});
