import { numberSerde } from '../serde/primitive.ts';
import type { Serde } from '../serde/serde.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { requireSerde } from './internalBuilder.ts';
import type { KStream } from './kstream.ts';
import { KTable, keyValueGetter } from './ktable.ts';
import type { Grouped, Materialized } from './options.ts';
import { aggregateSupplier, type Fold } from './processors.ts';
import { SessionWindowedKStream } from './sessionWindowedKStream.ts';
import { TimeWindowedKStream } from './timeWindowedKStream.ts';
import type { SessionWindows, TimeWindows } from './windows.ts';

export interface AggregateInput<K, V> {
  readonly input: KStream<K, V>;
  readonly keySerde: Serde<K>;
  readonly valueSerde: Serde<V> | undefined;
}

/** A stream grouped by key, ready for an aggregation; repartitioning happens when one is added. */
export class KGroupedStream<K, V> {
  readonly stream: KStream<K, V>;
  readonly grouped: Grouped<K, V>;
  /** Several aggregations of one grouping share one repartition topic. */
  private partitioned: AggregateInput<K, V> | null = null;

  constructor(stream: KStream<K, V>, grouped: Grouped<K, V>) {
    this.stream = stream;
    this.grouped = grouped;
  }

  count(materialized: Materialized<K, number> = {}): KTable<K, number> {
    const valueSerde = materialized.valueSerde ?? numberSerde;
    return this.build<number>((_key, _value, previous) => (previous ?? 0) + 1, { ...materialized, valueSerde });
  }

  /** The first value is the aggregate; later ones combine with `reducer(aggregate, value)`. */
  reduce(reducer: (aggregate: V, value: V) => V, materialized: Materialized<K, V> = {}): KTable<K, V> {
    const valueSerde = materialized.valueSerde ?? this.grouped.valueSerde ?? this.stream.valueSerde;
    return this.build<V>((_key, value, previous) => (previous === undefined ? value : reducer(previous, value)), {
      ...materialized,
      valueSerde: requireSerde(valueSerde, 'value serde', 'reduce()'),
    });
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    materialized: Materialized<K, VA> & { readonly valueSerde: Serde<VA> },
  ): KTable<K, VA> {
    return this.build((key, value, previous) => aggregator(key, value, previous ?? initializer()), materialized);
  }

  windowedBy(windows: TimeWindows): TimeWindowedKStream<K, V>;
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>;
  windowedBy(windows: TimeWindows | SessionWindows): TimeWindowedKStream<K, V> | SessionWindowedKStream<K, V> {
    if ('gapMs' in windows) return new SessionWindowedKStream(this, windows, 'onWindowUpdate');
    return new TimeWindowedKStream(this, windows, 'onWindowUpdate');
  }

  /** The input partitioned by key, repartitioned through `<name or store>-repartition` if needed. */
  prepare(storeName: string, keySerde: Serde<K> | undefined): AggregateInput<K, V> {
    const key = requireSerde(
      keySerde ?? this.grouped.keySerde ?? this.stream.keySerde,
      'key serde',
      `store ${storeName}`,
    );
    if (this.partitioned !== null && this.partitioned.keySerde === key) return this.partitioned;
    const valueSerde = this.grouped.valueSerde ?? this.stream.valueSerde;
    const input = this.stream.repartitionIfRequired(this.grouped.name ?? storeName, key, valueSerde);
    this.partitioned = { input, keySerde: key, valueSerde };
    return this.partitioned;
  }

  private build<VA>(
    fold: Fold<K, V, VA>,
    materialized: Materialized<K, VA> & { valueSerde: Serde<VA> },
  ): KTable<K, VA> {
    const builder = this.stream.builder;
    const storeName = materialized.storeName ?? builder.name('KSTREAM-AGGREGATE-STATE-STORE');
    const { input, keySerde } = this.prepare(storeName, materialized.keySerde);
    const name = builder.name('KSTREAM-AGGREGATE');
    builder.topology.addProcessor(name, aggregateSupplier(storeName, fold), input.nodeName);
    const logging = materialized.logging ?? true;
    builder.topology.addStateStore(
      keyValueStoreBuilder(storeName, keySerde, materialized.valueSerde, { logging }),
      name,
    );
    const serdes = { keySerde, valueSerde: materialized.valueSerde };
    return new KTable(builder, name, serdes, keyValueGetter<K, VA>(storeName), storeName);
  }
}
