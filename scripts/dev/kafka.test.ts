import { describe, expect, it } from 'vitest';
import { kafkaClusterId } from './kafka.ts';

describe('kafkaClusterId', () => {
  it('never starts with "-" (kafka-storage would read it as an option), across many draws', () => {
    // A plain base64url draw starts with "-" once in 64: 10,000 draws would hit it ~156 times.
    const ids = Array.from({ length: 10_000 }, () => kafkaClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(new Set(ids.map((id) => id.length))).toEqual(new Set([22]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
