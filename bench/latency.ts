import { percentile } from './report';

/** p50/p95/p99, min and max of latencies in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

export function latencySummary(values: number[]): LatencySummary {
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}
