import { assert } from '../../utils/assert';

/** Rows one report query fetches at a time: memory stays bounded whatever the report's size. */
export const REPORT_PAGE_ROWS = 5_000;
/** Pages one report may have (REPORT_PAGE_ROWS × this = 50,000,000 rows). */
export const REPORT_PAGES_MAX = 10_000;

export interface Keyed {
  /** The keyset cursor of the row: the next page starts after it. */
  readonly cursor: string;
}

/**
 * Keyset pagination: asks for `REPORT_PAGE_ROWS` rows after the last row's
 * cursor until a short page, handing each page to `write` before fetching the
 * next. At most one page is held in memory; `write` applies backpressure by
 * resolving only when the output has taken the page.
 */
export async function forEachPage<T extends Keyed>(
  fetchPage: (after: string | null, limit: number) => Promise<readonly T[]>,
  write: (rows: readonly T[]) => Promise<void>,
): Promise<number> {
  let after: string | null = null;
  let total = 0;
  for (let page = 0; page < REPORT_PAGES_MAX; page++) {
    const rows = await fetchPage(after, REPORT_PAGE_ROWS);
    assert(rows.length <= REPORT_PAGE_ROWS, `a page returned ${rows.length} rows, over REPORT_PAGE_ROWS`);
    if (rows.length > 0) {
      await write(rows);
      total += rows.length;
      after = rows[rows.length - 1]!.cursor;
    }
    if (rows.length < REPORT_PAGE_ROWS) return total;
  }
  throw new Error(`report exceeds REPORT_PAGES_MAX pages`);
}
