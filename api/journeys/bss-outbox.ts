import type { BssOrder } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import { ApiError } from '../http/errors';

/**
 * The BSS's side of its outbox (`bss_order`): it collects the orders due and answers each. An order
 * collected and not answered within {@link ORDER_LEASE_MS} is handed out again at a later collection
 * (a retry: `deliveries` counts them), so an order the BSS took and lost in a crash is not lost; the
 * BSS carries an order out once by its id. Two collectors never get the same order at once.
 */

/** How long a collected order waits for the BSS's answer before it is handed out again. */
export const ORDER_LEASE_MS = 15 * 60_000;

/** An order as the BSS and the staff pages see it. */
export interface BssOrderView {
  id: string;
  kind: string;
  subscriberId: string;
  fromPlanCode: string;
  toPlanCode: string;
  status: BssOrder['status'];
  deliveries: number;
  requestedAt: string;
  lastDeliveredAt: string | null;
  settledAt: string | null;
  reason: string | null;
}

export function orderView(order: BssOrder): BssOrderView {
  return {
    id: order.id,
    kind: order.kind,
    subscriberId: order.subscriberId,
    fromPlanCode: order.fromPlanCode,
    toPlanCode: order.toPlanCode,
    status: order.status,
    deliveries: order.deliveries,
    requestedAt: order.createdAt.toISOString(),
    lastDeliveredAt: order.lastDeliveredAt?.toISOString() ?? null,
    settledAt: order.settledAt?.toISOString() ?? null,
    reason: order.reason,
  };
}

/**
 * Hands out up to `limit` orders due, oldest first: those never collected and those whose lease ran
 * out unanswered; each is leased to this collection.
 */
export async function collectOrders(prisma: PrismaClient, limit: number): Promise<BssOrderView[]> {
  const leaseUntil = new Date(Date.now() + ORDER_LEASE_MS);
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE bss_order SET status = 'delivered', deliveries = deliveries + 1, last_delivered_at = now(),
           lease_until = ${leaseUntil}
     WHERE id IN (SELECT id FROM bss_order
                   WHERE status = 'pending' OR (status = 'delivered' AND lease_until < now())
                   ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  const orders = await prisma.bssOrder.findMany({
    where: { id: { in: ids.map(({ id }) => id) } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return orders.map(orderView);
}

export type BssOrderResult = { result: 'completed' } | { result: 'rejected'; reason: string };

/**
 * What an answer needs of the journeys (`JourneyService`, which also completes the orders a plan
 * change carried out): a refusal told to the order's journey while it runs.
 */
export interface RefusalRecipient {
  tellIfRunning(
    subscriberId: string,
    rejection: { orderId: string; toPlanCode: string; reason: string },
  ): Promise<void>;
}

/**
 * Records the BSS's answer to an order, once: the same answer again is a repeat (`200`), another one
 * a `409`. A refusal goes on to the order's journey while it runs, which has the follow-up team tell
 * the customer; it is sent again with a repeat, in case the first answer never reached the journey.
 */
export async function answerOrder(
  prisma: PrismaClient,
  journeys: RefusalRecipient,
  orderId: string,
  answer: BssOrderResult,
): Promise<{ order: BssOrderView; repeat: boolean }> {
  const status = answer.result;
  const reason = answer.result === 'rejected' ? answer.reason : null;
  const settled = await prisma.bssOrder.updateManyAndReturn({
    where: { id: orderId, status: { in: ['pending', 'delivered'] } },
    data: { status, reason, settledAt: new Date(), leaseUntil: null },
  });
  const order = settled[0] ?? (await prisma.bssOrder.findUnique({ where: { id: orderId } }));
  if (!order) throw new ApiError(404, 'order_not_found', `no order ${orderId}`);
  if (order.status !== status || (reason !== null && order.reason !== reason)) {
    throw new ApiError(409, 'order_settled', `order ${orderId} was answered before: ${order.status}`);
  }
  if (order.status === 'rejected') {
    await journeys.tellIfRunning(order.subscriberId, {
      orderId: order.id,
      toPlanCode: order.toPlanCode,
      reason: order.reason ?? '',
    });
  }
  return { order: orderView(order), repeat: settled.length === 0 };
}

/**
 * A `planChanged` event from the BSS carries out the plan-change orders to that plan it has not
 * answered (its answer may come later, or never): they are completed.
 */
export async function completeOrdersFor(prisma: PrismaClient, subscriberId: string, planCode: string): Promise<void> {
  await prisma.bssOrder.updateMany({
    where: { subscriberId, kind: 'plan_change', toPlanCode: planCode, status: { in: ['pending', 'delivered'] } },
    data: { status: 'completed', settledAt: new Date(), leaseUntil: null },
  });
}

/** A subscriber's orders, oldest first, for the journey's page and its API answer. */
export async function ordersOf(prisma: PrismaClient, subscriberId: string): Promise<BssOrderView[]> {
  const orders = await prisma.bssOrder.findMany({ where: { subscriberId }, orderBy: { createdAt: 'asc' } });
  return orders.map(orderView);
}
