import { Gauge, type Registry } from 'prom-client';
import type { PrismaClient } from '../../platform/database';
import type { Logger } from '../../platform/logger';

/** How old the business figures may be before a scrape recomputes them (by default). */
export const BUSINESS_METRICS_MAX_AGE_MS = 15_000;

/** The figures a supervisor is paged for, counted in PostgreSQL. No label names a person. */
interface Figures {
  tasks: { role: string; store: string; open: number; overdue: number }[];
  openJourneys: { moment: string; count: number }[];
  startedLastHour: number;
  endedLastHour: { status: string; count: number }[];
  smsLastHour: { status: string; count: number }[];
  smsUnsentOver5m: number;
}

/**
 * Each query reads an index only (see the migration `metrics_indexes`): the open tasks' partial
 * index, the journeys' status index, and time indexes bounded to the last hour.
 */
async function count(prisma: PrismaClient): Promise<Figures> {
  const [tasks, openJourneys, [started], endedLastHour, smsLastHour, [unsent]] = await Promise.all([
    prisma.$queryRaw<Figures['tasks']>`
      SELECT role::text AS role, coalesce(store_id, '') AS store, count(*)::int AS open,
             (count(*) FILTER (WHERE due_at < now()))::int AS overdue
      FROM task WHERE status = 'open' GROUP BY role, store_id`,
    prisma.$queryRaw<Figures['openJourneys']>`
      SELECT moment, count(*)::int AS count FROM journey WHERE status = 'running' GROUP BY moment`,
    prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM journey WHERE started_at >= now() - interval '1 hour'`,
    prisma.$queryRaw<Figures['endedLastHour']>`
      SELECT status::text AS status, count(*)::int AS count FROM journey
      WHERE ended_at >= now() - interval '1 hour' GROUP BY status`,
    prisma.$queryRaw<Figures['smsLastHour']>`
      SELECT status::text AS status, count(*)::int AS count FROM sms_message
      WHERE created_at >= now() - interval '1 hour' GROUP BY status`,
    prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM sms_message
      WHERE status <> 'sent' AND created_at < now() - interval '5 minutes'`,
  ]);
  return {
    tasks,
    openJourneys,
    startedLastHour: started?.count ?? 0,
    endedLastHour,
    smsLastHour,
    smsUnsentOver5m: unsent?.count ?? 0,
  };
}

/**
 * Registers the business gauges on `registry`, computed from PostgreSQL when Prometheus scrapes, at
 * most once per `maxAgeMs` however many scrape. A failed count keeps the last figures and sets
 * `journey_business_metrics_up` to 0, so the process's other metrics still answer.
 */
export function registerBusinessMetrics(
  registry: Registry,
  prisma: PrismaClient,
  log: Logger,
  maxAgeMs = BUSINESS_METRICS_MAX_AGE_MS,
): void {
  let latest: { at: number; figures: Promise<Figures | undefined> } | undefined;
  let last: Figures | undefined;
  const figures = () => {
    if (!latest || Date.now() - latest.at >= maxAgeMs) {
      latest = {
        at: Date.now(),
        figures: count(prisma).then(
          (counted) => (last = counted),
          (error: unknown) => {
            log.warn(
              { reason: error instanceof Error ? error.message : String(error) },
              'business metrics: count failed',
            );
            return undefined;
          },
        ),
      };
    }
    return latest.figures;
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    set: (gauge: Gauge<L>, figures: Figures) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const counted = (await figures()) ?? last;
        this.reset();
        if (counted) set(this, counted);
      },
    });

  new Gauge({
    name: 'journey_business_metrics_up',
    help: '1 when the latest count from PostgreSQL succeeded, 0 when the figures are older',
    registers: [registry],
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });
  gauge('journey_tasks_open', 'Open tasks, by role and store ("" for role pools)', ['role', 'store'], (g, f) => {
    for (const row of f.tasks) g.set({ role: row.role, store: row.store }, row.open);
  });
  gauge('journey_tasks_overdue', 'Open tasks past their due time, by role and store', ['role', 'store'], (g, f) => {
    for (const row of f.tasks) g.set({ role: row.role, store: row.store }, row.overdue);
  });
  gauge('journey_journeys_open', 'Running journeys, by the moment they are in', ['moment'], (g, f) => {
    for (const row of f.openJourneys) g.set({ moment: row.moment }, row.count);
  });
  gauge('journey_journeys_started_last_hour', 'Journeys started in the last hour', [], (g, f) =>
    g.set(f.startedLastHour),
  );
  gauge('journey_journeys_ended_last_hour', 'Journeys ended in the last hour, by how', ['status'], (g, f) => {
    for (const row of f.endedLastHour) g.set({ status: row.status }, row.count);
  });
  gauge('journey_sms_last_hour', 'SMS of the last hour in the outbox, by status', ['status'], (g, f) => {
    for (const status of ['queued', 'sent', 'failed']) {
      g.set({ status }, f.smsLastHour.find((row) => row.status === status)?.count ?? 0);
    }
  });
  gauge(
    'journey_sms_unsent_over_5m',
    'SMS still unsent 5 minutes after the journey asked: the gateway refuses or is down',
    [],
    (g, f) => g.set(f.smsUnsentOver5m),
  );
}
