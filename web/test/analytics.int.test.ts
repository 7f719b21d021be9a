// Analytics API against the running app: each test owns a fresh organization
// (createForeignOrganization), writes the analytics app's view rows for it and
// for a second organization, and reads them back through HTTP.
import { randomUUID } from 'node:crypto';
import { createPrisma, type PrismaClient } from '@billstream/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFixtures, createForeignOrganization, type ForeignOrganization } from './support/fixtures';
import { Session } from './support/session';

let db: PrismaClient;
let redis: Redis;
let mine: ForeignOrganization;
let theirs: ForeignOrganization;
let session: Session;
const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  db = createPrisma(process.env.DATABASE_URL!, { max: 2 });
  redis = new Redis(process.env.REDIS_URL!);
  mine = await createForeignOrganization();
  theirs = await createForeignOrganization();
  session = await Session.login(mine.admin.email, mine.admin.password);
});

afterAll(async () => {
  await db.$disconnect();
  redis.disconnect();
  await closeFixtures();
});

async function revenueRow(organizationId: string, dayText: string, invoiced: string) {
  await db.$executeRaw`
    INSERT INTO analytics_revenue_daily (organization_id, currency, day, invoiced_amount, collected_amount, issued_count,
      paid_count, overdue_count)
    VALUES (${organizationId}::uuid, 'USD', ${dayText}::date, ${invoiced}::numeric, 10.5, 3, 1, 1)`;
}

async function receivable(organizationId: string, due: string, dueDate: string, status = 'open') {
  await db.$executeRaw`
    INSERT INTO analytics_receivables (invoice_id, organization_id, account_id, currency, status, amount_due, due_date,
      version)
    VALUES (${randomUUID()}::uuid, ${organizationId}::uuid, ${randomUUID()}::uuid, 'USD', ${status}, ${due}::numeric,
      ${dueDate}::date, 1)`;
}

describe('analytics API', () => {
  it('answers revenue per day of the caller organization only, with exact decimals', async () => {
    await revenueRow(mine.organizationId, day(-1), '1234.5678');
    await revenueRow(mine.organizationId, day(-40), '1.00');
    await revenueRow(theirs.organizationId, day(-1), '999.00');
    const response = await session.get<{ data: unknown[] }>(`/api/v1/analytics/revenue?from=${day(-7)}&to=${day(0)}`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      {
        day: day(-1),
        currency: 'USD',
        invoiced: '1234.5678',
        collected: '10.5000',
        credited: '0.0000',
        issued: 3,
        paid: 1,
        overdue: 1,
        voided: 0,
      },
    ]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const response = await session.get<{ errors: { name: string }[] }>(
      `/api/v1/analytics/revenue?from=${day(0)}&to=${day(-1)}`,
    );
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error) => error.name)).toContain('query.to');
  });

  it('puts open receivables into aging buckets by days past due', async () => {
    await receivable(mine.organizationId, '100.00', day(5));
    await receivable(mine.organizationId, '10.00', day(-10));
    await receivable(mine.organizationId, '20.00', day(-45));
    await receivable(mine.organizationId, '30.00', day(-75));
    await receivable(mine.organizationId, '40.00', day(-200));
    await receivable(mine.organizationId, '41.00', day(-201));
    await receivable(mine.organizationId, '0', day(-10), 'paid');
    await receivable(theirs.organizationId, '500.00', day(-10));
    const response = await session.get<{ data: unknown[] }>('/api/v1/analytics/aging');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      { currency: 'USD', bucket: '1-30', invoices: 1, amountDue: '10.0000' },
      { currency: 'USD', bucket: '31-60', invoices: 1, amountDue: '20.0000' },
      { currency: 'USD', bucket: '61-90', invoices: 1, amountDue: '30.0000' },
      { currency: 'USD', bucket: '90+', invoices: 2, amountDue: '81.0000' },
      { currency: 'USD', bucket: 'current', invoices: 1, amountDue: '100.0000' },
    ]);
  });

  it("ages receivables as of the organization's test-clock day when it has one", async () => {
    // The receivables of the test above, seen 40 days later on this organization's test clock.
    const later = new Date(Date.now() + 40 * DAY_MS);
    await db.testClock.create({ data: { organizationId: mine.organizationId, nowAt: later } });
    try {
      const response = await session.get<{ asOf: string; data: unknown[] }>('/api/v1/analytics/aging');
      expect(response.status).toBe(200);
      expect(response.body.asOf).toBe(day(40));
      expect(response.body.data).toEqual([
        { currency: 'USD', bucket: '31-60', invoices: 2, amountDue: '110.0000' },
        { currency: 'USD', bucket: '61-90', invoices: 1, amountDue: '20.0000' },
        { currency: 'USD', bucket: '90+', invoices: 3, amountDue: '111.0000' },
      ]);
    } finally {
      await db.testClock.delete({ where: { organizationId: mine.organizationId } });
    }
  });

  it('reads the live transactions per minute from Redis', async () => {
    const minuteMs = Math.floor(Date.now() / 60_000) * 60_000;
    await redis.hset(`bs:analytics:tx:${mine.organizationId}:${minuteMs}:USD`, {
      completed: '4',
      rejected: '1',
      credits: '12.50',
      debits: '2.00',
      _version: '1',
    });
    const response = await session.get<{ data: { minute: string; completed: number; credits: string }[] }>(
      '/api/v1/analytics/transactions?minutes=5',
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(5);
    // The clock may turn a minute between the write and the read: the window is among the last five.
    expect(response.body.data.find((m) => m.minute === new Date(minuteMs).toISOString())).toMatchObject({
      completed: 4,
      credits: '12.50',
    });
    const other = await Session.login(theirs.admin.email, theirs.admin.password);
    const theirsLive = await other.get<{ data: { completed: number }[] }>('/api/v1/analytics/transactions?minutes=5');
    expect(theirsLive.body.data.every((m) => m.completed === 0)).toBe(true);
  });

  it('ranks products and categories by invoiced line totals, without drafts and voids', async () => {
    // The organization fixture comes with an invoice of its own; this test owns the organization's invoices.
    await db.$executeRaw`DELETE FROM invoices WHERE organization_id = ${mine.organizationId}::uuid`;
    const category = await db.category.create({ data: { organizationId: mine.organizationId, name: 'Gadgets' } });
    const product = await db.product.create({
      data: {
        organizationId: mine.organizationId,
        sku: `G-${randomUUID().slice(0, 6)}`,
        name: 'Gizmo',
        categoryId: category.id,
        unitPrice: '5',
      },
    });
    const invoice = async (status: string, total: string) => {
      const id = randomUUID();
      await db.$executeRaw`
        INSERT INTO invoices (id, organization_id, account_id, invoice_number, currency, total_amount, status, issue_date)
        VALUES (${id}::uuid, ${mine.organizationId}::uuid, ${mine.accountId}::uuid, ${`T-${id.slice(0, 8)}`}, 'USD',
          ${total}::numeric, ${status}, ${day(0)}::date)`;
      for (const [position, productId, line] of [
        [1, product.id, total],
        [2, null, '1.00'],
      ] as const) {
        await db.$executeRaw`
          INSERT INTO invoice_lines (organization_id, invoice_id, position, product_id, description, quantity, unit_price,
            tax_category, tax_rate, subtotal, tax_amount, total)
          VALUES (${mine.organizationId}::uuid, ${id}::uuid, ${position}, ${productId}::uuid, 'Setup fee', 1, ${line}::numeric,
            'zero', 0, ${line}::numeric, 0, ${line}::numeric)`;
      }
    };
    await invoice('open', '50.00');
    await invoice('paid', '25.00');
    await invoice('void', '1000.00');
    await invoice('draft', '1000.00');
    const response = await session.get<{ products: unknown[]; categories: unknown[] }>(
      `/api/v1/analytics/top?from=${day(0)}&to=${day(0)}&limit=5`,
    );
    expect(response.status).toBe(200);
    expect(response.body.products).toEqual([
      { id: product.id, name: 'Gizmo', currency: 'USD', revenue: '75.0000', quantity: '2.0000' },
      { id: null, name: 'Setup fee', currency: 'USD', revenue: '2.0000', quantity: '2.0000' },
    ]);
    expect(response.body.categories).toEqual([
      { id: category.id, name: 'Gadgets', currency: 'USD', revenue: '75.0000', quantity: '2.0000' },
      { id: null, name: 'Uncategorized', currency: 'USD', revenue: '2.0000', quantity: '2.0000' },
    ]);
  });

  it('shows every processor app with its state, lag and commits, read from its own metrics', async () => {
    const response = await session.get<{
      data: { app: string; instancesUp: number; instances: { state: string; commits: number }[] }[];
    }>('/api/v1/monitoring/processors');
    expect(response.status).toBe(200);
    const apps = new Map(response.body.data.map((status) => [status.app, status]));
    for (const app of ['ledger', 'billing', 'analytics']) {
      expect(apps.get(app)?.instancesUp, app).toBe(1);
      expect(apps.get(app)?.instances[0]?.state, app).toBe('running');
    }
    // createForeignOrganization sent a credit through the ledger: it has committed at least once.
    expect(apps.get('ledger')!.instances[0]!.commits).toBeGreaterThan(0);
  });
});
