import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { maxMembershipPort, standardClusterPorts } from '../devtools/temporal-cluster';
import { activationProfile } from './support/journey-harness';
import { freePort } from './support/processes';

// `npm run start:cluster` as an operator runs it: a cold start in an empty data folder, an activation
// through the API, Ctrl-C, a warm start that finds the journey in PostgreSQL, Ctrl-C again.
describe('npm run start:cluster', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let apiUrl: string;
  let ports: number[];

  async function listening(port: number): Promise<boolean> {
    return new Promise((done) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => {
          socket.destroy();
          done(true);
        })
        .once('error', () => done(false));
    });
  }

  /** A frontend port whose standard neighbours (membership ports included) are all free. */
  async function freeFrontendPort(): Promise<number> {
    for (;;) {
      const frontend = 10_300 + Math.floor(Math.random() * (maxMembershipPort - 10_300));
      const busy = await Promise.all(Object.values(standardClusterPorts(frontend)).map(listening));
      if (!busy.includes(true)) return frontend;
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'journey-start-cluster-'));
    const frontend = await freeFrontendPort();
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      TEMPORAL_FRONTEND_PORT: String(frontend),
      TEMPORAL_UI_PORT: String(await freePort()),
      API_PORT: String(await freePort()),
      WORKER_HEALTH_PORT: String(await freePort()),
      WORKER_METRICS_PORT: String(await freePort()),
      API_METRICS_PORT: String(await freePort()),
    };
    apiUrl = `http://127.0.0.1:${env.API_PORT}`;
    ports = [
      frontend,
      Number(env.EMBEDDED_POSTGRES_PORT),
      Number(env.TEMPORAL_UI_PORT),
      Number(env.API_PORT),
      Number(env.WORKER_METRICS_PORT),
      Number(env.API_METRICS_PORT),
    ];
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts the script in a process group of its own, as a terminal would, and waits for its banner. */
  async function start(): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../scripts/start-cluster.ts')], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    while (!output.includes('Ctrl-C stops everything')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`start:cluster did not start:\n${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
    return { child, output: () => output };
  }

  /** Ctrl-C: SIGINT to the script's whole process group; it must stop everything and exit 0. */
  async function interrupt(child: ChildProcess): Promise<void> {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    for (const port of ports) expect(await listening(port)).toBe(false);
  }

  it('starts cold, keeps a journey across a Ctrl-C and a warm start, and stops everything each time', async () => {
    const cold = await start();
    expect(cold.output()).toMatch(/cluster: server 1\.32\.2, 16 history shards, postgres12/);
    expect(cold.output()).toContain(`histories archived in ${join(dataDir, 'temporal', 'archive')}`);
    const token = (await readFile(join(dataDir, 'secrets', 'activation-token'), 'utf8')).trim();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const subscriber = activationProfile({
      subscriberId: 'CLUSTER-0001',
      msisdn: '13700000001',
      activatedAt: new Date().toISOString(),
    });
    const created = await fetch(`${apiUrl}/v1/subscribers`, {
      method: 'POST',
      headers,
      body: JSON.stringify(subscriber),
    });
    expect(created.status).toBe(201);
    await interrupt(cold.child);

    const warm = await start();
    const journey = await fetch(`${apiUrl}/v1/subscribers/CLUSTER-0001`, { headers });
    expect(journey.status).toBe(200);
    expect(await journey.json()).toMatchObject({ journeyId: 'journey-CLUSTER-0001', status: 'running' });
    // The schema tool found both databases up to date rather than failing on existing tables.
    const schemaLog = await readFile(join(dataDir, 'temporal', 'setup-schema.log'), 'utf8');
    expect(schemaLog.match(/setup-schema: temporal is up to date/g)).toHaveLength(2);
    await interrupt(warm.child);
  }, 240_000);
});
