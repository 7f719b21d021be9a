import { numberSerde, stringSerde } from '../serde/primitive.ts';
import type { Serde } from '../serde/serde.ts';
import { type Windowed, windowedSerde } from '../serde/windowed.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { type WindowStore, windowStoreBuilder } from '../state/windowStore.ts';
import { requireSerde } from './internalBuilder.ts';
import type { KGroupedStream } from './kgroupedStream.ts';
import { KTable, type ValueGetter } from './ktable.ts';
import type { Materialized } from './options.ts';
import type { Fold } from './processors.ts';
import { WindowedAggregateProcessor } from './windowedAggregate.ts';
import type { EmitStrategy, TimeWindows } from './windows.ts';

export interface WindowedMaterialized<K, V> extends Materialized<K, V> {
  /** Keep windows queryable longer than size + grace (the minimum). */
  readonly retentionMs?: number;
}

export class TimeWindowedKStream<K, V> {
  private readonly grouped: KGroupedStream<K, V>;
  private readonly windows: TimeWindows;
  private readonly emit: EmitStrategy;

  constructor(grouped: KGroupedStream<K, V>, windows: TimeWindows, emit: EmitStrategy) {
    this.grouped = grouped;
    this.windows = windows;
    this.emit = emit;
  }

  /** 'onWindowClose' forwards each window once, final, when stream time passes end + grace. */
  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V> {
    return new TimeWindowedKStream(this.grouped, this.windows, strategy);
  }

  count(materialized: WindowedMaterialized<K, number> = {}): KTable<Windowed<K>, number> {
    const valueSerde = materialized.valueSerde ?? numberSerde;
    return this.build<number>((_key, _value, previous) => (previous ?? 0) + 1, { ...materialized, valueSerde });
  }

  reduce(
    reducer: (aggregate: V, value: V) => V,
    materialized: WindowedMaterialized<K, V> = {},
  ): KTable<Windowed<K>, V> {
    const serde = materialized.valueSerde ?? this.grouped.grouped.valueSerde ?? this.grouped.stream.valueSerde;
    const valueSerde = requireSerde(serde, 'value serde', 'windowed reduce()');
    return this.build<V>((_key, value, previous) => (previous === undefined ? value : reducer(previous, value)), {
      ...materialized,
      valueSerde,
    });
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    materialized: WindowedMaterialized<K, VA> & { readonly valueSerde: Serde<VA> },
  ): KTable<Windowed<K>, VA> {
    return this.build((key, value, previous) => aggregator(key, value, previous ?? initializer()), materialized);
  }

  private build<VA>(
    fold: Fold<K, V, VA>,
    materialized: WindowedMaterialized<K, VA> & { valueSerde: Serde<VA> },
  ): KTable<Windowed<K>, VA> {
    const builder = this.grouped.stream.builder;
    const storeName = materialized.storeName ?? builder.name('KSTREAM-AGGREGATE-STATE-STORE');
    const { input, keySerde } = this.grouped.prepare(storeName, materialized.keySerde);
    const name = builder.name('KSTREAM-WINDOWED-AGGREGATE');
    const emitStoreName = this.emit === 'onWindowClose' ? `${storeName}-emit` : null;
    const spec = { storeName, emitStoreName, windows: this.windows, fold };
    builder.topology.addProcessor(name, () => new WindowedAggregateProcessor(spec), input.nodeName);
    const logging = materialized.logging ?? true;
    const retentionMs = Math.max(materialized.retentionMs ?? 0, this.windows.retentionMs());
    const store = windowStoreBuilder(storeName, keySerde, materialized.valueSerde, { retentionMs, logging });
    builder.topology.addStateStore(store, name);
    if (emitStoreName !== null) {
      builder.topology.addStateStore(keyValueStoreBuilder(emitStoreName, stringSerde, numberSerde, { logging }), name);
    }
    const getter: ValueGetter<Windowed<K>, VA> = {
      stores: [storeName],
      init(context) {
        const windowStore = context.getStateStore<WindowStore<K, VA>>(storeName);
        return (key) => windowStore.get(key.key, key.window.startMs) ?? null;
      },
    };
    const serdes = { keySerde: windowedSerde(keySerde), valueSerde: materialized.valueSerde };
    return new KTable(builder, name, serdes, getter, storeName);
  }
}
