/**
 * Programmer errors (a broken invariant, a misused API) throw at once: a task
 * that keeps running on corrupt state would write corrupt changelogs, and those
 * outlive the process. Data errors are typed (SerdeError) and never use this.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertTimestamp(timestampMs: number, what: string): void {
  assert(Number.isSafeInteger(timestampMs), `${what}: timestamp ${timestampMs} is not a safe integer`);
}
