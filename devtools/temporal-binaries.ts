// Longer than ~250 lines on purpose: the ways to obtain each Temporal program (path, cache, build from
// the module proxy) are spelled out in the order they are tried, with the progress messages a first
// run shows.
import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, cp, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { ConfigError } from '../platform/config';
import type { Logger } from '../platform/logger';

/**
 * Finds the Temporal dev server and the time-skipping test server without downloading anything from
 * outside the package registries: an explicit path, PATH, the project's cache, or a build from the
 * Go module proxy / Maven Central; the SDK's own download only as the last resort (online machines).
 * The cluster's programs (server, SQL tool, Web UI) are built from the Go module proxy and cached.
 */

/** Newest CLI tag whose go.mod has no `replace` directive, which `go install pkg@version` refuses. */
const cliVersion = 'v1.5.1';
const testServerVersion = '1.38.0';

/**
 * The cache of built tools: `JOURNEY_TOOLS_DIR`, by default `~/.cache/onboarding-journey`. Outside
 * the repository on purpose: CI runs in a fresh clone of the same machine and finds it there.
 */
export function toolsDir(): string {
  return process.env.JOURNEY_TOOLS_DIR || join(homedir(), '.cache', 'onboarding-journey');
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function onPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, command)))) return join(dir, command);
  }
  return undefined;
}

async function explicitPath(variable: string): Promise<string | undefined> {
  const path = process.env[variable];
  if (!path) return undefined;
  if (!(await isExecutable(path))) throw new ConfigError(variable, `names ${path}, which is not an executable file`);
  return path;
}

// eslint-disable-next-line no-control-regex
const ansiColour = /\u001b\[[0-9;]*m/g;

/**
 * Runs a build command, saying first how long it takes (`expected`, as measured on 2 cores) and
 * where it is cached, then streaming its output to the log with a heartbeat so a slow build shows progress.
 */
async function runBuild(
  log: Logger,
  what: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; expected: string; cachedIn: string },
) {
  const started = Date.now();
  log.info(
    { command: [command, ...args].join(' ') },
    `first build of ${what}: ${options.expected}, once; cached in ${options.cachedIn} afterwards`,
  );
  const heartbeat = setInterval(
    () => log.info({ elapsedSeconds: Math.round((Date.now() - started) / 1000) }, `still building ${what}`),
    20_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
      const relay = (chunk: Buffer) => {
        // Build tools colour their output; the log wants plain lines.
        const lines = chunk.toString().replace(ansiColour, '').split('\n');
        for (const line of lines) if (line.trim()) log.info({ build: what }, line.trim());
      };
      child.stdout.on('data', relay);
      child.stderr.on('data', relay);
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${command} exited with code ${code} while building ${what}`)),
      );
    });
  } finally {
    clearInterval(heartbeat);
  }
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, `built ${what}`);
}

/**
 * Serialises builds of one tool across processes (jest workers, `npm start` and CI at once): the
 * first takes the lock and builds, the others wait and then find the cached result.
 */
async function withBuildLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      const alive =
        holder > 0 &&
        (() => {
          try {
            process.kill(holder, 0);
            return true;
          } catch {
            return false;
          }
        })();
      if (!alive) await rm(lockPath, { force: true });
      else await new Promise((done) => setTimeout(done, 1000));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** One `go install` of a Go package at a version, and where its binary goes in the cache. */
interface GoPackage {
  path: string;
  version: string;
  /** The name the binary gets in the cache folder (`go install` names it after the package's folder). */
  binary: string;
  /** How long its first build takes on 2 cores, for people waiting (docs/production.md). */
  expected: string;
}

/**
 * Builds `packages` with `go install` into the cache folder `dir` once, under the build lock; later
 * calls find them. `toolchain` pins GOTOOLCHAIN (the Go module proxy serves it like a module) for
 * modules newer than the machine's Go. `finish` runs after the builds, before the folder counts as
 * complete (a marker file), so an interrupted build starts again rather than leaving half a tool set.
 */
async function goInstallCached(
  log: Logger,
  what: string,
  dir: string,
  packages: GoPackage[],
  options: { go: string; toolchain?: string; finish?: (env: NodeJS.ProcessEnv) => Promise<void> },
): Promise<void> {
  const complete = join(dir, '.complete');
  if (await exists(complete)) return;
  await mkdir(dir, { recursive: true });
  await withBuildLock(join(dir, '.lock'), async () => {
    if (await exists(complete)) return;
    const env = { ...process.env, ...(options.toolchain ? { GOTOOLCHAIN: options.toolchain } : {}) };
    for (const { path, version, binary, expected } of packages) {
      // One GOBIN per package: two packages named cmd/server would overwrite each other's `server`.
      const gobin = join(dir, `.build-${process.pid}`);
      await runBuild(log, `${what}: ${binary} ${version}`, options.go, ['install', `${path}@${version}`], {
        env: { ...env, GOBIN: gobin },
        expected,
        cachedIn: dir,
      });
      await rename(join(gobin, path.split('/').pop()!), join(dir, binary));
      await rm(gobin, { recursive: true, force: true });
    }
    await options.finish?.(env);
    await writeFile(complete, `${new Date().toISOString()}\n`);
  });
}

/**
 * The Temporal CLI for `temporal server start-dev`: `TEMPORAL_CLI_PATH`, `temporal` on PATH, the
 * cached build, a build now with `go install` (minutes; progress logged), or the SDK's download.
 */
export async function resolveDevServer(log: Logger): Promise<EphemeralServerExecutable> {
  const found = (await explicitPath('TEMPORAL_CLI_PATH')) ?? (await onPath('temporal'));
  if (found) return { type: 'existing-path', path: found };

  const dir = join(toolsDir(), `temporal-cli-${cliVersion}`);
  const cached = join(dir, 'temporal');
  if (await isExecutable(cached)) return { type: 'existing-path', path: cached };

  const go = await onPath('go');
  if (!go) {
    log.warn('no Temporal CLI and no Go toolchain: falling back to the SDK download (needs the internet)');
    return { type: 'cached-download', downloadDir: join(toolsDir(), 'sdk-downloads') };
  }
  await goInstallCached(
    log,
    'the Temporal CLI',
    dir,
    [
      {
        path: 'github.com/temporalio/cli/cmd/temporal',
        version: cliVersion,
        binary: 'temporal',
        expected: 'about 3–4 minutes',
      },
    ],
    { go },
  );
  return { type: 'existing-path', path: cached };
}

/** The Temporal server version of the cluster; docker-compose.yml runs the images of the same version. */
export const temporalServerVersion = '1.32.2';
/**
 * The Web UI server of the cluster (and the compose UI image's tag). 2.56.0 is the newest release whose
 * whole module graph the Go module proxy serves here (2.56.1 to 2.58.1 need module versions it
 * refuses) and it is built against the same Temporal API as server 1.32.2 (go.temporal.io/api 1.63.5).
 */
export const temporalUiVersion = '2.56.0';
/** Server 1.32.2 needs Go 1.26.10 or newer; the module proxy serves this toolchain when the machine's is older. */
const clusterGoToolchain = 'go1.27.3';

/** The programs of a Temporal cluster, built from the Go module proxy and cached. */
export interface ClusterBinaries {
  /** `temporal-server` (go.temporal.io/server/cmd/server). */
  server: string;
  /** `temporal-sql-tool` (…/cmd/tools/sql), which creates and upgrades the PostgreSQL schemas. */
  sqlTool: string;
  /** The server module's `schema` folder (`postgresql/v12/{temporal,visibility}/versioned`), as in the admin-tools image. */
  schemaDir: string;
  /** `temporal-ui-server` (github.com/temporalio/ui-server/v2/cmd/server), the Web UI. */
  uiServer: string;
}

/**
 * The Temporal server, its SQL schema tool with the schema files, and the Web UI server, built once
 * with `go install` from the Go module proxy (7 to 9 minutes on 2 cores with empty Go caches,
 * progress logged) and cached in the tools folder. Unlike the dev server there is no download to
 * fall back on: without Go this fails with a message saying so.
 */
export async function resolveClusterBinaries(log: Logger): Promise<ClusterBinaries> {
  const serverDir = join(toolsDir(), `temporal-server-v${temporalServerVersion}`);
  const uiDir = join(toolsDir(), `temporal-ui-server-v${temporalUiVersion}`);
  const binaries: ClusterBinaries = {
    server: join(serverDir, 'temporal-server'),
    sqlTool: join(serverDir, 'temporal-sql-tool'),
    schemaDir: join(serverDir, 'schema'),
    uiServer: join(uiDir, 'temporal-ui-server'),
  };
  if ((await exists(join(serverDir, '.complete'))) && (await exists(join(uiDir, '.complete')))) return binaries;

  const go = await onPath('go');
  if (!go) {
    throw new Error(
      'the Temporal cluster is built from the Go module proxy on first use, and no `go` is on PATH: install Go 1.21+ (it fetches the toolchain it needs)',
    );
  }
  const server = 'go.temporal.io/server';
  const serverVersion = `v${temporalServerVersion}`;
  await goInstallCached(
    log,
    `the Temporal server ${serverVersion}`,
    serverDir,
    [
      {
        path: `${server}/cmd/server`,
        version: serverVersion,
        binary: 'temporal-server',
        expected: 'about 6.5–8.5 minutes on empty Go caches (15 s with a warm build cache)',
      },
      {
        path: `${server}/cmd/tools/sql`,
        version: serverVersion,
        binary: 'temporal-sql-tool',
        expected: 'about 7 s after the server',
      },
    ],
    {
      go,
      toolchain: clusterGoToolchain,
      // The versioned schema files ship in the module, not in the binaries: copy them beside the tool,
      // as the admin-tools image keeps them in /etc/temporal/schema.
      finish: async (env) => {
        const module = await goModuleDir(go, `${server}@${serverVersion}`, env);
        await rm(binaries.schemaDir, { recursive: true, force: true });
        await cp(join(module, 'schema', 'postgresql'), join(binaries.schemaDir, 'postgresql'), { recursive: true });
        // The module cache is read-only; the copy must stay removable.
        await chmodTree(binaries.schemaDir);
      },
    },
  );
  await goInstallCached(
    log,
    `the Temporal Web UI v${temporalUiVersion}`,
    uiDir,
    [
      {
        path: 'github.com/temporalio/ui-server/v2/cmd/server',
        version: `v${temporalUiVersion}`,
        binary: 'temporal-ui-server',
        expected: 'about 20–25 s',
      },
    ],
    { go, toolchain: clusterGoToolchain },
  );
  return binaries;
}

/** Where the Go module cache holds `module@version` (downloading it if needed). */
async function goModuleDir(go: string, moduleAtVersion: string, env: NodeJS.ProcessEnv): Promise<string> {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(go, ['mod', 'download', '-json', moduleAtVersion], { env, cwd: tmpdir() }, (error, stdout) =>
      error
        ? reject(new Error(`go mod download ${moduleAtVersion} failed: ${stdout || error.message}`))
        : resolve(stdout),
    );
  });
  const { Dir } = JSON.parse(output) as { Dir?: string };
  if (!Dir) throw new Error(`go mod download ${moduleAtVersion} reported no folder: ${output}`);
  return Dir;
}

async function chmodTree(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await chmodTree(path);
    else await chmod(path, 0o644);
  }
}

/**
 * The Java SDK's time-skipping test server: `TEMPORAL_TEST_SERVER_PATH`, the cached wrapper, one
 * resolved now from Maven Central with `mvn` (seconds), or the SDK's download. The wrapper `exec`s
 * the JVM so that the SDK, which stops the server by killing the process it started, stops the JVM.
 */
export async function resolveTestServer(log: Logger): Promise<EphemeralServerExecutable> {
  const found = await explicitPath('TEMPORAL_TEST_SERVER_PATH');
  if (found) return { type: 'existing-path', path: found };

  const dir = join(toolsDir(), `temporal-test-server-${testServerVersion}`);
  const wrapper = join(dir, 'temporal-test-server');
  if (await isExecutable(wrapper)) return { type: 'existing-path', path: wrapper };

  const [java, mvn] = [await onPath('java'), await onPath('mvn')];
  if (!java || !mvn) {
    log.warn('no cached test server and no Java/Maven: falling back to the SDK download (needs the internet)');
    return { type: 'cached-download', downloadDir: join(toolsDir(), 'sdk-downloads') };
  }
  await mkdir(dir, { recursive: true });
  return withBuildLock(join(dir, '.lock'), async () => {
    if (await isExecutable(wrapper)) return { type: 'existing-path', path: wrapper };
    await writeFile(join(dir, 'pom.xml'), testServerPom);
    await runBuild(
      log,
      `the Temporal test server ${testServerVersion}`,
      mvn,
      ['-q', '-B', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'],
      { cwd: dir, expected: 'seconds', cachedIn: dir },
    );
    const classpath = (await readFile(join(dir, 'classpath.txt'), 'utf8')).trim();
    const script = `#!/bin/sh\nexec "${java}" -cp "${classpath}" io.temporal.testserver.TestServer "$1"\n`;
    await writeFile(`${wrapper}.tmp`, script, { mode: 0o755 });
    await rename(`${wrapper}.tmp`, wrapper);
    return { type: 'existing-path', path: wrapper };
  });
}

const testServerPom = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.onboarding-journey</groupId>
  <artifactId>temporal-test-server-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${testServerVersion}</version>
    </dependency>
  </dependencies>
</project>
`;
