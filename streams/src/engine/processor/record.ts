/** Record headers as UTF-8 strings; the runtime converts Kafka's byte headers. */
export type Headers = { readonly [name: string]: string };

/**
 * One record flowing through the graph. Named StreamRecord inside the engine so
 * it never shadows TypeScript's global Record; exported as `Record` too.
 */
export interface StreamRecord<K, V> {
  readonly key: K;
  readonly value: V;
  /** Event time in epoch milliseconds; drives stream time and windows. */
  readonly timestamp: number;
  readonly headers: Headers;
}

export type { StreamRecord as Record };

/** Where the record being processed came from; null inside punctuators. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface KeyValue<K, V> {
  readonly key: K;
  readonly value: V;
}

export const NO_HEADERS: Headers = Object.freeze({});
