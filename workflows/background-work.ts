import { condition, isCancellation } from '@temporalio/workflow';

/**
 * Work a journey starts beside its moments (e.g. a hotline callback opened by an event): the journey
 * waits for it at its end, and fails with it if it fails for a reason other than the journey ending.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  private fail!: (error: unknown) => void;
  /** Rejects when background work fails for a reason other than cancellation. */
  readonly failure = new Promise<never>((_, reject) => {
    this.fail = reject;
  });

  spawn(work: () => Promise<unknown>): void {
    const running: Promise<void> = work()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!isCancellation(error)) this.fail(error);
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves once all spawned work has finished (it is bounded by the journey's end too). */
  async finished(): Promise<void> {
    await condition(() => this.running.size === 0);
  }
}
