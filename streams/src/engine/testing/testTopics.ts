import { assert } from '../assert.ts';
import type { Headers, KeyValue } from '../processor/record.ts';
import { NO_HEADERS } from '../processor/record.ts';
import type { Serde } from '../serde/serde.ts';

export interface TestRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp: number;
  readonly headers: Headers;
  readonly partition: number;
}

export interface InputRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp?: number;
  readonly headers?: Headers;
  readonly partition?: number;
}

/** What the topics need from the driver; keeps them free of its internals. */
export interface TopicDriver {
  pipeRaw(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    timestampMs: number | undefined,
    headers: Headers,
    partition: number | undefined,
  ): void;
  readRaw(topic: string): RawRecord | undefined;
  queueSize(topic: string): number;
}

export interface RawRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestampMs: number;
  readonly headers: Headers;
  readonly partition: number;
}

/** Input records bigger than this list are a test bug; the driver processes each synchronously. */
export const PIPE_RECORD_LIST_MAX = 1_000_000;

/** A topic of the test driver with the serdes its records go through. */
abstract class TestTopic<K, V> {
  readonly name: string;
  protected readonly driver: TopicDriver;
  protected readonly keySerde: Serde<K>;
  protected readonly valueSerde: Serde<V>;

  constructor(driver: TopicDriver, name: string, keySerde: Serde<K>, valueSerde: Serde<V>) {
    this.driver = driver;
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }
}

export class TestInputTopic<K, V> extends TestTopic<K, V> {
  /** Null key or value is piped as null bytes (a tombstone), without calling the serde. */
  pipeInput(
    key: K | null,
    value: V | null,
    timestampMs?: number,
    options: { headers?: Headers; partition?: number } = {},
  ) {
    const keyBytes = key === null ? null : this.keySerde.serialize(key);
    const valueBytes = value === null ? null : this.valueSerde.serialize(value);
    this.driver.pipeRaw(this.name, keyBytes, valueBytes, timestampMs, options.headers ?? NO_HEADERS, options.partition);
  }

  pipeRecordList(records: ReadonlyArray<InputRecord<K, V>>): void {
    assert(records.length <= PIPE_RECORD_LIST_MAX, `more than ${PIPE_RECORD_LIST_MAX} records`);
    for (const record of records) {
      this.pipeInput(record.key, record.value, record.timestamp, {
        headers: record.headers ?? NO_HEADERS,
        ...(record.partition === undefined ? {} : { partition: record.partition }),
      });
    }
  }

  pipeKeyValueList(records: ReadonlyArray<KeyValue<K | null, V | null>>, startMs?: number, advanceMs = 0): void {
    assert(records.length <= PIPE_RECORD_LIST_MAX, `more than ${PIPE_RECORD_LIST_MAX} records`);
    records.forEach((record, index) => {
      this.pipeInput(record.key, record.value, startMs === undefined ? undefined : startMs + index * advanceMs);
    });
  }
}

/** Reading consumes: each record is returned once, in produce order across partitions. */
export class TestOutputTopic<K, V> extends TestTopic<K, V> {
  readRecord(): TestRecord<K, V> {
    const raw = this.driver.readRaw(this.name);
    assert(raw !== undefined, `output topic ${this.name} is empty`);
    return {
      key: raw.key === null ? null : this.keySerde.deserialize(raw.key),
      value: raw.value === null ? null : this.valueSerde.deserialize(raw.value),
      timestamp: raw.timestampMs,
      headers: raw.headers,
      partition: raw.partition,
    };
  }

  readKeyValue(): KeyValue<K | null, V | null> {
    const record = this.readRecord();
    return { key: record.key, value: record.value };
  }

  readValue(): V | null {
    return this.readRecord().value;
  }

  readRecordsToList(): Array<TestRecord<K, V>> {
    const records: Array<TestRecord<K, V>> = [];
    while (!this.isEmpty()) records.push(this.readRecord());
    return records;
  }

  readKeyValuesToList(): Array<KeyValue<K | null, V | null>> {
    return this.readRecordsToList().map((record) => ({ key: record.key, value: record.value }));
  }

  /** Latest value per key (JSON of the key), tombstones removing it: what a compacted topic converges to. */
  readKeyValuesToMap(): Map<string, V> {
    const map = new Map<string, V>();
    for (const record of this.readRecordsToList()) {
      const key = JSON.stringify(record.key);
      if (record.value === null) map.delete(key);
      else map.set(key, record.value);
    }
    return map;
  }

  isEmpty(): boolean {
    return this.driver.queueSize(this.name) === 0;
  }

  getQueueSize(): number {
    return this.driver.queueSize(this.name);
  }
}
