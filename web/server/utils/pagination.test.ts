import { PageQuery } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import {
  afterId,
  decodeCursor,
  encodeCursor,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  pageLinks,
  sliceWithCursor,
} from './pagination';
import type { ProblemError } from './problem';

const ID = '00000000-0000-4000-8007-000000000001';

describe('PageQuery', () => {
  it('defaults and bounds the page size', () => {
    expect(PageQuery.parse({})).toEqual({ limit: PAGE_SIZE_DEFAULT });
    expect(PageQuery.parse({ limit: '5' }).limit).toBe(5);
    expect(PageQuery.safeParse({ limit: String(PAGE_SIZE_MAX + 1) }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: 'ten' }).success).toBe(false);
  });
});

describe('cursors', () => {
  it('round-trip an id', () => {
    expect(decodeCursor(encodeCursor(ID))).toBe(ID);
  });

  it('reject what we did not make', () => {
    expect(decodeCursor('forged')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"after":"x"}').toString('base64url'))).toBeUndefined();
  });

  it('turn a forged cursor into a 422 on query.cursor', () => {
    try {
      afterId({ limit: 10, cursor: 'forged' });
      expect.unreachable();
    } catch (error) {
      expect((error as ProblemError).problem.errors).toEqual([
        { name: 'query.cursor', reason: 'is not a cursor this API returned' },
      ]);
    }
  });
});

describe('sliceWithCursor / pageLinks', () => {
  it('uses the extra row only to know there is a next page', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}` }));
    const page = sliceWithCursor(rows, 2, (row) => row.id);
    expect(page.data).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toBe(rows[1]!.id);
    expect(sliceWithCursor(rows, 3, (row) => row.id).nextCursor).toBeNull();
  });

  it('links the current and the next page', () => {
    expect(pageLinks('/api/v1/accounts', { limit: 2 }, 'abc')).toEqual({
      self: '/api/v1/accounts?limit=2',
      next: '/api/v1/accounts?limit=2&cursor=abc',
    });
  });
});
