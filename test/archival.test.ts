import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Payload } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { resolveDevServer } from '../devtools/temporal-binaries';
import { archivalUnder, ensureNamespace } from '../devtools/temporal-namespace';
import { createLogger } from '../platform/logger';
import { encryptedWith, historyPayloads } from '../platform/payload-codec';
import { JourneyHarness } from './support/journey-harness';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

// A finished journey's history outlives its execution on the production cluster: archived on close
// by the server's file store archiver under the cluster's archive folder, and served from there by
// the frontend (gRPC, the Web UI's HTTP API, the CLI) once retention, here a deletion, removed the
// execution. What is archived is what Temporal stored: ciphertext under the subscriber's key, which
// the codec opens until an erasure deletes the key.
describe('history archival on the cluster', () => {
  let harness: JourneyHarness;

  beforeAll(async () => {
    harness = await JourneyHarness.start({ server: 'cluster', ui: true });
  }, 120_000);

  afterAll(() => harness?.stop());

  /** Polls `read` (real time, at most `timeoutMs`) until it returns something. */
  async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await read();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  async function filesIn(dir: string, suffix: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true }).catch(() => []);
    return entries.filter((name) => name.endsWith(suffix)).map((name) => join(dir, name));
  }

  /** A whole history as the frontend serves it for one run (payloads not decoded). */
  async function servedHistory(workflowId: string, runId: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await harness.env.client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId, runId },
        nextPageToken,
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return events;
  }

  /** The payloads the codec wrote (patch markers are the SDK core's, outside the codec). */
  const codecPayloads = (events: HistoryEvent[]): Payload[] =>
    historyPayloads(events.filter((event) => event.markerRecordedEventAttributes?.markerName !== 'core_patch'));

  /** Each event's id and type, by name as the archive's JSON (protojson) writes them. */
  const summary = (events: HistoryEvent[]) =>
    events.map((event) => [
      Number(event.eventId),
      typeof event.eventType === 'number' ? temporal.api.enums.v1.EventType[event.eventType] : event.eventType,
    ]);

  /**
   * The archive's events (protojson) with their payloads' bytes as bytes, as the gRPC client gives
   * them: enough for {@link codecPayloads} and {@link summary}.
   */
  function withPayloadBytes(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withPayloadBytes);
    if (!value || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.data === 'string' && record.metadata && typeof record.metadata === 'object') {
      const metadata = Object.entries(record.metadata as Record<string, string>);
      return {
        metadata: Object.fromEntries(metadata.map(([key, bytes]) => [key, Buffer.from(bytes, 'base64')])),
        data: Buffer.from(record.data, 'base64'),
      };
    }
    return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, withPayloadBytes(field)]));
  }

  it('archives a finished journey, still encrypted, and serves it from the archive once its execution is gone', async () => {
    const { archiveDir } = harness.env.cluster!;
    const { config } = await harness.env.client.workflowService.describeNamespace({ namespace: 'default' });
    expect(config).toMatchObject({
      historyArchivalUri: `file://${archiveDir}/history`,
      visibilityArchivalUri: `file://${archiveDir}/visibility`,
    });

    const subscriber = await harness.activation({ name: '诸葛亮' });
    const handle = await harness.startJourney(subscriber);
    await harness.leave(handle);
    const { workflowId } = handle;
    const { runId } = await handle.describe();
    const stored = await servedHistory(workflowId, runId);
    expect(summary(stored).at(-1)).toEqual([stored.length, 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED']);

    // The archive: one history file (its name hashes the ids), one visibility record.
    const [historyFile, ...moreHistories] = await poll('the history archival', async () => {
      const files = await filesIn(join(archiveDir!, 'history'), '.history');
      return files.length ? files : undefined;
    });
    expect(moreHistories).toEqual([]);
    expect(historyFile).not.toContain(subscriber.subscriberId);
    expect((await stat(historyFile!)).mode & 0o777).toBe(0o600);
    const text = await readFile(historyFile!, 'utf8');
    for (const plain of [subscriber.name, subscriber.msisdn, subscriber.address]) expect(text).not.toContain(plain);
    const batches = JSON.parse(text) as { events: unknown[] }[];
    const archived = withPayloadBytes(batches.flatMap((batch) => batch.events)) as HistoryEvent[];
    expect(summary(archived)).toEqual(summary(stored));
    const payloads = codecPayloads(archived);
    expect(payloads.length).toBeGreaterThan(5);
    expect(new Set(payloads.map(encryptedWith))).toEqual(new Set([`subscriber:${subscriber.subscriberId}`]));
    const decoded = (await harness.protection.codec.decode(payloads)).map((payload) =>
      Buffer.from(payload.data ?? []).toString(),
    );
    expect(decoded.join('\n')).toContain(subscriber.name);
    await poll('the visibility archival', async () => {
      const files = await filesIn(join(archiveDir!, 'visibility'), '.visibility');
      return files.length ? files : undefined;
    });

    // Retention's work, done now: the execution leaves the primary store.
    await harness.env.client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId, runId },
    });
    await poll('the deletion', () =>
      handle.describe().then(
        () => undefined,
        (error: unknown) => ((error as Error).name === 'WorkflowNotFoundError' ? true : Promise.reject(error)),
      ),
    );

    // The archived visibility record gives the run id; the frontend reads the history from the archive.
    const listed = await harness.env.client.workflowService.listArchivedWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowId = '${workflowId}'`,
    });
    expect(listed.executions?.map((execution) => execution.execution?.runId)).toEqual([runId]);
    const served = await servedHistory(workflowId, runId);
    expect(summary(served)).toEqual(summary(stored));
    expect(codecPayloads(served).map((payload) => Buffer.from(payload.data!).toString('base64'))).toEqual(
      payloads.map((payload) => Buffer.from(payload.data!).toString('base64')),
    );
    // The SDK's client too, given the run id (without one the frontend looks for a current run only).
    const fetched = await harness.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    expect(summary(fetched.events ?? [])).toEqual(summary(stored));

    // The Web UI's server reads the same, to decode in the browser through the codec server.
    const { webUiUrl } = harness.env.cluster!;
    const query = encodeURIComponent(`WorkflowId = '${workflowId}'`);
    const list = await fetch(`${webUiUrl}/api/v1/namespaces/default/archived-workflows?query=${query}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain(runId);
    const page = await fetch(
      `${webUiUrl}/api/v1/namespaces/default/workflows/${encodeURIComponent(workflowId)}/history?execution.runId=${runId}`,
    );
    expect(page.status).toBe(200);
    const uiEvents = ((await page.json()) as { history: { events: unknown[] } }).history.events;
    expect(uiEvents).toHaveLength(stored.length);

    // The CLI's `temporal workflow show`, without the codec endpoint: ciphertext.
    const cli = await resolveDevServer(createLogger('test', 'warn'));
    if (cli.type !== 'existing-path') throw new Error('no Temporal CLI here: the dev server tests build it');
    const { stdout } = await promisify(execFile)(cli.path, [
      'workflow',
      'show',
      '--address',
      harness.env.cluster!.address,
      '--namespace',
      'default',
      '--workflow-id',
      workflowId,
      '--run-id',
      runId,
      '--output',
      'json',
    ]);
    const shown = JSON.parse(stdout) as { events: unknown[] };
    expect(shown.events).toHaveLength(stored.length);
    expect(stdout).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(stdout).not.toContain(subscriber.name);

    // An erasure deletes the subscriber's key: the archived copy no longer opens.
    await harness.protection.keys.erase(subscriber.subscriberId);
    await expect(harness.protection.codec.decode(payloads)).rejects.toThrow(/has been erased/);
  }, 120_000);

  it('switches a namespace made before archival on to the archive, and refuses one that archives elsewhere', async () => {
    const { workflowService } = harness.env.connection;
    const archival = archivalUnder(harness.env.cluster!.archiveDir!);
    const disabled = 1; // ARCHIVAL_STATE_DISABLED
    // As a cluster without archival registered it: archival disabled, no URI.
    await workflowService.registerNamespace({
      namespace: 'before-archival',
      workflowExecutionRetentionPeriod: msToTs(86_400_000),
      historyArchivalState: disabled,
      visibilityArchivalState: disabled,
    });
    await ensureNamespace(harness.env.connection, 'before-archival', { retentionDays: 30, archival });
    const { config } = await workflowService.describeNamespace({ namespace: 'before-archival' });
    expect(config).toMatchObject({
      historyArchivalState: 2,
      historyArchivalUri: archival.historyUri,
      visibilityArchivalState: 2,
      visibilityArchivalUri: archival.visibilityUri,
    });
    // Its retention stays its own.
    expect(Number(config?.workflowExecutionRetentionTtl?.seconds)).toBe(86_400);

    const elsewhere = archivalUnder('/var/tmp/another-archive');
    await workflowService.registerNamespace({
      namespace: 'archives-elsewhere',
      workflowExecutionRetentionPeriod: msToTs(86_400_000),
      historyArchivalState: 2,
      historyArchivalUri: elsewhere.historyUri,
      visibilityArchivalState: 2,
      visibilityArchivalUri: elsewhere.visibilityUri,
    });
    await expect(
      ensureNamespace(harness.env.connection, 'archives-elsewhere', { retentionDays: 30, archival }),
    ).rejects.toThrow(`archives its history to ${elsewhere.historyUri}, not ${archival.historyUri}`);
  });
});
