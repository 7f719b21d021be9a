import { internalTopicName } from '@billstream/contracts';
import { assert } from '../assert.ts';

/** A change a store made, as it goes to the changelog topic (value null = tombstone). */
export interface StoreChange {
  readonly store: string;
  readonly key: Buffer;
  readonly value: Buffer | null;
}

/** Supplied by the task; the runtime produces each change to the store's changelog partition. */
export interface ChangeLogger {
  append(change: StoreChange): void;
}

export interface ChangelogEntry {
  readonly key: Buffer;
  readonly value: Buffer | null;
}

export interface StateStoreContext {
  /** Null when logging is disabled (global stores, or stores built without logging). */
  readonly changeLogger: ChangeLogger | null;
}

export interface StateStore {
  readonly name: string;
  init(context: StateStoreContext): void;
  /** Rebuilds state from changelog entries in offset order; never logs. */
  restore(entries: Iterable<ChangelogEntry>): void;
  /**
   * The live state as the minimal changelog that rebuilds it, in key order.
   * Restoring it into an empty store yields an equal snapshot; tests rely on that.
   */
  snapshot(): ChangelogEntry[];
  flush(): void;
  close(): void;
}

export interface StoreBuilder<S extends StateStore = StateStore> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  build(): S;
}

/** `<appId>-<storeName>-changelog`, compacted; partition i backs task `<subtopology>_i`. */
export function changelogTopicName(appId: string, storeName: string): string {
  return internalTopicName(appId, 'changelog', storeName);
}

/** `<appId>-<name>-repartition`. */
export function repartitionTopicName(appId: string, name: string): string {
  return internalTopicName(appId, 'repartition', name);
}

/** Kafka rejects larger records by default, so a larger entry could never be logged. */
export const STORE_ENTRY_BYTES_MAX = 1024 * 1024;

/** A named store builder, changelogged unless `logging` is false. */
export function storeBuilder<S extends StateStore>(
  name: string,
  logging: boolean | undefined,
  build: () => S,
): StoreBuilder<S> {
  assert(name.length > 0, 'store name must not be empty');
  return { name, loggingEnabled: logging ?? true, build };
}
