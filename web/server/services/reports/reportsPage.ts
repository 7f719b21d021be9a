import type { ReportJob, ReportListQuery } from '@billstream/contracts';
import { skipOf } from '../../utils/listQuery';

type SortField = 'createdAt' | 'kind' | 'status';

/** Words of a report a search matches: its kind ("invoice register" and "invoice_register") and status. */
function matches(job: ReportJob, q: string): boolean {
  const needle = q.toLowerCase();
  return [job.kind, job.kind.replaceAll('_', ' '), job.status].some((word) => word.includes(needle));
}

function compareBy(field: SortField, desc: boolean) {
  return (a: ReportJob, b: ReportJob): number => {
    const order = a[field].localeCompare(b[field]);
    // Ties (same kind or status) stay newest first, then by id, so pages never overlap.
    if (order !== 0) return desc ? -order : order;
    return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  };
}

/**
 * One page of the jobs, filtered and sorted in memory: an organization keeps
 * at most REPORTS_LISTED_MAX reports (Redis), so the whole list is small.
 */
export function pageOfReports(
  jobs: readonly ReportJob[],
  query: ReportListQuery,
): { data: ReportJob[]; total: number } {
  const sort = query.sort ?? '-createdAt';
  const desc = sort.startsWith('-');
  const field = (desc ? sort.slice(1) : sort) as SortField;
  const found = query.q ? jobs.filter((job) => matches(job, query.q as string)) : [...jobs];
  found.sort(compareBy(field, desc));
  return { data: found.slice(skipOf(query), skipOf(query) + query.limit), total: found.length };
}
