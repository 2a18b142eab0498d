import { setTimeout as sleep } from 'node:timers/promises';
import { businessInstant, realInstant, type SimulatedClock } from '../domain/simulated-clock';

const DAY_MS = 86_400_000;

/**
 * The simulation's clock: the system's business clock (domain/simulated-clock.ts) seen from outside.
 * The simulator decides in simulated time (an activation at 23:30 on the eve of 国庆) and acts at the
 * real instant the system reads as that time.
 */
export class SimClock {
  readonly clock: SimulatedClock;

  constructor(
    readonly msPerDay: number,
    simulatedStart: number,
    realStart = Date.now(),
  ) {
    this.clock = {
      realStart: new Date(realStart).toISOString(),
      simulatedStart: new Date(simulatedStart).toISOString(),
      factor: DAY_MS / msPerDay,
    };
  }

  get start(): number {
    return Date.parse(this.clock.simulatedStart);
  }

  /** The simulated instant now. */
  now(): number {
    return businessInstant(this.clock, Date.now());
  }

  toReal(simulated: number): number {
    return realInstant(this.clock, simulated);
  }

  toSimulated(real: number): number {
    return businessInstant(this.clock, real);
  }

  /** Simulated days since the start (fractional). */
  day(simulated = this.now()): number {
    return (simulated - this.start) / DAY_MS;
  }

  /** Resolves when the simulated clock reads `simulated` (at once if it has). */
  async until(simulated: number): Promise<void> {
    const wait = this.toReal(simulated) - Date.now();
    if (wait > 0) await sleep(wait);
  }

  /** Real milliseconds that `simulatedMs` of simulated time take. */
  realSpan(simulatedMs: number): number {
    return simulatedMs / this.clock.factor;
  }
}
