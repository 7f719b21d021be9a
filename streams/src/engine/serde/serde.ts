/**
 * A Serde turns a typed value into record bytes and back. `null` bytes are a
 * Kafka tombstone; the built-in serdes reject them (a tombstone on a command
 * topic is bad data) and `nullableSerde` opts in where tombstones mean delete.
 */
export interface Serde<T> {
  serialize(value: T): Buffer | null;
  deserialize(bytes: Buffer | null): T;
}

export type SerdeDirection = 'serialize' | 'deserialize';

/**
 * Bad data, not a bug: the runtime turns it into a dead-letter record carrying
 * `reason`, so the reason must name the offending field where it can.
 */
export class SerdeError extends Error {
  readonly direction: SerdeDirection;
  readonly reason: string;

  constructor(direction: SerdeDirection, reason: string) {
    super(`${direction} failed: ${reason}`);
    this.name = 'SerdeError';
    this.direction = direction;
    this.reason = reason;
  }
}

/** Maps null to a tombstone (null bytes) and back, delegating everything else. */
export function nullableSerde<T>(inner: Serde<T>): Serde<T | null> {
  return {
    serialize: (value) => (value === null ? null : inner.serialize(value)),
    deserialize: (bytes) => (bytes === null ? null : inner.deserialize(bytes)),
  };
}

/** The non-null bytes of a value; a store or a key never holds a tombstone. */
export function serializeNonNull<T>(serde: Serde<T>, value: T, what: string): Buffer {
  const bytes = serde.serialize(value);
  if (bytes === null) throw new SerdeError('serialize', `${what} serialized to null`);
  return bytes;
}
