import { type ReportJob, ReportListQuery } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { pageOfReports } from './reportsPage';

const ORG = '00000000-0000-4000-8000-000000000001';

function job(n: number, kind: ReportJob['kind'], status: ReportJob['status']): ReportJob {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    organizationId: ORG,
    kind,
    from: '2026-01-01',
    to: '2026-01-31',
    accountId: null,
    status,
    rows: 0,
    totalRows: null,
    error: null,
    createdBy: 'test',
    createdAt: `2026-02-0${n}T10:00:00.000Z`,
    finishedAt: null,
  };
}

const JOBS = [
  job(1, 'tax_summary', 'done'),
  job(2, 'invoice_register', 'failed'),
  job(3, 'invoice_register', 'done'),
  job(4, 'account_statement', 'running'),
];
const ids = (jobs: ReportJob[]) => jobs.map((report) => Number(report.id.slice(-2)));

describe('pageOfReports', () => {
  it('lists newest first by default, one page at a time, with the total', () => {
    const first = pageOfReports(JOBS, ReportListQuery.parse({ limit: '3' }));
    expect(ids(first.data)).toEqual([4, 3, 2]);
    expect(first.total).toBe(4);
    expect(ids(pageOfReports(JOBS, ReportListQuery.parse({ limit: '3', page: '2' })).data)).toEqual([1]);
  });

  it('sorts by kind or status either way, newest first among equals', () => {
    expect(ids(pageOfReports(JOBS, ReportListQuery.parse({ sort: 'kind' })).data)).toEqual([4, 3, 2, 1]);
    expect(ids(pageOfReports(JOBS, ReportListQuery.parse({ sort: '-status' })).data)).toEqual([4, 2, 3, 1]);
    expect(ids(pageOfReports(JOBS, ReportListQuery.parse({ sort: 'createdAt' })).data)).toEqual([1, 2, 3, 4]);
  });

  it('searches the kind (as written or in words) and the status, ignoring case', () => {
    const search = (q: string) => pageOfReports(JOBS, ReportListQuery.parse({ q }));
    expect(ids(search('Invoice Register').data)).toEqual([3, 2]);
    expect(ids(search('tax_').data)).toEqual([1]);
    expect(search('DONE').total).toBe(2);
    expect(search('nothing').data).toEqual([]);
  });
});
