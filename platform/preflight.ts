import { Client as PgClient } from 'pg';
import { ConfigError, redactUrl } from './config';

/**
 * Fails fast with a {@link ConfigError} naming DATABASE_URL when PostgreSQL does not answer, so a
 * process never starts half-working against a wrong or absent database.
 */
export async function assertDatabaseReachable(databaseUrl: string, timeoutMs = 5_000): Promise<void> {
  const client = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const url = new URL(databaseUrl);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      'DATABASE_URL',
      `cannot reach PostgreSQL at ${url.host}${url.pathname} (${redactUrl(databaseUrl)}): ${reason || 'connection failed'}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
