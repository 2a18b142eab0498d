import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { Connection } from '@temporalio/client';

/** A server program this process started, its output appended to a log file. */
export interface ServerProcess {
  logFile: string;
  isAlive(): boolean;
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`) and waits until it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `command` with exactly `env` (plus PATH and HOME), its stdout and stderr appended to
 * `logFile`. The program is this process's child: it is stopped by {@link ServerProcess.stop} and,
 * as a last resort, when this process exits.
 */
export async function startServerProcess(
  command: string,
  args: string[],
  options: { env: Record<string, string>; logFile: string },
): Promise<ServerProcess> {
  const log = await open(options.logFile, 'a');
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', log.fd, log.fd],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const isAlive = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => log.close());
  return {
    logFile: options.logFile,
    isAlive,
    async stop(graceMs = 30_000) {
      process.removeListener('exit', killOnExit);
      if (isAlive()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until a Temporal frontend at `address` answers, failing early if its server has exited. */
export async function waitForFrontend(
  address: string,
  server: Pick<ServerProcess, 'isAlive' | 'logFile'>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.isAlive()) {
      throw new Error(
        `the Temporal server exited during start; ${server.logFile} ends:\n${await logTail(server.logFile)}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the Temporal server did not answer on ${address}: ${(error as Error).message}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

/** The last lines of a server's log, for an error that says why it stopped. */
export async function logTail(logFile: string, lines = 8): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  const all = text.trim().split('\n');
  // Temporal's JSON lines end in a long stack trace; the message is at the start. A Go panic or a CLI
  // error prints its reason first and a stack after it, so that line leads.
  const reason = all.find((line) => /^(panic|fatal error|Error):/.test(line));
  const tail = all.slice(-lines);
  return [...(reason && !tail.includes(reason) ? [reason, '…'] : []), ...tail]
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .join('\n');
}
