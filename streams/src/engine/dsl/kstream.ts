import { assert } from '../assert.ts';
import type { ProcessorSupplier } from '../processor/processor.ts';
import type { KeyValue } from '../processor/record.ts';
import { nullableSerde, type Serde } from '../serde/serde.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import type { ViewBackend } from '../topology/nodes.ts';
import { BranchedKStream } from './branched.ts';
import { type InternalStreamsBuilder, type Named, requireSerde, statelessSupplier } from './internalBuilder.ts';
import { KGroupedStream } from './kgroupedStream.ts';
import { KTable, keyValueGetter } from './ktable.ts';
import type { Grouped, Materialized, Produced, Repartitioned, StreamJoined } from './options.ts';
import { materializeSupplier } from './processors.ts';
import { type GlobalKTable, streamGlobalJoin, streamStreamJoin, streamTableJoin } from './streamJoins.ts';
import type { JoinWindows } from './windows.ts';

/** Records one flatMap call may emit; the task also caps forwards per call. */
export const FLAT_MAP_RESULTS_MAX = 10_000;

/**
 * A record stream. Operators add processors to the builder's topology and
 * return new streams; nothing runs until a task runs the built topology.
 * Serdes travel along while the types stay the same, and are dropped (must be
 * given again) where an operator changes the key or value type.
 */
export class KStream<K, V> {
  readonly builder: InternalStreamsBuilder;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** The key may have changed: the next key-based stateful operation repartitions first. */
  readonly repartitionRequired: boolean;

  constructor(
    builder: InternalStreamsBuilder,
    nodeName: string,
    serdes: { keySerde: Serde<K> | undefined; valueSerde: Serde<V> | undefined },
    repartitionRequired: boolean,
  ) {
    this.builder = builder;
    this.nodeName = nodeName;
    this.keySerde = serdes.keySerde;
    this.valueSerde = serdes.valueSerde;
    this.repartitionRequired = repartitionRequired;
  }

  filter(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    const supplier = statelessSupplier<K, V, K, V>((record, forward) => {
      if (predicate(record.key, record.value)) forward(record);
    });
    return this.chain('KSTREAM-FILTER', named, supplier, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  filterNot(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    return this.filter((key, value) => !predicate(key, value), named);
  }

  map<K2, V2>(mapper: (key: K, value: V) => KeyValue<K2, V2>, named?: Named): KStream<K2, V2> {
    const supplier = statelessSupplier<K, V, K2, V2>((record, forward) => {
      const mapped = mapper(record.key, record.value);
      forward({ ...record, key: mapped.key, value: mapped.value });
    });
    return this.chain('KSTREAM-MAP', named, supplier, undefined, undefined, true);
  }

  mapValues<V2>(mapper: (value: V, key: K) => V2, named?: Named): KStream<K, V2> {
    const supplier = statelessSupplier<K, V, K, V2>((record, forward) =>
      forward({ ...record, value: mapper(record.value, record.key) }),
    );
    return this.chain('KSTREAM-MAPVALUES', named, supplier, this.keySerde, undefined, this.repartitionRequired);
  }

  flatMap<K2, V2>(mapper: (key: K, value: V) => Iterable<KeyValue<K2, V2>>, named?: Named): KStream<K2, V2> {
    const supplier = statelessSupplier<K, V, K2, V2>((record, forward) => {
      let count = 0;
      for (const result of mapper(record.key, record.value)) {
        assert(++count <= FLAT_MAP_RESULTS_MAX, `flatMap emitted over ${FLAT_MAP_RESULTS_MAX} records`);
        forward({ ...record, key: result.key, value: result.value });
      }
    });
    return this.chain('KSTREAM-FLATMAP', named, supplier, undefined, undefined, true);
  }

  flatMapValues<V2>(mapper: (value: V, key: K) => Iterable<V2>, named?: Named): KStream<K, V2> {
    const supplier = statelessSupplier<K, V, K, V2>((record, forward) => {
      let count = 0;
      for (const value of mapper(record.value, record.key)) {
        assert(++count <= FLAT_MAP_RESULTS_MAX, `flatMapValues emitted over ${FLAT_MAP_RESULTS_MAX} records`);
        forward({ ...record, value });
      }
    });
    return this.chain('KSTREAM-FLATMAPVALUES', named, supplier, this.keySerde, undefined, this.repartitionRequired);
  }

  /** Sees each record and passes it on unchanged. */
  peek(action: (key: K, value: V) => void, named?: Named): KStream<K, V> {
    const supplier = statelessSupplier<K, V, K, V>((record, forward) => {
      action(record.key, record.value);
      forward(record);
    });
    return this.chain('KSTREAM-PEEK', named, supplier, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  /** Terminal: sees each record. Side effects here are not exactly-once; prefer views and sinks. */
  foreach(action: (key: K, value: V) => void, named?: Named): void {
    const supplier = statelessSupplier<K, V, never, never>((record) => action(record.key, record.value));
    this.chain('KSTREAM-FOREACH', named, supplier, undefined, undefined, false);
  }

  selectKey<K2>(mapper: (key: K, value: V) => K2, named?: Named): KStream<K2, V> {
    const supplier = statelessSupplier<K, V, K2, V>((record, forward) =>
      forward({ ...record, key: mapper(record.key, record.value) }),
    );
    return this.chain('KSTREAM-KEY-SELECT', named, supplier, undefined, this.valueSerde, true);
  }

  /** Routes each record to the first branch whose predicate matches. */
  split(named?: Named): BranchedKStream<K, V> {
    return new BranchedKStream(this, named?.name);
  }

  merge(other: KStream<K, V>, named?: Named): KStream<K, V> {
    assert(other.builder === this.builder, 'cannot merge streams of different builders');
    const name = this.builder.name('KSTREAM-MERGE', named?.name);
    const supplier = statelessSupplier<K, V, K, V>((record, forward) => forward(record));
    this.builder.topology.addProcessor(name, supplier, this.nodeName, other.nodeName);
    const serdes = { keySerde: this.keySerde ?? other.keySerde, valueSerde: this.valueSerde ?? other.valueSerde };
    return new KStream(this.builder, name, serdes, this.repartitionRequired || other.repartitionRequired);
  }

  /** A custom processor; it may rekey, so a later grouping repartitions. */
  process<KOut, VOut>(
    supplier: ProcessorSupplier<K, V, KOut, VOut>,
    options: { stores?: readonly string[]; name?: string } = {},
  ): KStream<KOut, VOut> {
    const next = this.chain<KOut, VOut>('KSTREAM-PROCESSOR', options, supplier, undefined, undefined, true);
    for (const store of options.stores ?? [])
      this.builder.topology.connectProcessorAndStateStores(store, [next.nodeName]);
    return next;
  }

  /** Forces a trip through `<appId>-<name>-repartition`, partitioned by the current key. */
  repartition(options: Repartitioned<K, V> = {}): KStream<K, V> {
    const base = options.name ?? this.builder.name('KSTREAM-REPARTITION');
    return this.throughRepartition(base, options.keySerde ?? this.keySerde, options.valueSerde ?? this.valueSerde);
  }

  groupByKey(grouped: Grouped<K, V> = {}): KGroupedStream<K, V> {
    return new KGroupedStream(this, grouped);
  }

  groupBy<K2>(selector: (key: K, value: V) => K2, grouped: Grouped<K2, V> = {}): KGroupedStream<K2, V> {
    return this.selectKey(
      selector,
      grouped.name === undefined ? undefined : { name: `${grouped.name}-select` },
    ).groupByKey(grouped);
  }

  to(topic: string, produced: Produced<K, V> = {}): void {
    const keySerde = requireSerde(produced.keySerde ?? this.keySerde, 'key serde', `to(${topic})`);
    const valueSerde = requireSerde(produced.valueSerde ?? this.valueSerde, 'value serde', `to(${topic})`);
    const name = this.builder.name('KSTREAM-SINK', produced.name);
    if (produced.partitioner === undefined)
      this.builder.topology.addSink(name, topic, keySerde, valueSerde, this.nodeName);
    else this.builder.topology.addSink(name, topic, keySerde, valueSerde, this.nodeName, produced.partitioner);
  }

  /** Latest value per key in a store (null values delete); repartitions first if the key changed. */
  toTable(materialized: Materialized<K, V> = {}): KTable<K, V> {
    const storeName = materialized.storeName ?? this.builder.name('KSTREAM-TOTABLE-STATE-STORE');
    const keySerde = requireSerde(materialized.keySerde ?? this.keySerde, 'key serde', `toTable(${storeName})`);
    const valueSerde = requireSerde(materialized.valueSerde ?? this.valueSerde, 'value serde', `toTable(${storeName})`);
    const input = this.repartitionIfRequired(storeName, keySerde, valueSerde);
    const name = this.builder.name('KSTREAM-TOTABLE');
    this.builder.topology.addProcessor(name, materializeSupplier<K, V>(storeName), input.nodeName);
    const store = keyValueStoreBuilder(storeName, keySerde, valueSerde, { logging: materialized.logging ?? true });
    this.builder.topology.addStateStore(store, name);
    return new KTable(this.builder, name, { keySerde, valueSerde }, keyValueGetter(storeName), storeName);
  }

  toPostgres(view: string, named?: Named): void {
    this.toView(view, 'postgres', named);
  }

  toRedis(view: string, named?: Named): void {
    this.toView(view, 'redis', named);
  }

  /** Stream–table join (inner): records without a table row are dropped. */
  join<VT, VR>(table: KTable<K, VT>, joiner: (value: V, tableValue: VT, key: K) => VR, named?: Named): KStream<K, VR>;
  /** Stream–GlobalKTable join (inner), looking the global row up by `keySelector`. */
  join<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: (key: K, value: V) => GK,
    joiner: (value: V, globalValue: GV, key: K) => VR,
  ): KStream<K, VR>;
  /** Windowed stream–stream inner join: pairs whose timestamps lie within the join windows. */
  join<VO, VR>(
    other: KStream<K, VO>,
    joiner: (value: V, otherValue: VO, key: K) => VR,
    windows: JoinWindows,
    joined?: StreamJoined<K, V, VO>,
  ): KStream<K, VR>;
  join(target: unknown, second: unknown, third?: unknown, fourth?: unknown): KStream<K, unknown> {
    return this.dispatchJoin('inner', target, second, third, fourth);
  }

  /** Stream–table left join: the joiner sees null when the table has no row. */
  leftJoin<VT, VR>(
    table: KTable<K, VT>,
    joiner: (value: V, tableValue: VT | null, key: K) => VR,
    named?: Named,
  ): KStream<K, VR>;
  leftJoin<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: (key: K, value: V) => GK,
    joiner: (value: V, globalValue: GV | null, key: K) => VR,
  ): KStream<K, VR>;
  leftJoin(target: unknown, second: unknown, third?: unknown): KStream<K, unknown> {
    return this.dispatchJoin('left', target, second, third, undefined);
  }

  /** The stream, partitioned by its current key: through a repartition topic if the key changed. */
  repartitionIfRequired(base: string, keySerde?: Serde<K>, valueSerde?: Serde<V>): KStream<K, V> {
    if (!this.repartitionRequired) return this;
    return this.throughRepartition(base, keySerde ?? this.keySerde, valueSerde ?? this.valueSerde);
  }

  private dispatchJoin(kind: 'inner' | 'left', target: unknown, second: unknown, third: unknown, fourth: unknown) {
    type Joiner = (value: V, other: unknown, key: K) => unknown;
    if (target instanceof KTable)
      return streamTableJoin(this, target, kind, second as Joiner, third as Named | undefined);
    if (target instanceof KStream) {
      assert(kind === 'inner', 'only inner windowed stream–stream joins are supported');
      return streamStreamJoin(
        this,
        target,
        second as Joiner,
        third as JoinWindows,
        fourth as StreamJoined<K, V, unknown>,
      );
    }
    const global = target as GlobalKTable<unknown, unknown>;
    assert(typeof global?.storeName === 'string', 'join target must be a KTable, GlobalKTable or KStream');
    return streamGlobalJoin(this, global, kind, second as (key: K, value: V) => unknown, third as Joiner);
  }

  private throughRepartition(base: string, keySerde?: Serde<K>, valueSerde?: Serde<V>): KStream<K, V> {
    const topic = `${base}-repartition`;
    const key = requireSerde(keySerde, 'key serde', `repartition topic ${topic}`);
    const value = requireSerde(valueSerde, 'value serde', `repartition topic ${topic}`);
    const topology = this.builder.topology;
    topology.addInternalTopic(topic);
    // A null key has no partition to go to; Kafka Streams drops it here too.
    const filter = statelessSupplier<K, V, K, V>((record, forward, context) => {
      if (record.key === null) context.recordDropped('null-key');
      else forward(record);
    });
    topology.addProcessor(`${topic}-filter`, filter, this.nodeName);
    topology.addSink(`${topic}-sink`, topic, key, value, `${topic}-filter`);
    // Values may be tombstones (a table's deletes), so the reading side accepts null bytes.
    topology.addSource(`${topic}-source`, [topic], key, nullableSerde(value));
    return new KStream(this.builder, `${topic}-source`, { keySerde: key, valueSerde: value }, false);
  }

  private toView(view: string, backend: ViewBackend, named?: Named): void {
    const name = this.builder.name('KSTREAM-VIEW-SINK', named?.name);
    this.builder.topology.addViewSink(name, { name: view, backend }, this.nodeName);
  }

  private chain<K2, V2>(
    prefix: string,
    named: Named | undefined,
    supplier: ProcessorSupplier<K, V, K2, V2>,
    keySerde: Serde<K2> | undefined,
    valueSerde: Serde<V2> | undefined,
    repartitionRequired: boolean,
  ): KStream<K2, V2> {
    const name = this.builder.name(prefix, named?.name);
    this.builder.topology.addProcessor(name, supplier as ProcessorSupplier, this.nodeName);
    return new KStream(this.builder, name, { keySerde, valueSerde }, repartitionRequired);
  }
}
