import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { allSearchAttributeKeys } from '../workflows/search-attributes';

// gRPC status codes the namespace calls answer with.
const notFound = 5;
const alreadyExists = 6;
const unimplemented = 12;
// INDEXED_VALUE_TYPE_KEYWORD, by value: the proto package is only a development dependency.
const keyword: temporal.api.enums.v1.IndexedValueType = 2;

function grpcCode(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

// ARCHIVAL_STATE_ENABLED, by value, for the same reason.
const archivalEnabled: temporal.api.enums.v1.ArchivalState = 2;

/** Where a namespace archives its closed workflows: `file:///…` URIs of the server's file store archiver. */
export interface NamespaceArchival {
  historyUri: string;
  visibilityUri: string;
}

/** The archival URIs of a cluster archiving under `archiveDir`, as deploy/temporal/server.yaml writes them. */
export function archivalUnder(archiveDir: string): NamespaceArchival {
  return { historyUri: `file://${archiveDir}/history`, visibilityUri: `file://${archiveDir}/visibility` };
}

/**
 * Creates `namespace` with `retentionDays` of closed-workflow retention and history and visibility
 * archival to `archival` unless it exists, then waits until the frontend serves it: a new namespace
 * reaches the server's namespace cache within seconds. An existing namespace keeps its retention; one
 * that never archived (made before archival was configured) is switched to `archival`, one that
 * archives elsewhere is refused, since Temporal never changes an archival URI once set, and one whose
 * archival an operator disabled stays so.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  settings: { retentionDays: number; archival: NamespaceArchival },
  timeoutMs = 30_000,
): Promise<void> {
  const service = connection.workflowService;
  const { archival } = settings;
  try {
    await service.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(settings.retentionDays * 86_400_000),
      description: 'onboarding journeys',
      historyArchivalState: archivalEnabled,
      historyArchivalUri: archival.historyUri,
      visibilityArchivalState: archivalEnabled,
      visibilityArchivalUri: archival.visibilityUri,
    });
  } catch (error) {
    if (grpcCode(error) !== alreadyExists) throw error;
  }
  const deadline = Date.now() + timeoutMs;
  let config: temporal.api.namespace.v1.INamespaceConfig | null | undefined;
  for (;;) {
    try {
      ({ config } = await service.describeNamespace({ namespace }));
      break;
    } catch (error) {
      if (grpcCode(error) !== notFound || Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  const update: temporal.api.namespace.v1.INamespaceConfig = {};
  if (!config?.historyArchivalUri) {
    update.historyArchivalState = archivalEnabled;
    update.historyArchivalUri = archival.historyUri;
  } else if (config.historyArchivalState === archivalEnabled) {
    refuseOtherUri(namespace, 'history', config.historyArchivalUri, archival.historyUri);
  }
  if (!config?.visibilityArchivalUri) {
    update.visibilityArchivalState = archivalEnabled;
    update.visibilityArchivalUri = archival.visibilityUri;
  } else if (config.visibilityArchivalState === archivalEnabled) {
    refuseOtherUri(namespace, 'visibility', config.visibilityArchivalUri, archival.visibilityUri);
  }
  if (Object.keys(update).length > 0) await service.updateNamespace({ namespace, config: update });
}

function refuseOtherUri(namespace: string, kind: string, current: string, wanted: string): void {
  if (current === wanted) return;
  throw new Error(
    `namespace ${namespace} archives its ${kind} to ${current}, not ${wanted}, and Temporal never changes an archival URI: set TEMPORAL_ARCHIVE_DIR to the folder above ${kind} there`,
  );
}

/**
 * Registers the journey's custom search attributes (all Keyword) on `namespace`, those missing only
 * (all of them on a server that cannot list them, like the Java time-skipping server).
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const registered = await connection.operatorService.listSearchAttributes({ namespace }).then(
    (answer) => answer.customAttributes ?? {},
    (error: unknown) => {
      if (grpcCode(error) === unimplemented) return {};
      throw error;
    },
  );
  const missing = allSearchAttributeKeys.filter((key) => !(key.name in registered));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, keyword])),
  });
}
