import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const projectRoot = resolve(__dirname, '..');

/** A free TCP port on loopback, for a server a test or a benchmark starts. */
export async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A process of this project (the worker, the API, a script) started the way `npm start` starts it. */
export interface ProjectProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs a TypeScript entry point of the project as its own process with exactly `env` (plus PATH and
 * HOME, and LOG_LEVEL=warn unless `env` sets it).
 */
export function startProjectProcess(entry: string, env: Record<string, string>, args: string[] = []): ProjectProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(projectRoot, entry), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls `url` until it answers 2xx; fails early if `process` exits first. */
export async function waitForOk(url: string, process: ProjectProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(
        `process exited with ${process.child.exitCode} before ${url} was ready:\n${process.stderr()}${process.stdout()}`,
      );
    }
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms:\n${process.stderr()}${process.stdout()}`);
}
