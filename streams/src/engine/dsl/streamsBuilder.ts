import { nullableSerde } from '../serde/serde.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import type { StoreBuilder } from '../state/store.ts';
import type { Topology } from '../topology/topology.ts';
import { InternalStreamsBuilder } from './internalBuilder.ts';
import { KStream } from './kstream.ts';
import { KTable, keyValueGetter } from './ktable.ts';
import type { Consumed, TableConsumed } from './options.ts';
import { globalUpdateSupplier, materializeSupplier } from './processors.ts';
import { GlobalKTable } from './streamJoins.ts';

/** The DSL entry point: define streams and tables, then build() the Processor API Topology. */
export class StreamsBuilder {
  private readonly internal = new InternalStreamsBuilder();

  stream<K, V>(topics: string | readonly string[], consumed: Consumed<K, V>): KStream<K, V> {
    const name = this.internal.name('KSTREAM-SOURCE', consumed.name);
    this.internal.topology.addSource(name, topics, consumed.keySerde, consumed.valueSerde);
    return new KStream(this.internal, name, { keySerde: consumed.keySerde, valueSerde: consumed.valueSerde }, false);
  }

  /** A changelog topic as a table, materialized in a (changelogged) store; tombstones delete. */
  table<K, V>(topic: string, consumed: TableConsumed<K, V>): KTable<K, V> {
    const sourceName = this.internal.name('KSTREAM-SOURCE', consumed.name);
    const storeName = consumed.storeName ?? this.internal.name(`${topic}-STATE-STORE`);
    const name = this.internal.name('KTABLE-SOURCE');
    const topology = this.internal.topology;
    topology.addSource(sourceName, [topic], consumed.keySerde, nullableSerde(consumed.valueSerde));
    topology.addProcessor(name, materializeSupplier<K, V>(storeName), sourceName);
    topology.addStateStore(keyValueStoreBuilder(storeName, consumed.keySerde, consumed.valueSerde), name);
    const serdes = { keySerde: consumed.keySerde, valueSerde: consumed.valueSerde };
    return new KTable(this.internal, name, serdes, keyValueGetter<K, V>(storeName), storeName);
  }

  /** Every partition of `topic` in a global store on every instance; the topic is its changelog. */
  globalTable<K, V>(topic: string, consumed: TableConsumed<K, V>): GlobalKTable<K, V> {
    const sourceName = this.internal.name('KSTREAM-SOURCE', consumed.name);
    const storeName = consumed.storeName ?? this.internal.name(`${topic}-GLOBAL-STORE`);
    const name = this.internal.name('KTABLE-SOURCE');
    const store = keyValueStoreBuilder(storeName, consumed.keySerde, consumed.valueSerde, { logging: false });
    const valueSerde = nullableSerde(consumed.valueSerde);
    const update = globalUpdateSupplier<K, V>(storeName);
    this.internal.topology.addGlobalStore(store, sourceName, topic, consumed.keySerde, valueSerde, name, update);
    return new GlobalKTable(storeName, consumed.keySerde, consumed.valueSerde);
  }

  /** A store for KStream.process(); connect it by naming it in the process() options. */
  addStateStore(builder: StoreBuilder): this {
    this.internal.topology.addStateStore(builder);
    return this;
  }

  build(): Topology {
    return this.internal.build();
  }
}
