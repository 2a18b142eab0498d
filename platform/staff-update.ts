import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { StaffUpdateRequest } from '../workflows/messages';

/**
 * Sends a staff update (`completeTask`, `reassignTask`) the one way the journey accepts it: the update
 * id chosen here, and named again inside the (sealed) request, which the workflow checks
 * (workflows/sealed-messages.ts). The same `updateId` again is the same update: Temporal applies it once.
 */
export function executeStaffUpdate<Ret, Request extends StaffUpdateRequest>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Request]>,
  request: Omit<Request, 'updateId'>,
  updateId: string = randomUUID(),
): Promise<Ret> {
  return handle.executeUpdate(update, { args: [{ ...request, updateId } as Request], updateId });
}
