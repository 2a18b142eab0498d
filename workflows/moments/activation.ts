import type { Journey } from '../journey-context';

/**
 * M0 — activation SMS (seed §4: within 2 hours of first activation): welcome with the plan's
 * figures, the initial service password when one was given, and the help menu.
 */
export async function activationSms(journey: Journey): Promise<void> {
  await journey.sendSms('welcome', { template: 'welcome', values: { plan: journey.state.plan! } });
  if (journey.passwordSecretId) {
    await journey.sendSms('initial_password', {
      template: 'initial_password',
      values: { secretId: journey.passwordSecretId },
    });
  }
  await journey.sendSms('help_menu', { template: 'help_menu', values: {} });
}
