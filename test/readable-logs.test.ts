import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './support/processes';

// A person at a terminal reads lines; files, pipes and production keep JSON. A terminal here is a
// pseudo-terminal from util-linux `script`, which copies what the command shows to our pipe.
const projectRoot = resolve(__dirname, '..');
// eslint-disable-next-line no-control-regex
const colours = /\u001b\[[0-9;]*m/g;
const readableLine = (service: string, message: string) =>
  new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] INFO: ${service}: ${message}`, 'm');

interface Run {
  output: () => string;
  /** Types on the terminal (e.g. Ctrl-C). */
  type(text: string): void;
  running(): boolean;
  exited: Promise<number | null>;
}

/** Runs `node --import tsx <args>` in the project, on a terminal or with stdout into a pipe. */
function runNode(args: string[], env: Record<string, string>, where: 'terminal' | 'pipe'): Run {
  const node = [process.execPath, '--import', 'tsx', ...args];
  const quoted = node.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ');
  const [command, commandArgs] =
    // `exec`: the command alone in the terminal's foreground, as a shell prompt leaves it; a shell
    // waiting beside it would take the Ctrl-C too.
    where === 'terminal' ? ['script', ['-qfec', `exec ${quoted}`, '/dev/null']] : [node[0]!, node.slice(1)];
  const child = spawn(command, commandArgs, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    output: () => output.replace(colours, '').replaceAll('\r\n', '\n'),
    type: (text) => child.stdin.write(text),
    running: () => child.exitCode === null,
    exited,
  };
}

async function waitFor(run: Run, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (!run.running() || Date.now() > deadline) throw new Error(`no "${text}":\n${run.output()}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('log lines for people and for machines', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'journey-readable-logs-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const logOneLine = ['-e', `require('./platform/logger').createLogger('api').info({ port: 3000 }, 'api ready')`];

  it('a process started on its own (the worker, the API) writes JSON even on a terminal', async () => {
    const run = runNode(logOneLine, {}, 'terminal');
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output())).toMatchObject({ level: 'info', service: 'api', port: 3000, msg: 'api ready' });
  });

  it('LOG_FORMAT=pretty gives readable lines: time, level, service, message, key fields', async () => {
    const run = runNode(logOneLine, { LOG_FORMAT: 'pretty' }, 'pipe');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: api: api ready \{"port":3000\}\n$/);
  });

  it('npm run tools shows readable lines on a terminal and JSON into a pipe', async () => {
    const terminal = runNode(['scripts/prepare-temporal.ts'], {}, 'terminal');
    const pipe = runNode(['scripts/prepare-temporal.ts'], {}, 'pipe');
    expect([await terminal.exited, await pipe.exited]).toEqual([0, 0]);
    expect(terminal.output()).toMatch(readableLine('tools', 'Temporal servers ready \\{"toolsDir":'));
    expect(JSON.parse(pipe.output())).toMatchObject({ service: 'tools', msg: 'Temporal servers ready' });
  });

  it('LOG_FORMAT=json keeps JSON lines on a terminal too', async () => {
    const run = runNode(['scripts/prepare-temporal.ts'], { LOG_FORMAT: 'json' }, 'terminal');
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output())).toMatchObject({ service: 'tools', msg: 'Temporal servers ready' });
  });

  it('says before the first build of the Temporal CLI how long it takes, and finds it cached afterwards', async () => {
    // A stand-in for `go` that "builds" at once: the build itself is the real one everywhere else.
    const bin = join(root, 'bin');
    const tools = join(root, 'tools');
    await mkdir(bin);
    await writeFile(
      join(bin, 'go'),
      `#!/bin/sh\nPATH=/usr/bin:/bin\necho "go: downloading github.com/temporalio/cli v1.5.1" >&2\n` +
        `mkdir -p "$GOBIN" && printf '#!/bin/sh\\n' > "$GOBIN/temporal" && chmod +x "$GOBIN/temporal"\n`,
    );
    await chmod(join(bin, 'go'), 0o755);
    const resolveCli = [
      '-e',
      `require('./devtools/temporal-binaries').resolveDevServer(require('./platform/logger').createLogger('tools'))`,
    ];
    const env = { PATH: bin, JOURNEY_TOOLS_DIR: tools };

    const first = runNode(resolveCli, env, 'pipe');
    expect(await first.exited).toBe(0);
    const lines = first
      .output()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(lines).toEqual([
      `first build of the Temporal CLI: temporal v1.5.1: about 3–4 minutes, once; cached in ${tools}/temporal-cli-v1.5.1 afterwards`,
      'go: downloading github.com/temporalio/cli v1.5.1',
      'built the Temporal CLI: temporal v1.5.1',
    ]);

    const second = runNode(resolveCli, env, 'pipe');
    expect(await second.exited).toBe(0);
    expect(second.output()).toBe('');
  });

  it('npm start on a terminal: readable lines from itself, the worker and the API, until Ctrl-C', async () => {
    // The embedded PostgreSQL runs as its own user (as root) and must reach the data folder.
    await chmod(root, 0o755);
    const [postgres, temporal, ui, api, health, workerMetrics, apiMetrics] = await Promise.all(
      Array.from({ length: 7 }, () => freePort()),
    );
    const run = runNode(
      ['scripts/start.ts'],
      {
        DATA_DIR: join(root, 'data'),
        EMBEDDED_POSTGRES_PORT: String(postgres),
        TEMPORAL_DEV_SERVER_PORT: String(temporal),
        TEMPORAL_UI_PORT: String(ui),
        API_PORT: String(api),
        WORKER_HEALTH_PORT: String(health),
        WORKER_METRICS_PORT: String(workerMetrics),
        API_METRICS_PORT: String(apiMetrics),
      },
      'terminal',
    );
    await waitFor(run, 'Ctrl-C stops everything', 150_000);
    run.type('\u0003');
    expect(await run.exited).toBe(0);

    const output = run.output();
    expect(output).toMatch(readableLine('start', `embedded PostgreSQL ready \\{"port":${postgres},`));
    expect(output).toMatch(readableLine('worker', 'worker ready \\{"taskQueue":"onboarding-journey"'));
    expect(output).toMatch(
      readableLine(
        'api',
        `api ready \\{"url":"http://127.0.0.1:${api}","metrics":"http://127.0.0.1:${apiMetrics}/metrics"\\}`,
      ),
    );
    expect(output).toMatch(readableLine('start', 'stopped$'));
    expect(output).not.toMatch(/^\{"level"/m);
  }, 240_000);
});
