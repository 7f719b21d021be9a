import type { ProcessorContext, ProcessorSupplier } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { KeyValueStore } from '../state/keyValueStore.ts';

/** Writes each record into a key-value store (null value = delete) and forwards it: a table's source. */
export function materializeSupplier<K, V>(storeName: string): ProcessorSupplier<K, V | null, K, V | null> {
  return () => {
    let context: ProcessorContext<K, V | null>;
    let store: KeyValueStore<K, V>;
    return {
      init(initContext: ProcessorContext<K, V | null>) {
        context = initContext;
        store = initContext.getStateStore(storeName);
      },
      process(record: StreamRecord<K, V | null>) {
        if (record.key === null) {
          context.recordDropped('null-key');
          return;
        }
        if (record.value === null) store.delete(record.key);
        else store.put(record.key, record.value);
        context.forward(record);
      },
    };
  };
}

/** Same as materializeSupplier but forwards nothing: a global store's state updater. */
export function globalUpdateSupplier<K, V>(storeName: string): ProcessorSupplier<K, V | null> {
  return () => {
    let store: KeyValueStore<K, V>;
    let context: ProcessorContext;
    return {
      init(initContext: ProcessorContext) {
        context = initContext;
        store = initContext.getStateStore(storeName);
      },
      process(record: StreamRecord<K, V | null>) {
        if (record.key === null) context.recordDropped('null-key');
        else if (record.value === null) store.delete(record.key);
        else store.put(record.key, record.value);
      },
    };
  };
}

/** Combines a record with the key's previous aggregate (undefined for the first record). */
export type Fold<K, V, VA> = (key: K, value: V, previous: VA | undefined) => VA;

/**
 * Folds each record into the key's aggregate and forwards the new aggregate.
 * Records with a null key or value are dropped and counted, as in Kafka Streams.
 */
export function aggregateSupplier<K, V, VA>(
  storeName: string,
  fold: Fold<K, V, VA>,
): ProcessorSupplier<K, V | null, K, VA> {
  return () => {
    let context: ProcessorContext<K, VA>;
    let store: KeyValueStore<K, VA>;
    return {
      init(initContext: ProcessorContext<K, VA>) {
        context = initContext;
        store = initContext.getStateStore(storeName);
      },
      process(record: StreamRecord<K, V | null>) {
        if (record.key === null || record.value === null) {
          context.recordDropped(record.key === null ? 'null-key' : 'null-value');
          return;
        }
        const next = fold(record.key, record.value, store.get(record.key));
        store.put(record.key, next);
        context.forward({ ...record, value: next });
      },
    };
  };
}

export function passThroughSupplier<K, V>(): ProcessorSupplier<K, V, K, V> {
  return () => {
    let context: ProcessorContext<K, V>;
    return {
      init(initContext: ProcessorContext<K, V>) {
        context = initContext;
      },
      process(record: StreamRecord<K, V>) {
        context.forward(record);
      },
    };
  };
}
