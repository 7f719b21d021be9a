import { assert } from '../assert.ts';

/**
 * Stores key entries by their serialized bytes held as latin1 strings: one char
 * per byte, so JS string order equals byte order (what Kafka Streams' range
 * queries use) and a key costs one compact one-byte string instead of a Buffer.
 */
export function bytesToKey(bytes: Buffer): string {
  return bytes.toString('latin1');
}

export function keyToBytes(key: string): Buffer {
  return Buffer.from(key, 'latin1');
}

/** First index whose element is >= target (or > target when `strict`). Iterative binary search. */
export function lowerBound(sorted: readonly string[], target: string, strict = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const element = sorted[middle]!;
    const before = strict ? element <= target : element < target;
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts if absent; O(log n) search plus an O(n) memmove, fine at in-memory store sizes. */
export function insertSorted(sorted: string[], key: string): boolean {
  const index = lowerBound(sorted, key);
  if (sorted[index] === key) return false;
  sorted.splice(index, 0, key);
  return true;
}

export function removeSorted(sorted: string[], key: string): boolean {
  const index = lowerBound(sorted, key);
  if (sorted[index] !== key) return false;
  sorted.splice(index, 1);
  assert(sorted[index] !== key, `duplicate key in sorted index`);
  return true;
}
