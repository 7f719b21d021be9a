import type { ChangeLogger, StoreChange } from './store.ts';

/** Collects changes in memory; for tests only. */
export class ArrayChangeLogger implements ChangeLogger {
  readonly changes: StoreChange[] = [];

  append(change: StoreChange): void {
    this.changes.push(change);
  }
}
