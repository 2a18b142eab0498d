import { ActivityFailure, ApplicationFailure } from '@temporalio/common';

/**
 * The types of the non-retryable failures activities raise for bad data, shared by the activity that
 * throws and the workflow code that catches them. Pure constants: bundled into workflow code.
 */
export const activityFailures = {
  /** A plan code the catalog does not know (a bad `planChanged` event). */
  unknownPlan: 'UnknownPlan',
  unknownStore: 'UnknownStore',
  /** The sealed initial password cannot be opened: expired, used, erased, or sealed before an upgrade. */
  secretUnavailable: 'SecretUnavailable',
  /** The account manager the supervisor picked can no longer take the VIP (full, inactive, another region). */
  managerNotEligible: 'ManagerNotEligible',
} as const;

/** True when an activity failed with the application failure `type` (bad data, not retried). */
export function failedWith(error: unknown, type: string): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === type;
}
