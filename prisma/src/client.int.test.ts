// Integration: the generated client over @prisma/adapter-pg, and the plain
// pool, keep money exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, createPrisma, Prisma } from './client.ts';
import { seed } from './seed.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const DB_TIMEOUT_MS = 60_000;

describe('createPrisma / createPool', { timeout: DB_TIMEOUT_MS }, () => {
  let db: TestDatabase;
  let accountId: string;
  let organizationId: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: true });
    const seeded = await seed(db.url, { adminEmail: 'admin@example.test', adminPassword: 'pw-for-tests' });
    accountId = seeded.accounts[0]!.id;
    organizationId = seeded.organizationId;
  }, DB_TIMEOUT_MS);
  afterAll(async () => {
    await db?.drop();
  }, DB_TIMEOUT_MS);

  it('round-trips NUMERIC(19,4) amounts exactly through Prisma', async () => {
    const prisma = createPrisma(db.url);
    try {
      const created = await prisma.transaction.create({
        data: { organizationId, accountId, transactionType: 'credit', amount: '0.1', currency: 'USD' },
      });
      const read = await prisma.transaction.findUniqueOrThrow({ where: { id: created.id } });
      expect(read.amount).toBeInstanceOf(Prisma.Decimal);
      expect(read.amount.plus('0.2').toFixed(4)).toBe('0.3000');
      expect(read.status).toBe('pending');
      const largest = await prisma.transaction.update({
        where: { id: created.id },
        data: { amount: '999999999999999.9999' },
      });
      expect(largest.amount.toFixed(4)).toBe('999999999999999.9999');
    } finally {
      await prisma.$disconnect();
    }
  });

  it('returns NUMERIC and BIGINT as strings from the plain pool', async () => {
    const pool = createPool(db.url, { max: 1 });
    try {
      const { rows } = await pool.query('SELECT balance, version FROM billing_accounts WHERE id = $1', [accountId]);
      expect(rows[0]).toEqual({ balance: '0.0000', version: '0' });
    } finally {
      await pool.end();
    }
  });
});
