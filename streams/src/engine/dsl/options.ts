import type { Serde } from '../serde/serde.ts';
import type { StreamPartitioner } from '../topology/nodes.ts';

export interface Consumed<K, V> {
  readonly keySerde: Serde<K>;
  readonly valueSerde: Serde<V>;
  readonly name?: string;
}

export interface TableConsumed<K, V> extends Consumed<K, V> {
  readonly storeName?: string;
}

export interface Produced<K, V> {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly partitioner?: StreamPartitioner<K, V>;
  readonly name?: string;
}

/** Serdes and name for the repartition topic a grouping may need (`<appId>-<name>-repartition`). */
export interface Grouped<K, V> {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly name?: string;
}

export interface Repartitioned<K, V> extends Grouped<K, V> {}

/** Where a table lives: a named store (generated when omitted), changelogged unless logging is false. */
export interface Materialized<K, V> {
  readonly storeName?: string;
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly logging?: boolean;
}

export interface StreamJoined<K, V, VO> {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly otherValueSerde?: Serde<VO>;
  readonly name?: string;
}
