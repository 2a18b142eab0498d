import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { freePort, startProjectProcess, type ProjectProcess } from './support/processes';

const run = promisify(execFile);

interface Manifest {
  recordedAt: string;
  demoPassword: string;
  journeys: { subscriberId: string; status: string; moment: string; moments: number }[];
}

// An existing deployment upgrades in place. The fixture is a data folder `npm start` left behind under
// the previous release (scripts/record-release-fixture.ts): journeys finished with staff updates,
// reassignments and events, and journeys still running whose next milestone fell due minutes after
// it was recorded. `npm start` of today's code on a copy of it must migrate the database and carry
// every journey on, its worker caching nothing so that every workflow task replays the whole
// history recorded by the old code: a change that breaks old histories fails a workflow task here.
// What each release's folder holds beyond that: 0.1.0 recorded its histories in plain text under a
// known demo password; 0.2.0 holds a journey its own code froze (a downgrade before the payment
// reminder failed every workflow task), which today's code must carry on.
const releases = [
  { release: 'release-0.1.0', plainHistories: true, knownDemoPassword: true, frozen: 0 },
  { release: 'release-0.2.0', plainHistories: false, knownDemoPassword: false, frozen: 1 },
];
describe.each(releases)(
  'npm start on the data folder of $release',
  ({ release, plainHistories, knownDemoPassword, frozen }) => {
    const fixture = join(__dirname, 'fixtures', release);
    let root: string;
    let system: ProjectProcess;
    let manifest: Manifest;
    let api: string;
    let activationToken: string;
    let temporalAddress: string;
    let postgresPort: number;
    let startedAt: number;

    beforeAll(async () => {
      manifest = JSON.parse(await readFile(join(fixture, 'manifest.json'), 'utf8')) as Manifest;
      root = await mkdtemp(join(tmpdir(), 'journey-upgrade-'));
      // The embedded PostgreSQL runs as its own user (as root) and must reach the data folder.
      await chmod(root, 0o755);
      await run('tar', ['-xJf', join(fixture, 'data.tar.xz'), '-C', root]);
      const [postgres, temporalPort, ui, apiPort, health] = await Promise.all(
        Array.from({ length: 5 }, () => freePort()),
      );
      temporalAddress = `127.0.0.1:${temporalPort}`;
      startedAt = Date.now();
      postgresPort = postgres!;
      api = `http://127.0.0.1:${apiPort}`;
      // A release that encrypted its histories left its master keys in the data folder: they stay the keys.
      const keys = await readFile(join(root, 'data', 'secrets', 'master-keys'), 'utf8').catch(() => undefined);
      system = startProjectProcess('scripts/start.ts', {
        ...(keys ? { JOURNEY_MASTER_KEYS: keys.trim() } : {}),
        DATA_DIR: join(root, 'data'),
        EMBEDDED_POSTGRES_PORT: String(postgres),
        TEMPORAL_DEV_SERVER_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(ui),
        API_PORT: String(apiPort),
        WORKER_HEALTH_PORT: String(health),
        WORKER_MAX_CACHED_WORKFLOWS: '0',
      });
      const deadline = Date.now() + 120_000;
      while (!system.stdout().includes('is running')) {
        if (system.child.exitCode !== null) throw new Error(`npm start exited:\n${system.stdout()}${system.stderr()}`);
        if (Date.now() > deadline) throw new Error(`npm start not ready:\n${system.stdout()}${system.stderr()}`);
        await new Promise((done) => setTimeout(done, 250));
      }
      activationToken = (await readFile(join(root, 'data', 'secrets', 'activation-token'), 'utf8')).trim();
    }, 180_000);

    afterAll(async () => {
      if (system && system.child.exitCode === null) {
        system.child.kill('SIGINT');
        await system.exited;
      }
      if (root) await rm(root, { recursive: true, force: true });
    });

    async function journey(subscriberId: string) {
      const response = await fetch(`${api}/v1/subscribers/${subscriberId}`, {
        headers: { authorization: `Bearer ${activationToken}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        status: string;
        moment: string;
        timeline: { kind: string }[];
        tasks: { id: string; type: string; status: string; assigneeId?: string }[];
      };
    }

    const moments = (state: { timeline: { kind: string }[] }) =>
      state.timeline.filter((entry) => entry.kind === 'moment').length;

    it('keeps the data folder owner-only, the files the old release left included', async () => {
      const modes: Record<string, number> = {};
      for (const path of [
        'temporal',
        'temporal/temporal.db',
        'secrets',
        'secrets/activation-token',
        'secrets/master-keys',
      ]) {
        const found = await stat(join(root, 'data', path)).catch(() => undefined);
        if (found) modes[path] = found.mode & 0o777;
      }
      expect(modes).toEqual({
        temporal: 0o700,
        'temporal/temporal.db': 0o600,
        secrets: 0o700,
        'secrets/activation-token': 0o600,
        ...(modes['secrets/master-keys'] === undefined ? {} : { 'secrets/master-keys': 0o600 }),
      });
      expect((await stat(join(root, 'data'))).mode & 0o077).toBe(process.getuid?.() === 0 ? 0o011 : 0);
    });

    /** The application's database, as its own role (the password npm start wrote to data/secrets). */
    async function appDatabase(): Promise<PgClient> {
      const db = new PgClient({
        host: '127.0.0.1',
        port: postgresPort,
        user: 'journey',
        password: (await readFile(join(root, 'data', 'secrets', 'postgres-journey-password'), 'utf8')).trim(),
        database: 'journey',
      });
      await db.connect();
      return db;
    }

    it('applies every migration of this release to the old database', async () => {
      // The old release's superuser password no longer opens it: the application's role, from data/secrets.
      const db = await appDatabase();
      try {
        const applied = await db.query<{ migration_name: string }>(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
        );
        const folders = (await readdir(join(__dirname, '..', 'prisma', 'migrations'))).filter((name) =>
          /^\d/.test(name),
        );
        expect(applied.rows.map((row) => row.migration_name).sort()).toEqual(folders.sort());
        // The SMS bodies the old release stored in plain text are encrypted by the worker's start.
        const plain = await db.query('SELECT count(*)::int AS n FROM sms_message WHERE legacy_body IS NOT NULL');
        const sealed = await db.query('SELECT count(*)::int AS n FROM sms_message WHERE body IS NOT NULL');
        expect({ plain: plain.rows[0].n, sealed: sealed.rows[0].n > 10 }).toEqual({ plain: 0, sealed: true });
      } finally {
        await db.end();
      }
    });

    it('every finished journey still answers with the state it ended in', async () => {
      const finished = manifest.journeys.filter((entry) => entry.status !== 'running' && entry.status !== 'frozen');
      expect(finished.length).toBeGreaterThanOrEqual(3);
      for (const entry of finished) {
        const state = await journey(entry.subscriberId);
        expect({ id: entry.subscriberId, status: state.status, moments: moments(state) }).toEqual({
          id: entry.subscriberId,
          status: entry.status,
          moments: entry.moments,
        });
      }
    });

    it('every running journey moves on past the milestone that fell due, and takes a task completion', async () => {
      const running = manifest.journeys.filter((entry) => entry.status === 'running');
      expect(running.length).toBeGreaterThanOrEqual(3);
      for (const entry of running) {
        const deadline = Date.now() + 60_000;
        let state = await journey(entry.subscriberId);
        while (moments(state) <= entry.moments && Date.now() < deadline) {
          await new Promise((done) => setTimeout(done, 500));
          state = await journey(entry.subscriberId);
        }
        expect({ id: entry.subscriberId, movedOn: moments(state) > entry.moments }).toEqual({
          id: entry.subscriberId,
          movedOn: true,
        });
      }

      // The day-4 follow-up call opened under today's code; staff complete it through an update.
      const standard = await journey('REL-RUNNING-STANDARD');
      const call = standard.tasks.find((task) => task.type === 'first_followup_call' && task.status === 'open');
      // Past day 90 of the recording every journey has ended by itself; then there is nothing to complete.
      if (standard.status === 'running' && call) {
        const signIn = (password: string) =>
          fetch(`${api}/v1/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'followup.zhang', password }),
          });
        // The old release's known demo password is replaced by the data folder's random one.
        if (knownDemoPassword) expect((await signIn(manifest.demoPassword)).status).toBe(401);
        const demoPassword = (await readFile(join(root, 'data', 'secrets', 'demo-staff-password'), 'utf8')).trim();
        const signedIn = await signIn(demoPassword);
        expect(signedIn.status).toBe(200);
        const { token } = (await signedIn.json()) as { token: string };
        const completion = await fetch(`${api}/v1/tasks/${encodeURIComponent(call.id)}/complete`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ outcome: { result: 'reached', issues: [] } }),
        });
        expect(completion.status).toBe(200);
      }
    }, 120_000);

    it('histories go on encrypted: old payloads stay readable (plain text before encryption), new ones are ciphertext', async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const client = new Client({ connection });
        const events = (await client.workflow.getHandle('journey-REL-RUNNING-STANDARD').fetchHistory()).events ?? [];
        const encodings = (type: temporal.api.enums.v1.EventType) =>
          events
            .filter((event) => event.eventType === type)
            .map((event) => {
              const payload = event.activityTaskScheduledEventAttributes?.input?.payloads?.[0];
              return Buffer.from(payload!.metadata!.encoding!).toString();
            });
        const scheduled = encodings(temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        expect(scheduled[0]).toBe(plainHistories ? 'json/plain' : 'binary/encrypted');
        expect(scheduled.at(-1)).toBe('binary/encrypted');
      } finally {
        await connection.close();
      }
    });

    it('a journey the old release froze goes on to its end: no payment reminder call for the customer no longer gold', async () => {
      const frozenJourneys = manifest.journeys.filter((entry) => entry.status === 'frozen');
      expect(frozenJourneys).toHaveLength(frozen);
      for (const entry of frozenJourneys) {
        // Its 2-second days are long past: once its workflow task succeeds it runs to day 90 at once.
        const deadline = Date.now() + 90_000;
        let state = await journey(entry.subscriberId).catch(() => undefined);
        while (state?.status !== 'completed' && Date.now() < deadline) {
          await new Promise((done) => setTimeout(done, 1_000));
          state = await journey(entry.subscriberId).catch(() => undefined);
        }
        expect({ id: entry.subscriberId, status: state?.status }).toEqual({
          id: entry.subscriberId,
          status: 'completed',
        });
        const kinds = state?.timeline.map((item) => item.kind) ?? [];
        expect(kinds).toContain('payment_coaching_skipped');
        expect(state?.tasks.some((task) => task.type === 'payment_reminder_call')).toBe(false);
      }
    }, 120_000);

    it('every journey gets its record from its workflow once, and a finished one is then read from it', async () => {
      const db = await appDatabase();
      try {
        // The API's pass at its start reads each journey without a record once (docs/architecture.md#the-journey-record).
        const deadline = Date.now() + 90_000;
        let missing: string[];
        for (;;) {
          const rows = await db.query<{ subscriber_id: string }>(
            'SELECT subscriber_id FROM journey WHERE record IS NULL ORDER BY subscriber_id',
          );
          missing = rows.rows.map((row) => row.subscriber_id);
          if (missing.length === 0 || Date.now() > deadline) break;
          await new Promise((done) => setTimeout(done, 1_000));
        }
        expect(missing).toEqual([]);
      } finally {
        await db.end();
      }
      const finished = manifest.journeys.filter((entry) => entry.status !== 'running' && entry.status !== 'frozen');
      for (const entry of finished) {
        const response = await fetch(`${api}/v1/subscribers/${entry.subscriberId}`, {
          headers: { authorization: `Bearer ${activationToken}` },
        });
        const state = (await response.json()) as { status: string; readFrom: { from: string } };
        expect({ id: entry.subscriberId, status: state.status, from: state.readFrom.from }).toEqual({
          id: entry.subscriberId,
          status: entry.status,
          from: 'record',
        });
      }
    }, 120_000);

    it('no workflow task failed while today’s worker replayed the old histories', async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const client = new Client({ connection });
        const failed: string[] = [];
        let count = 0;
        for await (const execution of client.workflow.list()) {
          count += 1;
          const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
          // Failures the old release recorded (its frozen journey's) are history; today's code adds none.
          const failures = (history.events ?? []).filter(
            (event) =>
              event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED &&
              Number(event.eventTime?.seconds ?? 0) * 1_000 >= startedAt,
          );
          if (failures.length > 0)
            failed.push(
              `${execution.workflowId}: ${failures.length} failed workflow tasks: ${JSON.stringify(failures.map((f) => f.workflowTaskFailedEventAttributes?.failure?.message))}`,
            );
        }
        expect(count).toBeGreaterThanOrEqual(manifest.journeys.length);
        expect(failed).toEqual([]);
      } finally {
        await connection.close();
      }
    });
  },
);
