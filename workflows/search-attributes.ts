import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes that let engineers find a journey in the Temporal Web UI. They are
 * registered with the server at start (`scripts/start.ts`, tests) and kept current by the workflow.
 */
export const searchAttributes = {
  /** The subscriber's number with the middle four digits hidden, e.g. 138****5678. */
  msisdnMasked: defineSearchAttributeKey('SubscriberMsisdnMasked', 'KEYWORD'),
  tier: defineSearchAttributeKey('JourneyTier', 'KEYWORD'),
  moment: defineSearchAttributeKey('JourneyMoment', 'KEYWORD'),
  storeId: defineSearchAttributeKey('JourneyStoreId', 'KEYWORD'),
  /** `control` or `treatment` for journeys in the control-group experiment; unset for the others. */
  group: defineSearchAttributeKey('JourneyGroup', 'KEYWORD'),
} as const;

/** Every custom search attribute, for registration with a server. */
export const allSearchAttributeKeys = Object.values(searchAttributes);

/** Hides the middle four digits of a mainland number (138****5678), as shown to engineers and in logs. */
export function maskMsisdn(msisdn: string): string {
  return msisdn.length === 11 ? `${msisdn.slice(0, 3)}****${msisdn.slice(7)}` : '*'.repeat(msisdn.length);
}
