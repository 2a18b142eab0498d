import { subscriberRow } from '../../activities/subscriber-row';
import { isDeepStrictEqual } from 'node:util';
import type { Prisma } from '../../prisma/generated/client';
import type { Experiment } from '../../domain/control-group';
import type { PrismaClient } from '../../platform/database';
import type { ActivationProfile } from '../../workflows/state';
import { ApiError, type FieldError } from '../http/errors';
import type { ReferenceCatalog } from './reference-catalog';

/** `new`: the subscriber is recorded now; `repeat`: the same activation came before. */
export type Claim = 'new' | 'repeat';

/**
 * Records a newly activated subscriber before their journey starts, so that one number has one
 * journey at a time whatever requests race: the number is taken from a previous holder whose
 * journey has ended (the operator reissued it), refused while that journey runs. A repeat of the
 * same activation is recognised; a different activation for a known subscriber is a 409 naming the
 * fields. Bad references (plan, store) are a 400 naming each.
 *
 * A new subscriber with a free number, the common case, takes one statement: the insert, which the
 * primary key and the held-number index refuse otherwise; then the transaction below sorts out why.
 * A new subscriber is recorded with their `experiment` group; a repeat keeps the recorded one.
 */
export async function claimSubscriber(
  prisma: PrismaClient,
  catalog: ReferenceCatalog,
  profile: ActivationProfile,
  experiment?: Experiment,
): Promise<Claim> {
  const problems = await badReferences(catalog, profile);
  if (problems.length > 0) throw invalid(problems);
  try {
    await prisma.subscriber.create({ data: subscriberRecord(profile, experiment) });
    return 'new';
  } catch (error) {
    // The subscriber or the number is known: a repeat, a 409 if the activation differs, a number to
    // take from a holder whose journey ended, or one another subscriber holds. Looking again tells which.
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    return await recordSubscriber(prisma, profile, experiment);
  } catch (error) {
    // Two identical activations taking a reissued number race in the transaction; the second sees
    // the first's row when it looks again, a repeat.
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    return await recordSubscriber(prisma, profile, experiment);
  } catch (error) {
    // A concurrent activation of another subscriber took the number first (the partial unique index).
    if (isUniqueViolation(error)) {
      throw invalid([{ field: 'msisdn', reason: "another subscriber's journey holds this number" }]);
    }
    throw error;
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/** One transaction: a repeat is recognised, a number is taken from a holder whose journey ended. */
async function recordSubscriber(
  prisma: PrismaClient,
  profile: ActivationProfile,
  experiment: Experiment | undefined,
): Promise<Claim> {
  return prisma.$transaction(async (tx) => {
    const [existing] = await tx.$queryRaw<
      {
        id: string;
        activation: unknown;
        msisdn: string | null;
        store_id: string;
        activated_at: Date;
        erased: boolean;
      }[]
    >`SELECT id, activation, msisdn, store_id, activated_at, erased_at IS NOT NULL AS erased
        FROM subscriber WHERE id = ${profile.subscriberId} FOR UPDATE`;
    if (existing) {
      if (existing.erased) {
        throw new ApiError(409, 'personal_data_erased', `subscriber ${profile.subscriberId} was erased on request`);
      }
      assertSameActivation(existing, profile);
      return 'repeat';
    }
    const [holder] = await tx.$queryRaw<{ id: string; status: string | null }[]>`
        SELECT s.id, j.status::text AS status FROM subscriber s LEFT JOIN journey j ON j.subscriber_id = s.id
        WHERE s.msisdn = ${profile.msisdn} AND s.released_at IS NULL AND s.id <> ${profile.subscriberId}
        FOR UPDATE OF s`;
    if (holder) {
      // No journey row yet: the holder's activation is still being started.
      if (holder.status === 'running' || holder.status === null) {
        throw invalid([{ field: 'msisdn', reason: "another subscriber's journey holds this number" }]);
      }
      await tx.subscriber.update({ where: { id: holder.id }, data: { releasedAt: new Date() } });
    }
    await tx.subscriber.create({ data: subscriberRecord(profile, experiment) });
    return 'new' as const;
  });
}

function subscriberRecord(
  profile: ActivationProfile,
  experiment: Experiment | undefined,
): Prisma.SubscriberUncheckedCreateInput {
  return {
    ...subscriberRow(profile),
    activation: JSON.parse(JSON.stringify(profile)) as Prisma.InputJsonValue,
    experimentGroup: experiment?.group ?? null,
    experimentTouch: experiment?.touch ?? null,
  };
}

/**
 * The same activation again, or a 409 naming what differs. Subscribers recorded before activations
 * were kept whole are compared on number, store and activation time.
 */
function assertSameActivation(
  existing: { activation: unknown; msisdn: string | null; store_id: string; activated_at: Date },
  profile: ActivationProfile,
): void {
  const requested = JSON.parse(JSON.stringify(profile)) as Record<string, unknown>;
  const recorded = existing.activation as Record<string, unknown> | null;
  const compared = recorded
    ? { recorded, fields: [...new Set([...Object.keys(recorded), ...Object.keys(requested)])] }
    : {
        recorded: {
          msisdn: existing.msisdn,
          storeId: existing.store_id,
          activatedAt: existing.activated_at.toISOString(),
        },
        fields: ['msisdn', 'storeId', 'activatedAt'],
      };
  const fields = compared.fields.filter((field) => !isDeepStrictEqual(compared.recorded[field], requested[field]));
  if (fields.length > 0) {
    throw new ApiError(
      409,
      'conflicting_activation',
      `subscriber ${profile.subscriberId} already has a journey, started with a different ${fields.join(', ')}`,
      fields.map((field) => ({ field, reason: 'differs from the activation that started the journey' })),
    );
  }
}

async function badReferences(catalog: ReferenceCatalog, profile: ActivationProfile): Promise<FieldError[]> {
  const [plan, store] = await Promise.all([catalog.plan(profile.planCode), catalog.hasStore(profile.storeId)]);
  const problems: FieldError[] = [];
  if (!plan) problems.push({ field: 'planCode', reason: `unknown plan code ${profile.planCode}` });
  if (!store) problems.push({ field: 'storeId', reason: `unknown store ${profile.storeId}` });
  return problems;
}

export function invalid(details: FieldError[]): ApiError {
  return new ApiError(400, 'invalid_request', details.map((d) => `${d.field}: ${d.reason}`).join('; '), details);
}
