import Decimal from 'decimal.js';
import { type Serde, SerdeError } from './serde.ts';

/** Invalid UTF-8 is bad data: decoding must fail, never substitute U+FFFD. */
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const INT64_BYTES = 8;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Plain decimal notation only; exponents would bypass the money regexes downstream. */
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

function requireBytes(bytes: Buffer | null, what: string): Buffer {
  if (bytes === null) throw new SerdeError('deserialize', `null bytes (tombstone) where ${what} was expected`);
  return bytes;
}

export const stringSerde: Serde<string> = {
  serialize(value) {
    if (typeof value !== 'string') throw new SerdeError('serialize', `expected a string, got ${typeof value}`);
    return Buffer.from(value, 'utf8');
  },
  deserialize(bytes) {
    try {
      return utf8Decoder.decode(requireBytes(bytes, 'a string'));
    } catch (error) {
      if (error instanceof SerdeError) throw error;
      throw new SerdeError('deserialize', 'invalid UTF-8');
    }
  },
};

/** Raw bytes, copied so that a caller reusing its buffer cannot change stored data. */
export const bytesSerde: Serde<Buffer> = {
  serialize: (value) => Buffer.from(value),
  deserialize: (bytes) => Buffer.from(requireBytes(bytes, 'bytes')),
};

/** Signed 64-bit big-endian, the wire format of Kafka's LongSerde. */
export const bigintSerde: Serde<bigint> = {
  serialize(value) {
    if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) {
      throw new SerdeError('serialize', `expected a 64-bit bigint, got ${String(value)}`);
    }
    const bytes = Buffer.alloc(INT64_BYTES);
    bytes.writeBigInt64BE(value);
    return bytes;
  },
  deserialize(bytes) {
    const present = requireBytes(bytes, 'an int64');
    if (present.length !== INT64_BYTES)
      throw new SerdeError('deserialize', `int64 needs 8 bytes, got ${present.length}`);
    return present.readBigInt64BE(0);
  },
};

/** Counts as JS numbers on the LongSerde wire format; only safe integers fit. */
export const numberSerde: Serde<number> = {
  serialize(value) {
    if (!Number.isSafeInteger(value)) throw new SerdeError('serialize', `expected a safe integer, got ${value}`);
    return bigintSerde.serialize(BigInt(value));
  },
  deserialize(bytes) {
    const value = bigintSerde.deserialize(bytes);
    const result = Number(value);
    if (!Number.isSafeInteger(result)) throw new SerdeError('deserialize', `int64 ${value} exceeds 2^53`);
    return result;
  },
};

/** Decimals travel as plain decimal strings ("12.34"), never as binary floats. */
export const decimalSerde: Serde<Decimal> = {
  serialize(value) {
    if (!Decimal.isDecimal(value) || !value.isFinite()) throw new SerdeError('serialize', 'expected a finite Decimal');
    return Buffer.from(value.toFixed(), 'utf8');
  },
  deserialize(bytes) {
    const text = stringSerde.deserialize(bytes);
    if (!DECIMAL_PATTERN.test(text))
      throw new SerdeError('deserialize', `not a decimal string: ${JSON.stringify(text)}`);
    return new Decimal(text);
  },
};
