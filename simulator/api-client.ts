import { setTimeout as sleep } from 'node:timers/promises';

/** An answer of the API: its status and JSON body (undefined when it had none). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/**
 * The system's HTTP API as its outside callers use it. Connection failures and 503s (a restart, the
 * database cut off) are retried for a while, as a well-behaved client retries, with the same
 * Idempotency-Key; every answer's status is counted per route for the report.
 */
export class ApiClient {
  readonly statuses = new Map<string, number>();

  constructor(private readonly base: () => string) {}

  async call<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; idempotencyKey?: string; form?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const route = `${method} ${path.replace(/\/(SIM-[\w-]+|journey-[^/]+|[0-9a-f-]{36})(?=\/|$|\?)/g, '/:id').replace(/\?.*$/, '')}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.base()}${path}`, {
          method,
          redirect: 'manual',
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: this.base() } : {}),
            ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
          },
          body:
            options.body !== undefined
              ? JSON.stringify(options.body)
              : options.form
                ? new URLSearchParams(options.form).toString()
                : undefined,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < 20) {
          await sleep(500 * attempt);
          continue;
        }
        this.count(`${route} ${response.status}`);
        return { status: response.status, body: (text ? safeJson(text) : undefined) as T };
      } catch (error) {
        if (attempt >= 20) {
          this.count(`${route} unreachable`);
          throw error;
        }
        await sleep(500 * attempt);
      }
    }
  }

  private count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
