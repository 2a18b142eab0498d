import { ConfigError } from './config';
import { createLogger, type Logger } from './logger';

/**
 * Runs a process's main function. A configuration or connectivity problem ends the process with one
 * human line on stderr naming the variable to fix and exit code 78 (EX_CONFIG); anything else is
 * logged as a fatal structured line with exit code 1.
 */
export function runMain(service: string, main: (log: Logger) => Promise<void>): void {
  const log = createLogger(service);
  main(log).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: cannot start: ${error.message}\n`);
      process.exit(78);
    }
    log.fatal({ err: error }, 'process failed');
    process.exit(1);
  });
}
