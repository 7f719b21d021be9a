import { describe, expect, it } from 'vitest';
import { reachedEnd } from './readToEnd.ts';

describe('reachedEnd', () => {
  it('needs a batch that really holds the last offset', () => {
    expect(reachedEnd({ firstOffset: '10', lastOffset: '19' }, 20n)).toBe(true);
    expect(reachedEnd({ firstOffset: '10', lastOffset: '18' }, 20n)).toBe(false);
  });

  it('never trusts an empty batch, whose last offset KafkaJS fakes from the high watermark', () => {
    expect(reachedEnd({ firstOffset: null, lastOffset: '19' }, 20n)).toBe(false);
  });

  it('is false for partitions it was not asked about', () => {
    expect(reachedEnd({ firstOffset: '0', lastOffset: '5' }, undefined)).toBe(false);
  });
});
