import type { PrismaClient } from '../platform/database';

/**
 * The plan codes and store ids an activation may name, kept in memory: they change rarely and every
 * activation checks both. A code not in memory is looked up in PostgreSQL before it is refused (and
 * remembered when found), so a plan or store added after the process started is accepted at once.
 * Nothing is ever removed: subscribers refer to plans and stores, so their rows stay.
 */
export class ReferenceCatalog {
  private loaded?: Promise<{ plans: Set<string>; stores: Set<string> }>;

  constructor(private readonly prisma: PrismaClient) {}

  async hasPlan(code: string): Promise<boolean> {
    const { plans } = await this.load();
    if (plans.has(code)) return true;
    const row = await this.prisma.plan.findUnique({ where: { code }, select: { code: true } });
    if (row) plans.add(code);
    return row !== null;
  }

  async hasStore(id: string): Promise<boolean> {
    const { stores } = await this.load();
    if (stores.has(id)) return true;
    const row = await this.prisma.store.findUnique({ where: { id }, select: { id: true } });
    if (row) stores.add(id);
    return row !== null;
  }

  private load() {
    this.loaded ??= Promise.all([
      this.prisma.plan.findMany({ select: { code: true } }),
      this.prisma.store.findMany({ select: { id: true } }),
    ]).then(
      ([plans, stores]) => ({
        plans: new Set(plans.map((plan) => plan.code)),
        stores: new Set(stores.map((store) => store.id)),
      }),
      (error: unknown) => {
        this.loaded = undefined; // a database outage at the first request: try again at the next
        throw error;
      },
    );
    return this.loaded;
  }
}
