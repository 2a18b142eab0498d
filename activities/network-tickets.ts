import type { PrismaClient } from '../platform/database';
import type { NetworkTicketRequest } from '../workflows/activity-contract';

/** Activities that forward signal problems to the network department and track them (信号类问题). */
export function createNetworkTicketActivities(prisma: PrismaClient) {
  return {
    /** Opens a ticket once per key (a retry returns the same ticket). */
    async openNetworkTicket(request: NetworkTicketRequest): Promise<{ ticketId: string }> {
      const ticket = await prisma.networkTicket.upsert({
        where: { idempotencyKey: request.idempotencyKey },
        create: { ...request, status: 'open' },
        update: {},
      });
      return { ticketId: ticket.id };
    },

    async resolveNetworkTicket({ ticketId }: { ticketId: string }): Promise<void> {
      await prisma.networkTicket.updateMany({
        where: { id: ticketId, status: 'open' },
        data: { status: 'resolved', resolvedAt: new Date() },
      });
    },
  };
}
