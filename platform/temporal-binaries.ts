import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { ConfigError } from './config';
import type { Logger } from './logger';

/**
 * Finds the Temporal dev server and the time-skipping test server without downloading anything from
 * outside the package registries: an explicit path, PATH, the project's cache, or a build from the
 * Go module proxy / Maven Central; the SDK's own download only as the last resort (online machines).
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

/** Runs a build command, streaming its output to the log with a heartbeat so a slow build shows progress. */
async function runBuild(
  log: Logger,
  what: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
) {
  const started = Date.now();
  log.info(
    { command: [command, ...args].join(' ') },
    `building ${what}; this takes a few minutes once, then it is cached`,
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
  await mkdir(dir, { recursive: true });
  return withBuildLock(join(dir, '.lock'), async () => {
    if (await isExecutable(cached)) return { type: 'existing-path', path: cached };
    const gobin = join(dir, `.build-${process.pid}`);
    await runBuild(
      log,
      `the Temporal CLI ${cliVersion}`,
      go,
      ['install', `github.com/temporalio/cli/cmd/temporal@${cliVersion}`],
      {
        env: { ...process.env, GOBIN: gobin },
      },
    );
    await rename(join(gobin, 'temporal'), cached);
    await rm(gobin, { recursive: true, force: true });
    return { type: 'existing-path', path: cached };
  });
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
      { cwd: dir },
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
