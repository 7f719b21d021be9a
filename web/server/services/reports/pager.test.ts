import { describe, expect, it } from 'vitest';
import { forEachPage, REPORT_PAGE_ROWS } from './pager';

/** A source of `count` rows made on demand: nothing is held but the page asked for. */
function syntheticSource(count: number) {
  const asked: number[] = [];
  const fetchPage = async (after: string | null, limit: number) => {
    asked.push(limit);
    const start = after === null ? 0 : Number(after) + 1;
    const end = Math.min(count, start + limit);
    return Array.from({ length: Math.max(0, end - start) }, (_, index) => ({
      cursor: String(start + index),
      n: start + index,
    }));
  };
  return { fetchPage, asked };
}

describe('forEachPage', () => {
  it('streams 1,000,000 rows in pages of REPORT_PAGE_ROWS, holding one page at a time', async () => {
    const { fetchPage, asked } = syntheticSource(1_000_000);
    let written = 0;
    let largestPage = 0;
    let expectedNext = 0;
    const total = await forEachPage(fetchPage, async (rows) => {
      largestPage = Math.max(largestPage, rows.length);
      // Rows arrive in order, each exactly once.
      expect(rows[0]!.n).toBe(expectedNext);
      expectedNext = rows[rows.length - 1]!.n + 1;
      written += rows.length;
    });
    expect(total).toBe(1_000_000);
    expect(written).toBe(1_000_000);
    expect(largestPage).toBe(REPORT_PAGE_ROWS);
    expect(asked.every((limit) => limit === REPORT_PAGE_ROWS)).toBe(true);
    // 200 full pages and one empty page that ends the report.
    expect(asked.length).toBe(1_000_000 / REPORT_PAGE_ROWS + 1);
  });

  it('stops after a short page and writes nothing for an empty source', async () => {
    const short = syntheticSource(7);
    expect(await forEachPage(short.fetchPage, async () => {})).toBe(7);
    expect(short.asked.length).toBe(1);
    const writes: number[] = [];
    expect(await forEachPage(syntheticSource(0).fetchPage, async (rows) => void writes.push(rows.length))).toBe(0);
    expect(writes).toEqual([]);
  });

  it('refuses a source that returns more than it was asked for', async () => {
    await expect(
      forEachPage(
        async () => Array.from({ length: REPORT_PAGE_ROWS + 1 }, (_, i) => ({ cursor: String(i) })),
        async () => {},
      ),
    ).rejects.toThrow(/REPORT_PAGE_ROWS/);
  });
});
