// Collects what React reports through console.error (e.g. "Maximum update depth exceeded") during each test of a
// file; afterEach fails the test when anything was reported. Call once at the top level of a test file.
import {afterEach, beforeEach, expect, vi, type MockInstance} from 'vitest';

export function noReactErrors(): void {
  let spy: MockInstance<typeof console.error> | undefined;
  beforeEach(() => {
    spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    const calls = spy?.mock.calls.map(c => String(c[0]).split('\n')[0]) ?? [];
    spy?.mockRestore();
    expect(calls).toEqual([]);
  });
}
