import { patched } from '@temporalio/workflow';
import { activities } from '../activity-proxies';
import type { RunningJourney } from '../running-journey';
import type { TaskRequest } from '../task-board';
import type { JourneyTask, TaskOutcome } from '../tasks';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * M4 — service recommendation, day 30–60 (业务推荐时刻): telemarketing with services ranked from the
 * usage profile for everyone not DND, and for VIPs the account manager's tiered services and club
 * activities.
 */
export async function serviceRecommendation(journey: RunningJourney): Promise<void> {
  const { startDays } = journey.schedule.serviceRecommendation;
  if (!(await journey.clock.sleepUntil(journey.clock.day(startDays), `day ${startDays}: service recommendation`)))
    return;
  await journey.enterMoment('service_recommendation');
  await Promise.all([telemarketing(journey), vipRecommendation(journey)]);
}

async function telemarketing(journey: RunningJourney): Promise<void> {
  const { dueDays, maxServices } = journey.schedule.serviceRecommendation;
  if (journey.state.dnd) {
    journey.note('telemarketing_skipped', { reason: 'do-not-disturb' });
    return;
  }
  // The marketing SMS is no paid human touch: the control group still gets it (and may order by reply).
  const heldOut = journey.heldOutOf('vas_telemarketing');
  const recommendations = await activities.recommendServices.executeWithOptions(
    { summary: 'service recommendation: rank services for telemarketing' },
    [
      {
        planCode: journey.plan.code,
        usage: journey.state.usage,
        min: 1,
        max: maxServices,
      },
    ],
  );
  journey.spawn('marketing_sms', async () => {
    // A marketing SMS waits out quiet hours (the call does not); DND may have been set meanwhile.
    const quietHoursOver = journey.marketingHoursFrom(Date.now());
    if (!(await journey.clock.sleepUntil(quietHoursOver, 'quiet hours over: marketing SMS')) || journey.state.dnd)
      return;
    const offered = recommendations.slice(0, 2);
    // A reply naming one of these becomes an order (events.ts).
    journey.state.marketingOffers = offered.map(({ code, name, nameEn }) => ({ code, name, nameEn }));
    await journey.sms.send('marketing_vas', { template: 'marketing_vas', values: { services: offered } });
  });
  if (heldOut) return;
  // DND may have come while the services were ranked (journeys from before opened the call anyway).
  if (journey.state.dnd && patched(patches.telemarketingRechecksDnd.id)) {
    journey.note('telemarketing_skipped', { reason: 'do-not-disturb' });
    return;
  }

  const call: TaskRequest<'vas_telemarketing'> = {
    key: 'vas_telemarketing',
    type: 'vas_telemarketing',
    role: 'telemarketing',
    deadline: { by: journey.clock.day(dueDays) },
    dueAt: journey.clock.day(dueDays),
    payload: { recommendations, ...scriptFacts(journey) },
  };
  const task = patched(patches.dndDefaultWithTier.id)
    ? await openCallUnlessDnd(journey, call)
    : await journey.tasks.run(call);
  const outcome = task.outcome as TaskOutcome<'vas_telemarketing'> | undefined;
  if (outcome?.result === 'do_not_disturb')
    await journey.setDnd(true, 'customer asked not to be disturbed', 'customer');
  if (outcome?.result === 'accepted') journey.note('services_accepted', { services: outcome.accepted });
}

/**
 * Opens the telemarketing call and waits for it. DND may come while the call's inbox row is written
 * (in working time the journey holds the task only once it is), finding no call to stop: the call
 * then ends at once.
 */
async function openCallUnlessDnd(
  journey: RunningJourney,
  call: TaskRequest<'vas_telemarketing'>,
): Promise<JourneyTask> {
  const opened = await journey.tasks.open(call);
  if (journey.state.dnd) await journey.tasks.end(opened, 'cancelled', 'do-not-disturb');
  return journey.tasks.settle(opened);
}

async function vipRecommendation(journey: RunningJourney): Promise<void> {
  const { dueDays } = journey.schedule.serviceRecommendation;
  // A VIP rated during the window still gets the manager's recommendation once assigned.
  const managed = () => journey.state.accountManager !== undefined;
  if (!(await journey.clock.waitUntil(managed, journey.clock.day(dueDays), 'until the VIP has an account manager')))
    return;
  // The plan's 3G特色服务: the tier's local tiered services and the club's activities (journeys that
  // reached this point before it was so offered the ranked value-added services).
  const offer = patched(patches.vipTieredServices.id)
    ? await activities.vipServiceOffer.executeWithOptions(
        { summary: `service recommendation: the ${journey.state.tier} tier's services` },
        [
          {
            tier: journey.state.tier,
            storeId: journey.state.subscriber.storeId,
            from: new Date().toISOString(),
          },
        ],
      )
    : {
        services: await activities.recommendServices.executeWithOptions(
          { summary: 'service recommendation: rank services for the VIP' },
          [
            {
              planCode: journey.plan.code,
              usage: journey.state.usage,
              min: 3,
              max: 5,
            },
          ],
        ),
      };
  // A downgrade may have released the manager while the offer was prepared.
  const manager = journey.managerFor('vip_service_recommendation');
  if (!manager) return;
  await journey.tasks.run({
    key: 'vip_service_recommendation',
    type: 'vip_service_recommendation',
    role: 'account_manager',
    assigneeId: manager.staffId,
    deadline: { by: journey.clock.day(dueDays) },
    dueAt: journey.clock.day(dueDays),
    payload: { ...offer, inviteToClubActivities: true, ...scriptFacts(journey) },
  });
}
