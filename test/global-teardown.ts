import { rm } from 'node:fs/promises';
import type { EmbeddedPostgres } from '../devtools/embedded-postgres';

/** Stops the run's PostgreSQL started by the global setup and removes its files. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { testPostgres?: { root: string; postgres: EmbeddedPostgres } }).testPostgres;
  if (!started) return;
  await started.postgres.stop();
  await rm(started.root, { recursive: true, force: true });
}
