import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSerde, zodSerde } from './json.ts';
import { bigintSerde, bytesSerde, decimalSerde, numberSerde, stringSerde } from './primitive.ts';
import { nullableSerde, SerdeError } from './serde.ts';
import { windowedSerde } from './windowed.ts';

function serdeError(fn: () => unknown): SerdeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SerdeError);
    return error as SerdeError;
  }
  throw new Error('expected a SerdeError');
}

describe('serdes', () => {
  it('round-trips strings and rejects tombstones and invalid UTF-8', () => {
    expect(stringSerde.deserialize(stringSerde.serialize('grüße'))).toBe('grüße');
    expect(serdeError(() => stringSerde.deserialize(null)).reason).toMatch(/tombstone/);
    expect(serdeError(() => stringSerde.deserialize(Buffer.from([0xff, 0xfe]))).reason).toBe('invalid UTF-8');
  });

  it('encodes counts as Kafka longs', () => {
    expect(numberSerde.serialize(258)).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]));
    expect(numberSerde.deserialize(numberSerde.serialize(-42))).toBe(-42);
    expect(bigintSerde.deserialize(bigintSerde.serialize(2n ** 62n))).toBe(2n ** 62n);
    expect(serdeError(() => numberSerde.serialize(1.5)).direction).toBe('serialize');
    expect(serdeError(() => numberSerde.deserialize(bigintSerde.serialize(2n ** 60n))).reason).toMatch(/2\^53/);
    expect(serdeError(() => bigintSerde.deserialize(Buffer.from([1]))).reason).toMatch(/8 bytes/);
  });

  it('carries decimals as plain strings', () => {
    expect(decimalSerde.serialize(new Decimal('1e-9'))!.toString()).toBe('0.000000001');
    expect(decimalSerde.deserialize(Buffer.from('12.34')).toFixed(2)).toBe('12.34');
    expect(serdeError(() => decimalSerde.deserialize(Buffer.from('1e3'))).reason).toMatch(/decimal/);
    expect(
      jsonSerde<unknown>()
        .serialize({ amount: new Decimal('0.30') })!
        .toString(),
    ).toBe('{"amount":"0.3"}');
  });

  it('copies bytes and maps null through nullableSerde', () => {
    const source = Buffer.from([1, 2]);
    const copy = bytesSerde.serialize(source)!;
    source[0] = 9;
    expect(copy[0]).toBe(1);
    const nullable = nullableSerde(stringSerde);
    expect(nullable.serialize(null)).toBeNull();
    expect(nullable.deserialize(null)).toBeNull();
    expect(nullable.deserialize(Buffer.from('x'))).toBe('x');
  });

  it('json serde reports bad JSON as a SerdeError', () => {
    const serde = jsonSerde<{ a: number }>();
    expect(serde.deserialize(serde.serialize({ a: 1 }))).toEqual({ a: 1 });
    expect(serdeError(() => serde.deserialize(Buffer.from('{'))).reason).toMatch(/invalid JSON/);
    expect(serdeError(() => serde.serialize({ a: 1n } as never)).reason).toMatch(/JSON-serializable/);
  });

  it('zod serde validates both directions and names the field', () => {
    const Payment = z.object({ id: z.string(), amount: z.string().regex(/^\d+\.\d{2}$/) });
    const serde = zodSerde(Payment);
    expect(serde.deserialize(serde.serialize({ id: 'p1', amount: '1.00' }))).toEqual({ id: 'p1', amount: '1.00' });
    expect(serdeError(() => serde.serialize({ id: 'p1', amount: '1' })).reason).toMatch(/^schema violation: amount:/);
    const bad = Buffer.from(JSON.stringify({ id: 7, amount: '1.00' }));
    const error = serdeError(() => serde.deserialize(bad));
    expect(error.direction).toBe('deserialize');
    expect(error.reason).toMatch(/id:/);
  });

  it('windowed keys round-trip and sort by key then start', () => {
    const serde = windowedSerde(stringSerde);
    const value = { key: 'acct', window: { startMs: 1000, endMs: 2000 } };
    expect(serde.deserialize(serde.serialize(value))).toEqual(value);
    const early = serde.serialize({ key: 'a', window: { startMs: 5, endMs: 10 } })!;
    const late = serde.serialize({ key: 'a', window: { startMs: 6, endMs: 11 } })!;
    expect(Buffer.compare(early, late)).toBe(-1);
  });
});
