import type { PrismaClient } from './database';
import type { Logger } from './logger';
import type { SealedData } from './sealed-data';

/**
 * Encrypts the SMS bodies that releases before encryption stored in plain text (`legacy_body`), in
 * batches, with each subscriber's data key. Idempotent: the worker runs it at every start, and a row
 * is encrypted and cleared in one update. An erased subscriber has no data key: their plain bodies
 * (left by an erasure before it cleared them) are cleared, not encrypted.
 */
export async function encryptLegacyOutbox(prisma: PrismaClient, sealed: SealedData, log: Logger): Promise<number> {
  const { count: cleared } = await prisma.smsMessage.updateMany({
    where: { legacyBody: { not: null }, subscriber: { erasedAt: { not: null } } },
    data: { legacyBody: null },
  });
  if (cleared > 0) log.info({ cleared }, 'cleared the plain SMS bodies of erased subscribers');
  let encrypted = 0;
  for (;;) {
    const rows = await prisma.smsMessage.findMany({
      where: { legacyBody: { not: null }, subscriber: { erasedAt: null } },
      select: { id: true, idempotencyKey: true, subscriberId: true, legacyBody: true },
      take: 500,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const body = await sealed.seal(row.subscriberId, `sms:${row.idempotencyKey}`, row.legacyBody!);
      await prisma.smsMessage.update({ where: { id: row.id }, data: { body, legacyBody: null } });
    }
    encrypted += rows.length;
  }
  if (encrypted > 0) log.info({ encrypted }, 'encrypted the SMS bodies stored before encryption');
  return encrypted;
}
