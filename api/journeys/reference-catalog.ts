import { toPlanTerms } from '../../activities/catalog';
import type { PrismaClient } from '../../platform/database';
import type { PlanTerms } from '../../domain/vocabulary';

interface Catalog {
  plans: Map<string, PlanTerms>;
  stores: Set<string>;
}

/** How often the API rereads plans and stores by default: a changed fee reaches new journeys within it. */
export const CATALOG_RELOAD_MS = 60_000;

/**
 * The plans and stores an activation may name, kept in memory and reread every `reloadMs`: they change
 * rarely and every activation reads both. A code not in memory is looked up in PostgreSQL before it is
 * refused (and remembered when found), so a plan or store added since the last reread is accepted at once.
 */
export class ReferenceCatalog {
  private current?: Promise<Catalog>;
  private loadedAt = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly reloadMs = CATALOG_RELOAD_MS,
  ) {}

  /** The plan's terms, or undefined for a code the catalog does not have. */
  async plan(code: string): Promise<PlanTerms | undefined> {
    const { plans } = await this.catalog();
    const known = plans.get(code);
    if (known) return known;
    const row = await this.prisma.plan.findUnique({ where: { code } });
    if (!row) return undefined;
    plans.set(code, toPlanTerms(row));
    return plans.get(code);
  }

  async hasStore(id: string): Promise<boolean> {
    const { stores } = await this.catalog();
    if (stores.has(id)) return true;
    const row = await this.prisma.store.findUnique({ where: { id }, select: { id: true } });
    if (row) stores.add(id);
    return row !== null;
  }

  /** The catalog in memory, reread once it is `reloadMs` old; a failed reread keeps the one before. */
  private catalog(): Promise<Catalog> {
    if (!this.current || Date.now() - this.loadedAt >= this.reloadMs) {
      const previous = this.current;
      this.loadedAt = Date.now();
      this.current = this.read().catch((error: unknown) => {
        if (previous) return previous;
        this.current = undefined; // no catalog yet (a database outage at the first request): try again
        throw error;
      });
    }
    return this.current;
  }

  private async read(): Promise<Catalog> {
    const [plans, stores] = await Promise.all([
      this.prisma.plan.findMany(),
      this.prisma.store.findMany({ select: { id: true } }),
    ]);
    return {
      plans: new Map(plans.map((row) => [row.code, toPlanTerms(row)])),
      stores: new Set(stores.map((store) => store.id)),
    };
  }
}
