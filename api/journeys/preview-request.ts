import { z } from 'zod';
import { BUSINESS_TIME_ZONE, instantOfLocalTime } from '../../domain/calendar';
import { deadlinesOn, hoursFor } from '../../activities/business-calendar';
import {
  previewJourney,
  type DeadlinesOf,
  type PreviewEntry,
  type PreviewEvents,
  type PreviewProfile,
} from '../../domain/journey-preview';
import { paymentTypes, tiers, type StaffRole } from '../../domain/vocabulary';
import { ApiError } from '../http/errors';
import type { PrismaClient } from '../../platform/database';
import { defaultSchedule, type JourneySchedule } from '../../workflows/schedule';

/** The roles a journey's tasks go to, whose hours a preview needs. */
const taskRoles: readonly StaffRole[] = ['store', 'followup', 'telemarketing', 'account_manager'];

/**
 * The deadline rule of the profile's store and the call centre on today's hours: what the deadline
 * activity would compute for each task the preview shows.
 */
export async function deadlinesAt(
  prisma: PrismaClient,
  storeId: string,
  schedule: JourneySchedule,
): Promise<DeadlinesOf> {
  const hours = new Map(
    await Promise.all(taskRoles.map(async (role) => [role, (await hoursFor(prisma, role, storeId)).hours] as const)),
  );
  return (role, openedAt, deadline) => deadlinesOn(hours.get(role)!, openedAt, deadline, schedule.overdueGraceHours);
}

/** A journey's 90 days for a profile, on the production schedule and today's business calendars. */
export async function journeyPreview(
  prisma: PrismaClient,
  profile: PreviewProfile,
  events: PreviewEvents,
  schedule: JourneySchedule = defaultSchedule,
): Promise<PreviewEntry[]> {
  return previewJourney(profile, events, schedule, await deadlinesAt(prisma, profile.storeId, schedule));
}

const day = z.coerce.number().min(0, 'a day of the journey, 0–90').max(90, 'a day of the journey, 0–90');
const checkbox = z.literal('on').optional();

/**
 * The preview form's query, as the page sends it: empty fields are dropped before parsing. The
 * activation time is the business clock's (`datetime-local`); defaults: a standard prepaid subscriber
 * of store JN001 activated now.
 */
export const previewQuerySchema = z.strictObject({
  tier: z.enum(tiers).default('standard'),
  paymentType: z.enum(paymentTypes).default('prepaid'),
  numberChange: checkbox,
  initialPassword: checkbox,
  storeId: z.string().max(32).default('JN001'),
  activatedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a local time, YYYY-MM-DDTHH:MM')
    .refine((local) => !Number.isNaN(Date.parse(`${local}:00Z`)), 'not a real time')
    .optional(),
  vipDay: day.optional(),
  vipTier: z
    .enum(tiers.filter((tier) => tier !== 'standard') as ['silver', 'gold', 'platinum', 'diamond'])
    .default('gold'),
  paidDay: day.optional(),
  leftDay: day.optional(),
});
export type PreviewQuery = z.infer<typeof previewQuerySchema>;

/** The profile and events a preview query asks about; an unknown store is a 400 naming the field. */
export function previewRequest(
  query: PreviewQuery,
  stores: readonly { id: string }[],
  now: number,
): { profile: PreviewProfile; events: PreviewEvents } {
  if (!stores.some((store) => store.id === query.storeId)) {
    throw new ApiError(400, 'invalid_request', `storeId: unknown store ${query.storeId}`, [
      { field: 'storeId', reason: `unknown store ${query.storeId}` },
    ]);
  }
  const profile: PreviewProfile = {
    activatedAt: query.activatedAt ? instantOfLocalTime(query.activatedAt, BUSINESS_TIME_ZONE) : now,
    tier: query.tier,
    paymentType: query.paymentType,
    numberChange: query.numberChange === 'on',
    initialPassword: query.initialPassword === 'on',
    storeId: query.storeId,
  };
  const events: PreviewEvents = {
    ...(query.vipDay !== undefined && query.tier === 'standard'
      ? { vipRated: { day: query.vipDay, tier: query.vipTier } }
      : {}),
    ...(query.paidDay !== undefined ? { paidOnDay: query.paidDay } : {}),
    ...(query.leftDay !== undefined ? { leftOnDay: query.leftDay } : {}),
  };
  return { profile, events };
}
