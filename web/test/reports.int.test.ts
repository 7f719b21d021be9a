// Reports against the running app: a report runs in the background, shows
// its progress, and its CSV downloads once done; another organization's
// report and account do not exist for the caller.
import { randomUUID } from 'node:crypto';
import { REPORTS_PAGE_MAX } from '@billstream/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPage } from '../shared/types/listQuery';
import { closeFixtures, createForeignOrganization, type ForeignOrganization } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { Session } from './support/session';

interface Report {
  id: string;
  kind: string;
  status: string;
  rows: number;
  totalRows: number | null;
  links: { self: string; download: string | null };
}

let mine: ForeignOrganization;
let theirs: ForeignOrganization;
let session: Session;
const TODAY = new Date().toISOString().slice(0, 10);
const REPORT_WAIT_ATTEMPTS_MAX = 300;

beforeAll(async () => {
  mine = await createForeignOrganization();
  theirs = await createForeignOrganization();
  session = await Session.login(mine.admin.email, mine.admin.password);
});

afterAll(async () => {
  await closeFixtures();
});

async function finished(id: string, as = session): Promise<Report> {
  for (let attempt = 0; attempt < REPORT_WAIT_ATTEMPTS_MAX; attempt++) {
    const response = await as.get<Report>(`/api/v1/reports/${id}`);
    if (response.body.status === 'done' || response.body.status === 'failed') return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`report ${id} never finished`);
}

async function download(report: Report): Promise<{ status: number; type: string | null; text: string }> {
  const response = await session.request<string>('GET', report.links.download!, { headers: { accept: 'text/csv' } });
  return { status: response.status, type: response.headers.get('content-type'), text: String(response.body) };
}

describe('reports', () => {
  it('runs an account statement in the background and serves its CSV when done', async () => {
    const created = await session.post<Report>('/api/v1/reports', {
      kind: 'account_statement',
      accountId: mine.accountId,
      from: TODAY,
      to: TODAY,
    });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/api/v1/reports/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'queued', rows: 0, links: { download: null } });
    const report = await finished(created.body.id);
    // The fixture organization's credit (sent through the ledger) and whatever else the fixture holds.
    expect(report).toMatchObject({ status: 'done' });
    expect(report.rows).toBeGreaterThanOrEqual(1);
    expect(report.rows).toBe(report.totalRows);
    const csv = await download(report);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,kind,id,detail,description,reference,currency,amount,balance_after');
    expect(lines).toHaveLength(report.rows + 1);
    expect(lines.some((line) => line.includes(`,transaction,${mine.transactionId},credit,`))).toBe(true);
    const listed = await session.get<{ data: Report[] }>('/api/v1/reports');
    expect(listed.body.data.map((r) => r.id)).toContain(report.id);
  });

  it('shows a report whose server stopped mid-run as failed (its heartbeat lapsed), not running for ever', async () => {
    const id = randomUUID();
    const redis = new Redis(process.env.REDIS_URL!);
    // The web app's key space: billstream:<topic prefix>:… (utils/redis.ts).
    const key = (...parts: string[]) => ['billstream', process.env.KAFKA_TOPIC_PREFIX || 'default', ...parts].join(':');
    try {
      // What a web process that died mid-report leaves behind: the job "running", no heartbeat.
      const job = {
        id,
        organizationId: mine.organizationId,
        kind: 'invoice_register',
        from: TODAY,
        to: TODAY,
        accountId: null,
        status: 'running',
        rows: 10,
        totalRows: 100,
        error: null,
        createdBy: mine.admin.email,
        createdAt: new Date().toISOString(),
        finishedAt: null,
      };
      await redis.set(key('report', id), JSON.stringify(job), 'EX', 600);
      const response = await session.get<Report & { error: string | null }>(`/api/v1/reports/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'failed', rows: 10, links: { download: null } });
      expect(response.body.error).toMatch(/^interrupted/);
      // With a heartbeat (its process alive) the same job is still running.
      await redis.set(key('report-alive', id), '1', 'EX', 60);
      expect((await session.get<Report>(`/api/v1/reports/${id}`)).body.status).toBe('running');
    } finally {
      await redis.del(key('report', id), key('report-alive', id));
      redis.disconnect();
    }
  });

  it('writes the header of an empty report and counts no rows', async () => {
    // A range before any data: the organization fixture's invoice is dated today.
    const created = await session.post<Report>('/api/v1/reports', {
      kind: 'invoice_register',
      from: '2001-01-01',
      to: '2001-01-31',
    });
    const report = await finished(created.body.id);
    expect(report).toMatchObject({ status: 'done', rows: 0, totalRows: 0 });
    const csv = await download(report);
    expect(csv.text).toBe(
      'invoice_number,issue_date,due_date,account_number,status,currency,subtotal,discount,tax,total,credited,paid,due\r\n',
    );
  });

  it("hides another organization's reports and refuses its accounts", async () => {
    const created = await session.post<Report>('/api/v1/reports', { kind: 'tax_summary', from: TODAY, to: TODAY });
    await finished(created.body.id);
    const other = await Session.login(theirs.admin.email, theirs.admin.password);
    expect((await other.get(`/api/v1/reports/${created.body.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/reports/${created.body.id}/download`)).status).toBe(404);
    const listed = await other.get<{ data: Report[] }>('/api/v1/reports');
    expect(listed.body.data.map((r) => r.id)).not.toContain(created.body.id);
    const foreignStatement = await session.post('/api/v1/reports', {
      kind: 'account_statement',
      accountId: theirs.accountId,
      from: TODAY,
      to: TODAY,
    });
    expect(foreignStatement.status).toBe(404);
    expect((await session.get(`/api/v1/reports/${randomUUID()}`)).status).toBe(404);
  });

  it('validates the body, naming each bad field, and starts nothing', async () => {
    const before = await session.get<{ data: Report[] }>('/api/v1/reports');
    const response = await session.post<{ errors: { name: string }[] }>('/api/v1/reports', {
      kind: 'account_statement',
      from: TODAY,
      to: '2000-01-01',
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error) => error.name).sort()).toEqual(['body.accountId', 'body.to']);
    const unknown = await session.post<{ errors: { name: string }[] }>('/api/v1/reports', {
      kind: 'everything',
      from: 'yesterday',
      to: TODAY,
    });
    expect(unknown.body.errors.map((error) => error.name).sort()).toEqual(['body.from', 'body.kind']);
    const after = await session.get<{ data: Report[] }>('/api/v1/reports');
    expect(after.body.data).toHaveLength(before.body.data.length);
  });

  it('lists one page at a time with the total, sorted and searched, in the organization only', async () => {
    // A fresh organization, so the totals are exact.
    const fresh = await createForeignOrganization();
    const owner = await Session.login(fresh.admin.email, fresh.admin.password);
    const start = async (kind: string) => {
      const created = await owner.post<Report>('/api/v1/reports', { kind, from: TODAY, to: TODAY });
      expect(created.status).toBe(202);
      return finished(created.body.id, owner);
    };
    const tax = await start('tax_summary');
    const register = await start('invoice_register');
    const refunds = await start('payments_refunds');
    const list = async (query: string) => {
      const response = await owner.get<ListPage<Report>>(`/api/v1/reports?${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    };

    const first = await list('limit=2');
    expect(first.data.map((report) => report.id)).toEqual([refunds.id, register.id]);
    expect(first.page).toEqual({ limit: 2, page: 1, total: 3, nextCursor: null });
    expect(first.links.next).toBe('/api/v1/reports?page=2&limit=2');
    expect((await list('limit=2&page=2')).data.map((report) => report.id)).toEqual([tax.id]);
    expect((await list('sort=kind')).data.map((report) => report.kind)).toEqual([
      'invoice_register',
      'payments_refunds',
      'tax_summary',
    ]);
    expect((await list('sort=createdAt')).data.map((report) => report.id)).toEqual([tax.id, register.id, refunds.id]);
    const searched = await list('q=Invoice%20Register');
    expect(searched.data.map((report) => report.id)).toEqual([register.id]);
    expect(searched.page.total).toBe(1);
    expect((await list('q=done')).page.total).toBe(3);

    const mineListed = await session.get<ListPage<Report>>(`/api/v1/reports?limit=${REPORTS_PAGE_MAX}`);
    expect(mineListed.body.data.map((report) => report.id)).not.toContain(tax.id);
    const problem = expectProblem(await owner.get(`/api/v1/reports?limit=${REPORTS_PAGE_MAX + 1}&sort=rows`), 422);
    expect(fieldNames(problem)).toEqual(['query.limit', 'query.sort']);
  });
});
