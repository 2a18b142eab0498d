import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../platform/config';
import { temporalServerVersion, temporalUiVersion } from '../devtools/temporal-binaries';
import { dynamicConfigFile, serverConfigFile, setupSchemaScript } from '../devtools/temporal-cluster';
import { archivalUnder } from '../devtools/temporal-namespace';
import { CODEC_PATH, TEMPORAL_WEB_UI_PATH } from '../platform/web-ui-paths';
import { allSearchAttributeKeys } from '../workflows/search-attributes';

interface Service {
  image?: string;
  build?: unknown;
  command?: unknown;
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

// No Docker engine runs here: this checks what can be checked without one, that the production
// topology docs/production.md describes is the one the file declares, and that its Temporal services
// run what `npm run start:cluster` runs and tests natively (test/journey-cluster.test.ts).
describe('docker-compose.yml', () => {
  const root = resolve(__dirname, '..');
  const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const service = (name: string): Service => compose.services[name] ?? {};
  const production = readFileSync(resolve(root, 'docs/production.md'), 'utf8');

  /** The repository file mounted at `target` in `name`'s container, as an absolute path. */
  function mountedAt(name: string, target: string): string | undefined {
    // A source given as `${VARIABLE:-default}` is read at its default.
    const volumes = service(name).volumes?.map((entry) => entry.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'));
    const volume = volumes?.find((entry) => entry.split(':')[1] === target);
    return volume && resolve(root, volume.split(':')[0]!);
  }

  it('declares every service docs/production.md describes', () => {
    const described = [
      'postgres',
      'temporal-schema',
      'temporal-archive',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'db-seed',
      'worker',
      'api',
      'prometheus',
      'grafana',
    ];
    expect(Object.keys(compose.services).sort()).toEqual([...described].sort());
    for (const name of described) expect(production).toContain(`\`${name}\``);
  });

  it('runs the Temporal server, tools and Web UI of the versions the native cluster builds', () => {
    expect(service('temporal').image).toBe(`temporalio/server:${temporalServerVersion}`);
    expect(service('temporal-schema').image).toBe(`temporalio/admin-tools:${temporalServerVersion}`);
    expect(service('temporal-setup').image).toBe(`temporalio/admin-tools:${temporalServerVersion}`);
    expect(service('temporal-ui').image).toBe(`temporalio/ui:${temporalUiVersion}`);
  });

  it("gives the server the native cluster's configuration and dynamic config files", () => {
    const environment = service('temporal').environment ?? {};
    expect(mountedAt('temporal', environment.TEMPORAL_SERVER_CONFIG_FILE_PATH!)).toBe(serverConfigFile);
    expect(mountedAt('temporal', environment.DYNAMIC_CONFIG_FILE_PATH!)).toBe(dynamicConfigFile);
  });

  it('has the history shard count of the native cluster, written in the shared configuration', () => {
    // Literal, not templated: nothing in either topology's environment can change it.
    const configuration = readFileSync(serverConfigFile, 'utf8');
    expect(configuration).toMatch(/^\s*numHistoryShards: 16$/m);
    expect(service('temporal').environment).not.toHaveProperty('NUM_HISTORY_SHARDS');
  });

  it('archives histories on a volume of their own, the namespace pointing there as the native cluster does', () => {
    const archiveDir = service('temporal').environment?.TEMPORAL_ARCHIVE_DIR;
    expect(archiveDir).toMatch(/^\//);
    const volume = `temporal-archive:${archiveDir}`;
    expect(compose.volumes).toHaveProperty('temporal-archive');
    expect(service('temporal').volumes).toContain(volume);
    // Handed to the server's user first: a new volume's folder belongs to root.
    expect(service('temporal-archive')).toMatchObject({ image: service('temporal').image, user: 'root' });
    expect(service('temporal-archive').volumes).toEqual([volume]);
    expect(JSON.stringify(service('temporal-archive').command)).toContain(`chown temporal:temporal ${archiveDir}`);
    expect(service('temporal').depends_on?.['temporal-archive']?.condition).toBe('service_completed_successfully');
    // The URIs server.yaml makes of TEMPORAL_ARCHIVE_DIR, which ensureNamespace registers natively.
    const setup = JSON.stringify(service('temporal-setup').command);
    const { historyUri, visibilityUri } = archivalUnder(archiveDir!);
    expect(setup).toContain(`--history-archival-state enabled --history-uri ${historyUri}`);
    expect(setup).toContain(`--visibility-archival-state enabled --visibility-uri ${visibilityUri}`);
    expect(setup).toMatch(/namespace create --namespace default --retention 30d \$\$archival/);
    expect(setup).toMatch(
      /grep -q historyArchivalUri \|\| temporal operator namespace update --namespace default \$\$archival/,
    );
    const configuration = readFileSync(serverConfigFile, 'utf8');
    expect(configuration).toContain('{{ print "file://" $archiveDir "/history" | quote }}');
    expect(configuration).toContain('{{ print "file://" $archiveDir "/visibility" | quote }}');
  });

  it('sets the schema up with the script the native cluster runs, before the server starts', () => {
    const script = service('temporal-schema').entrypoint?.at(-1);
    expect(mountedAt('temporal-schema', script!)).toBe(setupSchemaScript);
    expect(service('temporal').depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
  });

  it("docs/production.md claims nothing the repository contradicts: published ports, fixed passwords, the server's metrics", () => {
    const published = Object.values(compose.services)
      .flatMap((entry) => entry.ports ?? [])
      .map((mapping) => mapping.split(':').at(-2));
    for (const [, port] of production.matchAll(/compose publishes (\d+)/g)) expect(published).toContain(port);
    expect(production).not.toMatch(/password demo\w+/);
    expect(readFileSync(serverConfigFile, 'utf8')).toContain('prometheus');
    expect(production).not.toMatch(/no metrics/i);
  });

  it('builds on a maintained Node.js LTS, the one docs/production.md says was tested', () => {
    const bases = [...readFileSync(resolve(root, 'Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)-(\S+)/gm)];
    expect(bases).toHaveLength(2);
    const majors = new Set(bases.map(([, major]) => Number(major)));
    expect(majors.size).toBe(1);
    const [major] = [...majors];
    // Even majors are the LTS lines; 20 reached its end of life in April 2026, 22 ends in April 2027.
    expect(major! % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(24);
    expect(production).toMatch(new RegExp(`Node\\.js ${major}\\.\\d+\\.\\d+`));
  });

  it('builds the API and worker from this repository', () => {
    expect(service('api').build).toBe('.');
    expect(service('worker').build).toBe('.');
    expect(service('worker').command).toEqual(['node', 'dist/workers/main.js']);
  });

  it('points the API and worker at the compose PostgreSQL and Temporal', () => {
    for (const name of ['api', 'worker']) {
      expect(service(name).environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(service(name).environment?.DATABASE_URL).toMatch(/@postgres:5432\/journey\?/);
    }
  });

  it('publishes the API and Grafana only, on loopback by default; Temporal, its UI, Prometheus and PostgreSQL stay inside', () => {
    const published = Object.entries(compose.services).filter(([, entry]) => entry.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['api', 'grafana']);
    expect(service('api').ports).toEqual(['${API_BIND:-127.0.0.1}:3000:3000']);
    expect(service('grafana').ports).toEqual(['${GRAFANA_BIND:-127.0.0.1}:3030:3000']);
    expect(service('grafana').environment).toMatchObject({
      GF_SECURITY_ADMIN_PASSWORD: '${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}',
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
    });
    expect(service('api').environment?.TEMPORAL_UI_URL).toBe('http://temporal-ui:8080');
    expect(service('temporal-ui').environment).toMatchObject({
      TEMPORAL_UI_PUBLIC_PATH: TEMPORAL_WEB_UI_PATH,
      TEMPORAL_CODEC_ENDPOINT: CODEC_PATH,
    });
  });

  it('starts nothing without its secrets: no default database password, no demo staff, no session secret', () => {
    const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/JOURNEY_DB_PASSWORD:-/);
    for (const variable of [
      'POSTGRES_SUPERUSER_PASSWORD',
      'JOURNEY_DB_PASSWORD',
      'TEMPORAL_DB_PASSWORD',
      'ACTIVATION_API_TOKEN',
      'JOURNEY_MASTER_KEYS',
      'PUBLIC_URL',
      'GRAFANA_ADMIN_PASSWORD',
    ]) {
      expect(text).toContain(`\${${variable}:?`);
    }
    expect(JSON.stringify(compose)).not.toMatch(/SEED_DEMO_STAFF|SESSION_SECRET|demo1234/);
  });

  it('has Prometheus scrape the worker, the API and the Temporal server where they serve their metrics', () => {
    const prometheus = parse(readFileSync(mountedAt('prometheus', '/etc/prometheus/prometheus.yml')!, 'utf8')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]),
    );
    const defaults = loadConfig({});
    expect(targets).toEqual({
      worker: [`worker:${defaults.WORKER_METRICS_PORT}`],
      api: [`api:${defaults.API_METRICS_PORT}`],
      temporal: [`temporal:${service('temporal').environment?.PROMETHEUS_ENDPOINT?.split(':')[1]}`],
    });
    for (const name of ['worker', 'api']) expect(service(name).environment?.HOST).toBe('0.0.0.0');
    expect(readFileSync(serverConfigFile, 'utf8')).toContain('(env "PROMETHEUS_ENDPOINT")');
    expect(mountedAt('prometheus', '/etc/prometheus/alerts.yml')).toBe(resolve(root, 'deploy/prometheus/alerts.yml'));
  });

  it("provisions Grafana with the repository's dashboard, whose panels query the series the tests find", () => {
    expect(mountedAt('grafana', '/etc/grafana/provisioning')).toBe(resolve(root, 'deploy/grafana/provisioning'));
    const dashboardDir = mountedAt('grafana', '/var/lib/grafana/dashboards')!;
    const dashboard = JSON.parse(readFileSync(resolve(dashboardDir, 'onboarding-journey.json'), 'utf8')) as {
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    const queries = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    // Prefixes of the series test/smoke.test.ts (worker, API) and test/journey-cluster.test.ts (server) scrape.
    const known = /\b(journey_|http_request|temporal_|service_|persistence_|process_)/;
    expect(queries.length).toBeGreaterThan(10);
    for (const query of queries) expect(query).toMatch(known);
    for (const prefix of ['journey_tasks_overdue', 'http_requests_total', 'temporal_', 'service_requests']) {
      expect(queries.some((query) => query.includes(prefix))).toBe(true);
    }
  });

  it('keeps the Web UI read-only in both topologies: compose as the native cluster', () => {
    expect(service('temporal-ui').environment?.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    const native = parse(
      readFileSync(resolve(root, 'deploy/temporal/ui/cluster.yaml'), 'utf8').replace(/{{[^}]*}}/g, 'x'),
    );
    expect(native.disableWriteActions).toBe(true);
  });

  it('gives the app and Temporal database roles of their own, over TLS checked by name, and trusts one proxy', () => {
    const app = service('api').environment!;
    const url = new URL(app.DATABASE_URL!.replace(/\$\{[^}]*\}/g, 'secret'));
    expect([url.username, url.searchParams.get('sslmode'), url.searchParams.get('sslrootcert')]).toEqual([
      'journey',
      'verify-full',
      '/etc/journey/postgres-ca.crt',
    ]);
    for (const name of ['api', 'worker', 'db-seed']) {
      expect(mountedAt(name, '/etc/journey/postgres-ca.crt')).toBeDefined();
    }
    expect(service('temporal').environment).toMatchObject({ POSTGRES_USER: 'temporal', SQL_TLS_ENABLED: 'true' });
    expect(service('temporal-schema').environment).toMatchObject({ SQL_USER: 'temporal', SQL_TLS: 'true' });
    expect(service('postgres').environment?.POSTGRES_USER).toBe('postgres');
    const roles = readFileSync(mountedAt('postgres', '/docker-entrypoint-initdb.d/init-roles.sh')!, 'utf8');
    expect(roles).toMatch(/CREATE ROLE journey LOGIN NOSUPERUSER NOCREATEDB/);
    expect(roles).toMatch(/CREATE ROLE temporal LOGIN NOSUPERUSER CREATEDB/);
    expect(roles).toMatch(/^hostssl all\s+all\s+0\.0\.0\.0\/0/m);
    expect(roles).not.toMatch(/^host\s/m);
    expect(JSON.stringify(service('postgres').command)).toContain('ssl=on');
    expect(readFileSync(serverConfigFile, 'utf8')).toContain('(env "SQL_TLS_ENABLED")');
    // The gateway of the compose network alone: no container's X-Forwarded-For is believed.
    const network = (compose as { networks?: { default?: { ipam?: { config?: { gateway?: string }[] } } } }).networks;
    const gateway = network?.default?.ipam?.config?.[0]?.gateway;
    expect(app.TRUST_PROXY).toBe(`\${TRUST_PROXY:-${gateway}}`);
    expect(loadConfig({ TRUST_PROXY: gateway }).TRUST_PROXY).toEqual([gateway]);
  });

  it('registers every search attribute the workflow uses', () => {
    const setup = JSON.stringify(service('temporal-setup').command);
    for (const key of allSearchAttributeKeys) expect(setup).toContain(key.name);
  });
});
