import { parse } from 'node-html-parser';
import { expirePersonalData } from '../api/journeys/retention';
import { activationToken, useApiHarness } from './support/api';

// The personal-data retention policy (PIPL, PERSONAL_DATA_RETENTION_DAYS): a subscriber's personal
// data goes once their journey ended that long ago, by the erasure an erasure request runs; the
// journey's figures stay, its page says why. A period of two seconds stands for the operator's days.
describe('the personal-data retention policy', () => {
  const api = useApiHarness();
  const retentionDays = 2 / 86_400;
  const period = 2_000;

  it('erases the personal data of a journey ended longer ago than the period, not before, once, audited', async () => {
    const harness = api().journeys;
    const { prisma, protection } = harness;
    const deps = { prisma, keys: protection.keys, journeys: api().service };
    const [ended, running] = [await harness.activation(), await harness.activation()];
    const [endedHandle, runningHandle] = [await harness.startJourney(ended), await harness.startJourney(running)];
    await harness.task(endedHandle, 'onboarding_coaching');
    await harness.task(runningHandle, 'onboarding_coaching');
    await harness.leave(endedHandle);
    const { endedAt } = await prisma.journey.findUniqueOrThrow({ where: { subscriberId: ended.subscriberId } });

    expect(await expirePersonalData(deps, retentionDays, new Date(endedAt!.getTime() + period - 1))).toEqual([]);
    expect(await expirePersonalData(deps, 0, new Date(endedAt!.getTime() + 365 * 86_400_000))).toEqual([]);
    expect((await prisma.subscriber.findUniqueOrThrow({ where: { id: ended.subscriberId } })).erasedAt).toBeNull();

    const at = new Date(endedAt!.getTime() + period);
    expect(await expirePersonalData(deps, retentionDays, at)).toEqual([ended.subscriberId]);
    expect(await expirePersonalData(deps, retentionDays, at)).toEqual([]);

    const subscriber = await prisma.subscriber.findUniqueOrThrow({ where: { id: ended.subscriberId } });
    expect({ msisdn: subscriber.msisdn, name: subscriber.name, erased: subscriber.erasedAt !== null }).toEqual({
      msisdn: null,
      name: null,
      erased: true,
    });
    const key = await prisma.subscriberKey.findUniqueOrThrow({ where: { subscriberId: ended.subscriberId } });
    expect(key.wrappedKey).toBeNull();
    const journey = await prisma.journey.findUniqueOrThrow({ where: { subscriberId: ended.subscriberId } });
    expect({ status: journey.status, record: journey.record }).toEqual({ status: 'cancelled', record: null });
    const audit = await prisma.auditEvent.findMany({
      where: { subscriberId: ended.subscriberId, type: 'personal_data_erased' },
    });
    expect(audit.map(({ actor, data }) => ({ actor, data }))).toEqual([
      { actor: 'retention-policy', data: expect.objectContaining({ retentionDays }) },
    ]);
    // The running journey's subscriber keeps everything.
    expect((await prisma.subscriber.findUniqueOrThrow({ where: { id: running.subscriberId } })).erasedAt).toBeNull();
    expect((await harness.state(runningHandle)).status).toBe('running');

    expect((await api().call('GET', `/v1/subscribers/${ended.subscriberId}`, { token: activationToken })).status).toBe(
      410,
    );
    const supervisor = await api().signIn('supervisor.sun');
    const page = await api().page(`/ui/subscribers/${ended.subscriberId}`, { session: supervisor });
    expect(page.status).toBe(200);
    const html = parse(page.body);
    expect(html.querySelector('[data-testid=personal-data-erased]')?.text).toContain('按保留政策删除');
    expect(page.body).not.toContain(ended.msisdn);
    expect(page.body).not.toContain(ended.name);
    await harness.leave(runningHandle);
  });
});
