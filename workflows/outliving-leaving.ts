import { CancellationScope } from '@temporalio/workflow';

/**
 * Work a subscriber leaving must not cut short (a message handed to the gateway, the supervisor being
 * told of an escalation): it runs outside the journey's cancellation, and the journey's end waits for
 * whatever of it is still under way.
 */
export class OutlivingLeaving {
  private readonly underWay = new Set<Promise<void>>();

  /** Runs `work` so that leaving does not cancel it; resolves when it is done. */
  async run(work: () => Promise<void>): Promise<void> {
    const running = CancellationScope.nonCancellable(work);
    this.underWay.add(running);
    try {
      await running;
    } finally {
      this.underWay.delete(running);
    }
  }

  /** Resolves once every piece of work under way has finished (or failed trying). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.underWay]);
  }
}
