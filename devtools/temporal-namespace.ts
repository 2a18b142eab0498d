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

/**
 * Creates `namespace` with `retentionDays` of closed-workflow retention unless it exists (an existing
 * namespace keeps its retention), then waits until the frontend serves it: a new namespace reaches
 * the server's namespace cache within seconds.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  retentionDays: number,
  timeoutMs = 30_000,
): Promise<void> {
  const service = connection.workflowService;
  try {
    await service.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000),
      description: 'onboarding journeys',
    });
  } catch (error) {
    if (grpcCode(error) !== alreadyExists) throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await service.describeNamespace({ namespace });
      return;
    } catch (error) {
      if (grpcCode(error) !== notFound || Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
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
