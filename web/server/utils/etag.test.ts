import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchHits } from './etag';

describe('ETag', () => {
  it('is a strong, quoted hash that changes with the body', () => {
    const tag = etagOf({ a: 1 });
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(etagOf({ a: 1 })).toBe(tag);
    expect(etagOf({ a: 2 })).not.toBe(tag);
  });

  it('matches If-None-Match lists, weak forms and *', () => {
    const tag = etagOf({ a: 1 });
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
    expect(ifNoneMatchHits(tag, tag)).toBe(true);
    expect(ifNoneMatchHits(`"other", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits(`W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits('*', tag)).toBe(true);
    expect(ifNoneMatchHits('"other"', tag)).toBe(false);
  });
});
