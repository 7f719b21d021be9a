import { z } from 'zod';
import { ANALYTICS_RANGE_DAYS_MAX } from './analytics.ts';
import { listQuery } from './lists.ts';

const DAY_MS = 86_400_000;
const IsoDay = z.iso.date({ error: 'must be a date like 2026-11-25' });

export const ReportKind = z.enum(['account_statement', 'invoice_register', 'payments_refunds', 'tax_summary']);
export type ReportKind = z.infer<typeof ReportKind>;

export const ReportStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** Body of POST /api/v1/reports: a date range (UTC days, both included); a statement names its account. */
export const CreateReportBody = z
  .strictObject({
    kind: ReportKind,
    from: IsoDay,
    to: IsoDay,
    accountId: z.uuid({ error: 'must be a UUID' }).optional(),
  })
  .refine((body) => body.from <= body.to, { message: 'must not be before from', path: ['to'] })
  .refine((body) => (Date.parse(body.to) - Date.parse(body.from)) / DAY_MS < ANALYTICS_RANGE_DAYS_MAX, {
    message: `must be at most ${ANALYTICS_RANGE_DAYS_MAX} days after from`,
    path: ['to'],
  })
  .refine((body) => body.kind !== 'account_statement' || body.accountId !== undefined, {
    message: 'is required for an account statement',
    path: ['accountId'],
  });
export type CreateReportBody = z.infer<typeof CreateReportBody>;

/** Most reports one page of GET /api/v1/reports returns (an organization keeps its 50 newest). */
export const REPORTS_PAGE_MAX = 50;
/** Sort keys of GET /api/v1/reports (default: newest first). */
export const REPORT_SORT_FIELDS = ['createdAt', 'kind', 'status'] as const;
/** Query of GET /api/v1/reports: offset pages, a sort, and `q` (part of the kind or the status). */
export const ReportListQuery = listQuery(REPORT_SORT_FIELDS, { max: REPORTS_PAGE_MAX });
export type ReportListQuery = z.infer<typeof ReportListQuery>;

/** A report job as Redis keeps it and the API shows it. */
export const ReportJob = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  kind: ReportKind,
  from: z.string(),
  to: z.string(),
  accountId: z.uuid().nullable(),
  status: ReportStatus,
  /** Rows written so far. */
  rows: z.number().int().min(0),
  /** Rows the report will have, counted before it starts; null until then. */
  totalRows: z.number().int().min(0).nullable(),
  error: z.string().max(500).nullable(),
  createdBy: z.string().max(100),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportJob = z.infer<typeof ReportJob>;

export const ReportResource = ReportJob.omit({ organizationId: true }).extend({
  links: z.object({ self: z.string(), download: z.string().nullable() }),
});
export type ReportResource = z.infer<typeof ReportResource>;
