import { type Serde, SerdeError, serializeNonNull } from './serde.ts';

/** A window [startMs, endMs): start inclusive, end exclusive (sessions: both inclusive). */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** The key of a windowed aggregate: the grouping key plus its window. */
export interface Windowed<K> {
  readonly key: K;
  readonly window: TimeWindow;
}

const WINDOW_SUFFIX_BYTES = 16;

/** Key bytes followed by start and end as big-endian int64, so keys sort by key, then time. */
export function windowedSerde<K>(keySerde: Serde<K>): Serde<Windowed<K>> {
  return {
    serialize(value) {
      const key = serializeNonNull(keySerde, value.key, 'windowed key');
      const suffix = Buffer.alloc(WINDOW_SUFFIX_BYTES);
      suffix.writeBigInt64BE(BigInt(value.window.startMs), 0);
      suffix.writeBigInt64BE(BigInt(value.window.endMs), 8);
      return Buffer.concat([key, suffix]);
    },
    deserialize(bytes) {
      if (bytes === null || bytes.length < WINDOW_SUFFIX_BYTES) {
        throw new SerdeError('deserialize', 'windowed key needs at least 16 bytes');
      }
      const split = bytes.length - WINDOW_SUFFIX_BYTES;
      const key = keySerde.deserialize(bytes.subarray(0, split));
      const startMs = Number(bytes.readBigInt64BE(split));
      const endMs = Number(bytes.readBigInt64BE(split + 8));
      return { key, window: { startMs, endMs } };
    },
  };
}
