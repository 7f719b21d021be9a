import { numberSerde, stringSerde } from '../serde/primitive.ts';
import type { Serde } from '../serde/serde.ts';
import { type Windowed, windowedSerde } from '../serde/windowed.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { type SessionStore, sessionStoreBuilder } from '../state/sessionStore.ts';
import { requireSerde } from './internalBuilder.ts';
import type { KGroupedStream } from './kgroupedStream.ts';
import { KTable, type ValueGetter } from './ktable.ts';
import type { Materialized } from './options.ts';
import type { Fold } from './processors.ts';
import { SessionAggregateProcessor } from './sessionAggregate.ts';
import type { EmitStrategy, SessionWindows } from './windows.ts';

export class SessionWindowedKStream<K, V> {
  private readonly grouped: KGroupedStream<K, V>;
  private readonly windows: SessionWindows;
  private readonly emit: EmitStrategy;

  constructor(grouped: KGroupedStream<K, V>, windows: SessionWindows, emit: EmitStrategy) {
    this.grouped = grouped;
    this.windows = windows;
    this.emit = emit;
  }

  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V> {
    return new SessionWindowedKStream(this.grouped, this.windows, strategy);
  }

  count(materialized: Materialized<K, number> = {}): KTable<Windowed<K>, number> {
    const valueSerde = materialized.valueSerde ?? numberSerde;
    const fold: Fold<K, V, number> = (_key, _value, previous) => (previous ?? 0) + 1;
    return this.build(fold, (_key, a, b) => a + b, { ...materialized, valueSerde });
  }

  reduce(reducer: (aggregate: V, value: V) => V, materialized: Materialized<K, V> = {}): KTable<Windowed<K>, V> {
    const serde = materialized.valueSerde ?? this.grouped.grouped.valueSerde ?? this.grouped.stream.valueSerde;
    const valueSerde = requireSerde(serde, 'value serde', 'session reduce()');
    const fold: Fold<K, V, V> = (_key, value, previous) => (previous === undefined ? value : reducer(previous, value));
    return this.build(fold, (_key, a, b) => reducer(a, b), { ...materialized, valueSerde });
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    merger: (key: K, left: VA, right: VA) => VA,
    materialized: Materialized<K, VA> & { readonly valueSerde: Serde<VA> },
  ): KTable<Windowed<K>, VA> {
    const fold: Fold<K, V, VA> = (key, value, previous) => aggregator(key, value, previous ?? initializer());
    return this.build(fold, merger, materialized);
  }

  private build<VA>(
    fold: Fold<K, V, VA>,
    merge: (key: K, left: VA, right: VA) => VA,
    materialized: Materialized<K, VA> & { valueSerde: Serde<VA> },
  ): KTable<Windowed<K>, VA> {
    const builder = this.grouped.stream.builder;
    const storeName = materialized.storeName ?? builder.name('KSTREAM-AGGREGATE-STATE-STORE');
    const { input, keySerde } = this.grouped.prepare(storeName, materialized.keySerde);
    const name = builder.name('KSTREAM-SESSION-AGGREGATE');
    const emitStoreName = this.emit === 'onWindowClose' ? `${storeName}-emit` : null;
    const spec = { storeName, emitStoreName, windows: this.windows, fold, merge };
    builder.topology.addProcessor(name, () => new SessionAggregateProcessor(spec), input.nodeName);
    const logging = materialized.logging ?? true;
    const retentionMs = this.windows.retentionMs();
    builder.topology.addStateStore(
      sessionStoreBuilder(storeName, keySerde, materialized.valueSerde, { retentionMs, logging }),
      name,
    );
    if (emitStoreName !== null) {
      builder.topology.addStateStore(keyValueStoreBuilder(emitStoreName, stringSerde, numberSerde, { logging }), name);
    }
    const getter: ValueGetter<Windowed<K>, VA> = {
      stores: [storeName],
      init(context) {
        const store = context.getStateStore<SessionStore<K, VA>>(storeName);
        return (key) => store.fetchSession(key.key, key.window.startMs, key.window.endMs) ?? null;
      },
    };
    const serdes = { keySerde: windowedSerde(keySerde), valueSerde: materialized.valueSerde };
    return new KTable<Windowed<K>, VA>(builder, name, serdes, getter, storeName);
  }
}
