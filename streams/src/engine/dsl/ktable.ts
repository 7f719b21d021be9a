import type { ProcessorContext } from '../processor/processor.ts';
import { nullableSerde, type Serde } from '../serde/serde.ts';
import type { KeyValueStore } from '../state/keyValueStore.ts';
import type { ViewBackend } from '../topology/nodes.ts';
import { type InternalStreamsBuilder, type Named, statelessSupplier } from './internalBuilder.ts';
import { KStream } from './kstream.ts';
import { tableJoin } from './tableJoin.ts';

/**
 * Reads a table's current value for a key, computed from upstream stores (like
 * Kafka Streams' KTableValueGetter), so filter/mapValues/join results need no
 * store of their own. `stores` must be connected to any processor using it.
 */
export interface ValueGetter<K, V> {
  readonly stores: readonly string[];
  init(context: ProcessorContext): (key: K) => V | null;
}

export function keyValueGetter<K, V>(storeName: string): ValueGetter<K, V> {
  return {
    stores: [storeName],
    init(context) {
      const store = context.getStateStore<KeyValueStore<K, V>>(storeName);
      return (key) => store.get(key) ?? null;
    },
  };
}

/**
 * A changelog stream viewed as a table: each record is the key's new value,
 * null meaning deleted. Records flowing out of a KTable node carry V | null.
 */
export class KTable<K, V> {
  readonly builder: InternalStreamsBuilder;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly getter: ValueGetter<K, V>;
  /** The store holding this table, when it is materialized (sources, aggregations, toTable). */
  readonly queryableStoreName: string | null;

  constructor(
    builder: InternalStreamsBuilder,
    nodeName: string,
    serdes: { keySerde: Serde<K> | undefined; valueSerde: Serde<V> | undefined },
    getter: ValueGetter<K, V>,
    queryableStoreName: string | null,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = serdes.keySerde;
    this.valueSerde = serdes.valueSerde;
    this.getter = getter;
    this.queryableStoreName = queryableStoreName;
  }

  /** Rows failing the predicate become deletes downstream. */
  filter(predicate: (key: K, value: V) => boolean, named?: Named): KTable<K, V> {
    const keep = (key: K, value: V | null) => (value !== null && predicate(key, value) ? value : null);
    return this.derive('KTABLE-FILTER', named, keep, this.valueSerde);
  }

  filterNot(predicate: (key: K, value: V) => boolean, named?: Named): KTable<K, V> {
    return this.filter((key, value) => !predicate(key, value), named);
  }

  mapValues<V2>(mapper: (value: V, key: K) => V2, named?: Named): KTable<K, V2> {
    return this.derive(
      'KTABLE-MAPVALUES',
      named,
      (key, value) => (value === null ? null : mapper(value, key)),
      undefined,
    );
  }

  /** The table's updates as a stream; null values are deletes. */
  toStream(named?: Named): KStream<K, V | null> {
    const name = this.builder.name('KTABLE-TOSTREAM', named?.name);
    this.builder.topology.addProcessor(
      name,
      statelessSupplier((record, forward) => forward(record)),
      this.nodeName,
    );
    const valueSerde = this.valueSerde === undefined ? undefined : nullableSerde(this.valueSerde);
    return new KStream(this.builder, name, { keySerde: this.keySerde, valueSerde }, false);
  }

  /** Inner table–table join: a row exists while both sides have the key. */
  join<VO, VR>(other: KTable<K, VO>, joiner: (value: V, otherValue: VO, key: K) => VR, named?: Named): KTable<K, VR> {
    return tableJoin(this, other, 'inner', (v, o, k) => (v === null || o === null ? null : joiner(v, o, k)), named);
  }

  /** Left table–table join: a row exists while this side has the key. */
  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V, otherValue: VO | null, key: K) => VR,
    named?: Named,
  ): KTable<K, VR> {
    return tableJoin(this, other, 'left', (v, o, k) => (v === null ? null : joiner(v, o, k)), named);
  }

  toPostgres(view: string, named?: Named): void {
    this.toView(view, 'postgres', named);
  }

  toRedis(view: string, named?: Named): void {
    this.toView(view, 'redis', named);
  }

  private toView(view: string, backend: ViewBackend, named?: Named): void {
    const name = this.builder.name('KTABLE-VIEW-SINK', named?.name);
    this.builder.topology.addViewSink(name, { name: view, backend }, this.nodeName);
  }

  /** A table whose value is `compute(key, parentValue)`, as records flow and for lookups alike. */
  private derive<V2>(
    prefix: string,
    named: Named | undefined,
    compute: (key: K, value: V | null) => V2 | null,
    valueSerde: Serde<V2> | undefined,
  ): KTable<K, V2> {
    const name = this.builder.name(prefix, named?.name);
    const supplier = statelessSupplier<K, V | null, K, V2 | null>((record, forward) =>
      forward({ ...record, value: compute(record.key, record.value) }),
    );
    this.builder.topology.addProcessor(name, supplier, this.nodeName);
    const parent = this.getter;
    const getter: ValueGetter<K, V2> = {
      stores: parent.stores,
      init(context) {
        const lookup = parent.init(context);
        return (key) => compute(key, lookup(key));
      },
    };
    return new KTable(this.builder, name, { keySerde: this.keySerde, valueSerde }, getter, null);
  }
}
