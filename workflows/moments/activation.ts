import { patched } from '@temporalio/workflow';
import { activityFailures, failedWith } from '../failure-types';
import type { RunningJourney } from '../running-journey';
import { defaultSchedule, HOUR_MS } from '../schedule';
import { patches } from '../patches';

/**
 * M0 — activation SMS within 2 hours of activation (docs/journey.md#m0-activation-sms): welcome with
 * the plan's figures, the initial service password when one was given, and the help menu.
 */
export async function activationSms(journey: RunningJourney): Promise<void> {
  const { slaHours } = journey.schedule.activationSms ?? defaultSchedule.activationSms;
  const lateBy = Date.now() - (journey.clock.activatedAt + slaHours * HOUR_MS);
  // A journey started late (the activation system's backlog, an outage) sends at once, and says so.
  if (lateBy > 0)
    journey.note('sla_breached', {
      sla: 'activation_sms',
      limitHours: slaHours,
      lateMinutes: Math.round(lateBy / 60_000),
    });
  await journey.sms.send('welcome', { template: 'welcome', values: { plan: journey.plan } });
  if (journey.passwordSecretId) {
    try {
      await journey.sms.send('initial_password', {
        template: 'initial_password',
        values: { secretId: journey.passwordSecretId },
      });
    } catch (error) {
      // A password that can no longer be opened (expired, erased, sealed before an upgrade) is skipped
      // and the journey goes on. Journeys that failed here before this rule keep their history: the
      // patch marker is absent when they replay, so they fail again as recorded.
      if (!failedWith(error, activityFailures.secretUnavailable) || !patched(patches.skipUnavailablePassword.id))
        throw error;
      journey.note('sms_skipped', { template: 'initial_password', reason: 'the sealed password is unavailable' });
    }
  }
  await journey.sms.send('help_menu', { template: 'help_menu', values: {} });
}
