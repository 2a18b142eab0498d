/**
 * The journey's vocabulary (docs/journey.md#glossary), shared by the workflow, the activities, the API
 * and the tests. Pure types and constants only: this module is bundled into workflow code.
 */

/** VIP tiers in ascending order; `standard` is not VIP. */
export const tiers = ['standard', 'silver', 'gold', 'platinum', 'diamond'] as const;
export type Tier = (typeof tiers)[number];

/** True for every tier above `standard`. */
export function isVip(tier: Tier): boolean {
  return tier !== 'standard';
}

/** True when `tier` ranks at or above `floor`, e.g. "gold and above" for payment coaching. */
export function tierAtLeast(tier: Tier, floor: Tier): boolean {
  return tiers.indexOf(tier) >= tiers.indexOf(floor);
}

export const paymentTypes = ['prepaid', 'postpaid'] as const;
export type PaymentType = (typeof paymentTypes)[number];

export const staffRoles = [
  'store',
  'club',
  'account_manager',
  'followup',
  'telemarketing',
  'hotline',
  /** The network department (网络部门): works the signal-problem tickets of follow-up calls. */
  'network',
  'supervisor',
  /** Reads journeys' decoded histories in the Temporal Web UI; works no tasks. */
  'engineer',
  /** Manages staff accounts; works no tasks. */
  'administrator',
] as const;
export type StaffRole = (typeof staffRoles)[number];

/** The personal details the follow-up call confirms (入网基本信息核实); a wrong name is corrected. */
export const followupVerificationItems = ['name', 'id_number', 'contact_phone', 'mailing_address'] as const;
export type FollowupVerificationItem = (typeof followupVerificationItems)[number];

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A plan of the catalog with the figures the welcome SMS and the plan-fit analysis need (yuan). */
export interface PlanTerms {
  code: string;
  name: string;
  nameEn: string;
  /** Plans of one family share a design (e.g. A: voice-heavy); `level` is the fee step inside it. */
  family: string;
  level: number;
  monthlyFee: number;
  voiceMinutes: number;
  dataMB: number;
  sms: number;
  mms: number;
  voiceOveragePerMin: number;
  dataOveragePerKB: number;
  smsOverage: number;
}

/** One month of a subscriber's usage as reported by the billing system. */
export interface UsageMonth {
  /** Calendar month, `YYYY-MM`. */
  month: string;
  voiceMinutes: number;
  dataMB: number;
  sms: number;
}

/** A value-added service of the catalog. */
export interface ValueAddedServiceOffer {
  code: string;
  name: string;
  nameEn: string;
  category: string;
  monthlyFee: number;
  /** Usage profiles the service suits, e.g. `data_heavy`, `music`, `traveller`. */
  profile: string[];
  description: string;
}

/** Onboarding-coaching checklist items (入网辅导), in the order the clerk works through them. */
export const coachingItems = [
  'plan_tariff',
  'contract_terms',
  'service_channels',
  'billing_payment',
  'data_usage_notes',
  'club_recommendation',
  'internet_setup',
  'number_change_coaching',
  'tier_rights',
] as const;
export type CoachingItem = (typeof coachingItems)[number];
