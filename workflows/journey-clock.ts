import { condition, sleep } from '@temporalio/workflow';
import { businessInstant, realInstant, type SimulatedClock } from '../domain/simulated-clock';
import { DAY_MS } from './schedule';

/**
 * A journey's time: its days count from activation, and every wait ends by its last day, so at day
 * 90 the moments finish by themselves and no timer is ever cancelled on the way out (only a
 * subscriber leaving cancels them).
 */
export class JourneyClock {
  readonly end: number;

  constructor(
    readonly activatedAt: number,
    journeyDays: number,
    private readonly simulated?: SimulatedClock,
  ) {
    this.end = activatedAt + journeyDays * DAY_MS;
  }

  /**
   * The real instant of a business-calendar rule applied at real instant `at` (a month's end, the end
   * of quiet hours): the rule reads the business clock, which compressed days run fast.
   */
  onBusinessCalendar(at: number, rule: (businessAt: number) => number): number {
    return realInstant(this.simulated, rule(businessInstant(this.simulated, at)));
  }

  /** The instant `days` after activation. */
  day(days: number): number {
    return this.activatedAt + days * DAY_MS;
  }

  /** True from the end of the journey's last day: loops stop and nothing new starts. */
  get timeIsUp(): boolean {
    return Date.now() >= this.end;
  }

  /**
   * Sleeps on a durable timer until `instant`, or the journey's end if that comes first; false when
   * the journey's time is up, so the caller starts nothing new. `summary` names the timer in the
   * plan's words for engineers reading the history in the Temporal Web UI ("day 4: follow-up call
   * opens"); it is stored in plaintext, so it never holds personal data.
   */
  async sleepUntil(instant: number, summary: string): Promise<boolean> {
    const delay = Math.min(instant, this.end) - Date.now();
    if (delay > 0) await sleep(delay, { summary });
    return !this.timeIsUp;
  }

  /**
   * Waits until `done()` holds or `instant` (at the latest the journey's end) passes; true when
   * `done()` held. `summary` names the deadline's timer, as for {@link sleepUntil}.
   */
  async waitUntil(done: () => boolean, instant: number, summary: string): Promise<boolean> {
    const delay = Math.min(instant, this.end) - Date.now();
    if (done() || delay <= 0) return done();
    return condition(done, delay, { summary });
  }

  /** Wakes the journey's event loops at its end so they stop. */
  async keepTime(): Promise<void> {
    await this.sleepUntil(this.end, 'the journey ends');
  }
}
