import {
  ApplicationFailure,
  log,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type Next,
  type SignalInput,
  type UpdateInput,
} from '@temporalio/workflow';

/**
 * What reaches a journey from outside (its start, signals, staff updates) must have been sealed for
 * that journey by a holder of the keys: the API, which puts the signed-in staff member in the actor.
 * The worker's codec (platform/sealed-inbound.ts) replaces every payload it refuses — plain, or
 * sealed for another workflow — by {@link refusedPayload}; these interceptors then refuse the message
 * without it touching the journey. The codec has the keys and the workflow never sees them; the
 * decision here is deterministic, since the codec decides the same way whenever a history replays.
 */

/** The field of the value that stands for a refused payload; its value says why. */
export const refusedPayloadField = 'journeyRefusedPayload';

/** Failure type of a refused update, as the caller sees it. */
export const refusedUpdateType = 'RefusedUpdate';

/** The value the worker's codec puts in place of a payload it refuses. */
export function refusedPayload(reason: string): Record<string, string> {
  return { [refusedPayloadField]: reason };
}

function refusalIn(args: readonly unknown[]): string | undefined {
  for (const arg of args) {
    if (arg && typeof arg === 'object' && refusedPayloadField in arg) {
      return String((arg as Record<string, unknown>)[refusedPayloadField]);
    }
  }
  return undefined;
}

class SealedMessages implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const refused = refusalIn(input.args);
    if (refused) throw ApplicationFailure.nonRetryable(`start refused: ${refused}`, 'RefusedStart');
    return next(input);
  }

  async handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    const refused = refusalIn(input.args);
    if (refused) {
      log.warn('signal refused', { signal: input.signalName, reason: refused });
      return;
    }
    return next(input);
  }

  /**
   * A staff update also names the update it was made for (`updateId`, inside the sealed payload): a
   * sealed update copied out of a history and sent again under another id is refused.
   */
  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    const refused = refusalIn(input.args);
    if (refused) throw ApplicationFailure.nonRetryable(`update refused: ${refused}`, refusedUpdateType);
    const [request] = input.args as [{ updateId?: unknown } | undefined];
    if (request?.updateId !== input.updateId) {
      throw ApplicationFailure.nonRetryable(
        `update refused: it was made for update ${String(request?.updateId)}, not ${input.updateId}`,
        refusedUpdateType,
      );
    }
    next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new SealedMessages()] });
