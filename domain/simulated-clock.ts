/**
 * The business clock of compressed days (`JOURNEY_DAY_SECONDS`, the simulator, end-to-end tests):
 * the simulated instant reads `simulatedStart` at the real instant `realStart` and runs `factor`
 * times faster. Whatever a journey derives from the calendar (the month's end that makes the first
 * bill due, quiet hours, the SMS's dates) is read on this clock and turned back into a real instant,
 * so a compressed journey meets every moment a real one does. Without a clock, business time is real.
 */
export interface SimulatedClock {
  /** ISO instant of the real clock at which the simulated clock reads `simulatedStart`. */
  realStart: string;
  simulatedStart: string;
  /** Simulated milliseconds per real millisecond (86,400 for a day a second). */
  factor: number;
}

/** The business-clock instant at real instant `real`. */
export function businessInstant(clock: SimulatedClock | undefined, real: number): number {
  if (!clock) return real;
  return Date.parse(clock.simulatedStart) + (real - Date.parse(clock.realStart)) * clock.factor;
}

/** The real instant at which the business clock reads `business` (rounded up to a whole millisecond). */
export function realInstant(clock: SimulatedClock | undefined, business: number): number {
  if (!clock) return business;
  return Math.ceil(Date.parse(clock.realStart) + (business - Date.parse(clock.simulatedStart)) / clock.factor);
}
