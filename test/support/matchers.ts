/** `toBeWithin(expected, tolerance)`: durations measured on a workflow's clock, which adds milliseconds. */
expect.extend({
  toBeWithin(received: number, expected: number, tolerance: number) {
    const pass = Math.abs(received - expected) <= tolerance;
    return {
      pass,
      message: () =>
        `expected ${received} ${pass ? 'not ' : ''}to be within ${tolerance} of ${expected} (off by ${received - expected})`,
    };
  },
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeWithin(expected: number, tolerance: number): R;
    }
  }
}

export {};
