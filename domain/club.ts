import type { Localized } from './localized';

/**
 * The 3G Club (3G俱乐部) as the operator's plan sets it up: service levels by the time the customer
 * has, the services of its work order (服务工单), the sub-clubs, and their local activities. Pure
 * types and rules; the catalogs live in PostgreSQL (`activities/catalog.ts` loads them).
 */

/** Service levels by the customer's time: 标准版 (in a hurry), 升级版 (some time), 专业版 (time to spare). */
export const clubServiceLevelCodes = ['standard', 'extended', 'professional'] as const;
export type ClubServiceLevelCode = (typeof clubServiceLevelCodes)[number];

export interface ClubServiceLevel {
  code: ClubServiceLevelCode;
  name: Localized;
  /** Whom the level suits, in the plan's words (时间紧的客户 …). */
  forCustomers: Localized;
  minMinutes: number;
  maxMinutes: number;
}

/** The 3G Club itself and its special-interest sub-clubs (特色子俱乐部). */
export const clubs = ['3g_club', 'film_club', 'music_club'] as const;
export type Club = (typeof clubs)[number];

/** Phone operating systems the club installs apps for (the plan's list). */
export const phoneSystems = ['ios', 'android', 'symbian', 'windows_mobile'] as const;
export type PhoneSystem = (typeof phoneSystems)[number];

export const clubServiceKinds = [
  'phone_activation',
  'app_install',
  'contacts_transfer',
  'usage_coaching',
  'internet_setup',
  'join_club',
] as const;
export type ClubServiceKind = (typeof clubServiceKinds)[number];

interface ClubServiceTerms {
  code: string;
  name: Localized;
  description: Localized;
  /** About how long it takes with the customer, to pick the service level. */
  typicalMinutes: number;
}

/** A service the club's work order lists for the customer to choose; app installs name their system, joining names its club. */
export type ClubService = ClubServiceTerms &
  (
    | { kind: 'app_install'; phoneSystem: PhoneSystem }
    | { kind: 'join_club'; club: Club }
    | { kind: Exclude<ClubServiceKind, 'app_install' | 'join_club'> }
  );

/**
 * The level for a visit of `minutes`: the shortest level whose window reaches that long (a visit
 * longer than every window gets the longest level). `levels` is the catalog, in any order.
 */
export function clubServiceLevelFor<Level extends Pick<ClubServiceLevel, 'maxMinutes'>>(
  levels: readonly Level[],
  minutes: number,
): Level {
  const ordered = [...levels].sort((a, b) => a.maxMinutes - b.maxMinutes);
  const level = ordered.find((candidate) => minutes <= candidate.maxMinutes) ?? ordered.at(-1);
  if (!level) throw new Error('the club service level catalog is empty');
  return level;
}

/** How long the chosen services take together (the work order's estimate). */
export function workOrderMinutes(services: readonly Pick<ClubService, 'typicalMinutes'>[]): number {
  return services.reduce((sum, service) => sum + service.typicalMinutes, 0);
}

/** A club activity planned by a store, or by a region for all its stores (storeId null). */
export interface ClubActivity {
  id: string;
  club: Club;
  region: string;
  storeId: string | null;
  title: Localized;
  venue: Localized;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
}

/**
 * The activities a customer of `store` can be invited to between `from` and `to` (ISO instants or
 * epoch milliseconds): the store's own and its region's, starting in the window, earliest first.
 */
export function upcomingClubActivities(
  activities: readonly ClubActivity[],
  store: { id: string; region: string },
  from: string | number,
  to: string | number,
): ClubActivity[] {
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  return activities
    .filter((activity) => activity.region === store.region && (activity.storeId ?? store.id) === store.id)
    .filter((activity) => {
      const startsAt = Date.parse(activity.startsAt);
      return startsAt >= start && startsAt < end;
    })
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
}
