// What the test driver records of a topology's effects: changelog entries,
// view rows and dead letters, as the runtime would produce them.
import type { RecordMetadata } from '../processor/record.ts';
import type { StoreChange } from '../state/store.ts';
import type { ViewRef } from '../topology/nodes.ts';

export interface ChangelogRecord extends StoreChange {
  readonly topic: string;
  readonly partition: number;
}

export interface ViewRecord {
  readonly view: ViewRef;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestampMs: number;
  readonly source: RecordMetadata | null;
}

export interface DeadLetter {
  readonly source: RecordMetadata;
  readonly reason: string;
}

/** Last record per key, in offset order: what log compaction keeps. */
export function compact(records: readonly ChangelogRecord[]): ChangelogRecord[] {
  const latest = new Map<string, ChangelogRecord>();
  for (const record of records) {
    const key = record.key.toString('latin1');
    latest.delete(key);
    latest.set(key, record);
  }
  return [...latest.values()];
}
