/**
 * Task inbox latency: p50/p95 of `GET /v1/tasks` over HTTP at 10,000 and 100,000 tasks (sizes by
 * `--sizes 10000,100000`), for each kind of staff member's inbox and a deep page. Real PostgreSQL
 * (embedded, in a temporary folder), the real API app on a loopback port. The inbox reads only
 * PostgreSQL, so Temporal is not started (the API's client is created lazily and never used).
 *
 *   npm run bench:inbox [-- --sizes 10000,100000 --requests 200]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { Auth } from '../api/staff-access/auth';
import { JourneyService } from '../api/journeys/journey-service';
import type { PrismaClient } from '../platform/database';
import { createProtection } from '../platform/protection';
import { percentile, writeBarChart, writeResult } from './report';
import { benchLog, benchMasterKeys, benchStaffPassword, round, startBenchDatabase } from './stack';

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,100000' }, requests: { type: 'string', default: '200' } },
});
const sizes = args.sizes.split(',').map(Number);
const requests = Number(args.requests);

/** The inboxes staff open all day, as the query string each sends. */
const inboxes: { name: string; user: string; query: string }[] = [
  { name: 'store clerk (JN001)', user: 'store.jn001', query: '' },
  { name: 'follow-up agent', user: 'followup.zhang', query: '' },
  { name: 'account manager (own tasks)', user: 'am.li', query: '' },
  { name: 'supervisor, overdue only', user: 'supervisor.sun', query: '?overdue=true' },
  { name: 'supervisor, all open', user: 'supervisor.sun', query: '?limit=100' },
];

/** Fills the task table to `total` rows: 5 tasks per subscriber, a third open, due ±45 days around now. */
async function fillTasks(prisma: PrismaClient, total: number): Promise<void> {
  await prisma.$executeRawUnsafe(`TRUNCATE task, journey, subscriber CASCADE`);
  const subscribers = Math.ceil(total / 5);
  await prisma.$executeRawUnsafe(`
    INSERT INTO subscriber (id, msisdn, name, activated_at, store_id, plan_code, payment_type, tier, port_in, dnd, updated_at)
    SELECT 'B' || i, '13' || lpad(i::text, 9, '0'), '客户' || i, now() - (i % 90) * interval '1 day',
           (ARRAY['JN001','JN002','QD001'])[1 + i % 3], 'A66', 'prepaid', 'standard', false, false, now()
    FROM generate_series(1, ${subscribers}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO journey (id, subscriber_id, status, moment, started_at)
    SELECT 'journey-B' || i, 'B' || i, 'running', 'first_followup', now() FROM generate_series(1, ${subscribers}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO task (id, journey_id, subscriber_id, type, role, store_id, assignee_id, status, available_at, due_at, payload, updated_at)
    SELECT 'journey-B' || s || ':t' || k, 'journey-B' || s, 'B' || s,
           (ARRAY['onboarding_coaching','first_followup_call','vas_telemarketing','vip_first_call','callback'])[k],
           (ARRAY['store','followup','telemarketing','account_manager','followup'])[k]::staff_role,
           CASE WHEN k = 1 THEN (ARRAY['JN001','JN002','QD001'])[1 + (s % 7) % 3] END,
           CASE WHEN k = 4 THEN (ARRAY['S-AM-JN-LI','S-AM-JN-WANG','S-AM-QD-ZHAO'])[1 + (s % 7) % 3] END,
           (CASE WHEN (s + k) % 3 = 0 THEN 'open' WHEN (s + k) % 3 = 1 THEN 'completed' ELSE 'expired' END)::task_status,
           now() - interval '50 days',
           now() + ((s * 7919 + k * 104729) % 129600 - 64800) * interval '1 minute',
           '{}'::jsonb, now()
    FROM generate_series(1, ${subscribers}) AS s, generate_series(1, 5) AS k
    LIMIT ${total}`);
  await prisma.$executeRawUnsafe('ANALYZE');
}

interface InboxFigures {
  size: number;
  inbox: string;
  p50ms: number;
  p95ms: number;
}

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  const { prisma } = database;
  try {
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const protection = createProtection(prisma, benchMasterKeys);
    const app = createApp({
      log: benchLog,
      prisma,
      protection,
      journeys: new JourneyService({
        client,
        prisma,
        secrets: protection.secrets,
        sealed: protection.sealed,
        namespace: 'default',
        taskQueue: 'bench',
      }),
      auth: new Auth(prisma),
      temporalUiUrl: 'http://127.0.0.1:8233',
      readinessChecks: {},
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokens = new Map<string, string>();
    for (const user of new Set(inboxes.map((inbox) => inbox.user))) {
      const response = await fetch(`${base}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: benchStaffPassword }),
      });
      tokens.set(user, ((await response.json()) as { token: string }).token);
    }

    const results: InboxFigures[] = [];
    for (const size of sizes) {
      const filled = Date.now();
      await fillTasks(prisma, size);
      process.stdout.write(
        `\n${size.toLocaleString('en')} tasks (filled in ${((Date.now() - filled) / 1000).toFixed(1)} s)\n`,
      );
      const all: number[] = [];
      for (const inbox of inboxes) {
        const get = async (query: string) => {
          const started = performance.now();
          const response = await fetch(`${base}/v1/tasks${query}`, {
            headers: { authorization: `Bearer ${tokens.get(inbox.user)}` },
          });
          const body = (await response.json()) as { tasks: unknown[]; nextCursor?: string };
          if (response.status !== 200) throw new Error(`${inbox.name}: ${response.status} ${JSON.stringify(body)}`);
          return { ms: performance.now() - started, body };
        };
        for (let i = 0; i < 10; i++) await get(inbox.query); // warm-up
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < requests; i++) {
          const { ms, body } = await get(inbox.query);
          times.push(ms);
          rows = body.tasks.length;
        }
        all.push(...times);
        const figures = {
          size,
          inbox: inbox.name,
          requests,
          rowsPerPage: rows,
          p50ms: round(percentile(times, 50)),
          p95ms: round(percentile(times, 95)),
        };
        results.push(figures);
        process.stdout.write(
          `  ${inbox.name.padEnd(30)} p50 ${figures.p50ms.toFixed(2)} ms  p95 ${figures.p95ms.toFixed(2)} ms  (${rows} rows/page)\n`,
        );
      }
      const overall = {
        size,
        inbox: 'all of the above',
        requests: all.length,
        p50ms: round(percentile(all, 50)),
        p95ms: round(percentile(all, 95)),
      };
      results.push(overall);
      process.stdout.write(
        `  ${'all'.padEnd(30)} p50 ${overall.p50ms.toFixed(2)} ms  p95 ${overall.p95ms.toFixed(2)} ms\n`,
      );
    }
    const file = await writeResult('task-inbox', results);
    process.stdout.write(`\nresult: ${file}\nchart: ${await writeChart(results)}\n`);
    server.close();
  } finally {
    await database.stop();
  }
}

/** p50 and p95 of each inbox side by side, a pair of bars per size. */
function writeChart(results: InboxFigures[]): Promise<string> {
  return writeBarChart(
    'task-inbox',
    'GET /v1/tasks latency per inbox',
    'ms',
    sizes.flatMap((size) =>
      (['p50ms', 'p95ms'] as const).map((key) => ({
        name: `${size.toLocaleString('en')} tasks, ${key.slice(0, 3)}`,
        bars: results.filter((r) => r.size === size).map((r) => ({ label: r.inbox, value: r[key] })),
      })),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
