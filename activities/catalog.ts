import { ApplicationFailure } from '@temporalio/activity';
import {
  clubServiceKinds,
  clubServiceLevelCodes,
  clubs,
  phoneSystems,
  upcomingClubActivities,
  type ClubActivity,
  type ClubService,
  type ClubServiceLevel,
} from '../domain/club';
import type { Localized } from '../domain/localized';
import type { Promotion } from '../domain/promotions';
import { tieredServicesFor, vipTiers, type TieredService } from '../domain/tiered-services';
import type { PrismaClient } from '../platform/database';
import { activityFailures } from '../workflows/failure-types';
import type { PlanTerms, Tier, ValueAddedServiceOffer } from '../domain/vocabulary';

type PlanRow = Awaited<ReturnType<PrismaClient['plan']['findMany']>>[number];

/** A catalog row as the journey's plain-number terms (the database keeps money as decimals). */
export function toPlanTerms(row: PlanRow): PlanTerms {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    family: row.family,
    level: row.level,
    monthlyFee: Number(row.monthlyFee),
    voiceMinutes: row.voiceMinutes,
    dataMB: row.dataMB,
    sms: row.sms,
    mms: row.mms,
    voiceOveragePerMin: Number(row.voiceOveragePerMin),
    dataOveragePerKB: Number(row.dataOveragePerKB),
    smsOverage: Number(row.smsOverage),
  };
}

/** Reads one plan; an unknown code is bad data, not a transient fault, so it is not retried. */
export async function findPlan(prisma: PrismaClient, planCode: string): Promise<PlanTerms> {
  const row = await prisma.plan.findUnique({ where: { code: planCode } });
  if (!row) throw ApplicationFailure.nonRetryable(`unknown plan code ${planCode}`, activityFailures.unknownPlan);
  return toPlanTerms(row);
}

export async function activePlans(prisma: PrismaClient): Promise<PlanTerms[]> {
  const rows = await prisma.plan.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  return rows.map(toPlanTerms);
}

export async function valueAddedServices(prisma: PrismaClient): Promise<ValueAddedServiceOffer[]> {
  const rows = await prisma.valueAddedService.findMany({ orderBy: { code: 'asc' } });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    category: row.category,
    monthlyFee: Number(row.monthlyFee),
    profile: row.profile,
    description: row.description,
  }));
}

const localized = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

/**
 * Narrows a code read from a catalog to the values the domain knows. The migration's checks keep
 * other values out; one that slips in is a broken catalog for an operator to fix (retried meanwhile).
 */
function known<Code extends string>(codes: readonly Code[], value: string | null, where: string): Code {
  const code = codes.find((candidate) => candidate === value);
  if (code === undefined) throw new Error(`catalog ${where}: unknown value ${JSON.stringify(value)}`);
  return code;
}

/** The 3G Club's service levels, shortest first. */
export async function clubServiceLevels(prisma: PrismaClient): Promise<ClubServiceLevel[]> {
  const rows = await prisma.clubServiceLevel.findMany({ orderBy: { maxMinutes: 'asc' } });
  return rows.map((row) => ({
    code: known(clubServiceLevelCodes, row.code, 'club_service_level.code'),
    name: localized(row.name, row.nameEn),
    forCustomers: localized(row.forCustomers, row.forCustomersEn),
    minMinutes: row.minMinutes,
    maxMinutes: row.maxMinutes,
  }));
}

/** The services of the club's work order, in the form's order. */
export async function clubServices(prisma: PrismaClient): Promise<ClubService[]> {
  const rows = await prisma.clubService.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] });
  return rows.map((row): ClubService => {
    const terms = {
      code: row.code,
      name: localized(row.name, row.nameEn),
      description: localized(row.description, row.descriptionEn),
      typicalMinutes: row.typicalMinutes,
    };
    const kind = known(clubServiceKinds, row.kind, `club_service ${row.code} kind`);
    switch (kind) {
      case 'app_install':
        return {
          ...terms,
          kind,
          phoneSystem: known(phoneSystems, row.phoneSystem, `club_service ${row.code} phone_system`),
        };
      case 'join_club':
        return { ...terms, kind, club: known(clubs, row.club, `club_service ${row.code} club`) };
      default:
        return { ...terms, kind };
    }
  });
}

/** The tiered services of `tier` in the order to present them (none when the tier is not VIP). */
export async function tieredServicesOf(prisma: PrismaClient, tier: Tier): Promise<TieredService[]> {
  const rows = await prisma.tieredService.findMany({ where: { tier } });
  const services = rows.map((row) => ({
    tier: known(vipTiers, row.tier, `tiered_service ${row.code} tier`),
    code: row.code,
    name: localized(row.name, row.nameEn),
    detail: localized(row.detail, row.detailEn),
    position: row.position,
  }));
  return tieredServicesFor(tier, services);
}

/**
 * The club activities a customer of `store` can be invited to, starting from `from` and before `to`:
 * the store's own and its region's, earliest first.
 */
export async function clubActivitiesFor(
  prisma: PrismaClient,
  store: { id: string; region: string },
  from: string | number,
  to: string | number,
): Promise<ClubActivity[]> {
  const rows = await prisma.clubActivity.findMany({
    where: { region: store.region, startsAt: { gte: new Date(from), lt: new Date(to) } },
  });
  const activities = rows.map((row) => ({
    id: row.id,
    club: known(clubs, row.club, `club_activity ${row.id} club`),
    region: row.region,
    storeId: row.storeId,
    title: localized(row.title, row.titleEn),
    venue: localized(row.venue, row.venueEn),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  }));
  return upcomingClubActivities(activities, store, from, to);
}

/** Every promotion of the catalog, by launch date; `domain/promotions.ts` says which are running. */
export async function promotions(prisma: PrismaClient): Promise<Promotion[]> {
  const rows = await prisma.promotion.findMany({ orderBy: [{ launchAt: 'asc' }, { code: 'asc' }] });
  return rows.map((row) => ({
    code: row.code,
    name: localized(row.name, row.nameEn),
    description: localized(row.description, row.descriptionEn),
    region: row.region,
    launchAt: row.launchAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
  }));
}
