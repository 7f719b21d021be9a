// Integration: the seed on a throwaway, migrated database.

import { BUILTIN_ROLES, permissionsOf } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from './database.ts';
import { verifyPassword } from './password.ts';
import { type SeedOptions, seed } from './seed.ts';
import { ADMIN_ORGANIZATION } from './seed-data.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const DB_TIMEOUT_MS = 60_000;
const OPTIONS: SeedOptions = { adminEmail: 'admin@example.test', adminPassword: 'correct horse battery staple' };

/** Row count and an md5 of all rows of every table: any change shows. */
async function snapshot(url: string): Promise<Record<string, { rows: number; md5: string | null }>> {
  return withClient(url, async (client) => {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
          ORDER BY table_name`,
      )
    ).rows.map((row) => row.name);
    const result: Record<string, { rows: number; md5: string | null }> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ rows: number; md5: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${table}" t`,
      );
      result[table] = rows[0]!;
    }
    return result;
  });
}

/** A throwaway migrated database for the describe block that calls this; read `.url` inside its tests. */
function migratedDatabase(): { readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
  }, DB_TIMEOUT_MS);
  afterAll(async () => {
    await database?.drop();
  }, DB_TIMEOUT_MS);
  return {
    get url() {
      if (!database) throw new Error('the test database is not created yet');
      return database.url;
    },
  };
}

describe('seed', { timeout: DB_TIMEOUT_MS }, () => {
  const db = migratedDatabase();

  it('is idempotent: a second run changes no row', async () => {
    const first = await seed(db.url, OPTIONS);
    const before = await snapshot(db.url);
    const second = await seed(db.url, OPTIONS);
    expect(second).toEqual(first);
    expect(await snapshot(db.url)).toEqual(before);
    expect(before.organizations?.rows).toBe(1);
    expect(before.billing_accounts?.rows).toBe(3);
    expect(before.products?.rows).toBeGreaterThanOrEqual(5);
  });

  it('returns the demo organization, admin credentials and three accounts', async () => {
    const result = await seed(db.url, OPTIONS);
    expect(result.admin).toEqual({ email: OPTIONS.adminEmail, password: OPTIONS.adminPassword });
    expect(result.accounts.map((account) => [account.accountNumber, account.currency])).toEqual([
      ['ACC-000001', 'USD'],
      ['ACC-000002', 'USD'],
      ['ACC-000003', 'EUR'],
    ]);
    const stored = await withClient(
      db.url,
      async (client) =>
        (await client.query('SELECT password, organization_id FROM users WHERE email = $1', [OPTIONS.adminEmail]))
          .rows[0],
    );
    expect(stored.organization_id).toBe(result.organizationId);
    expect(stored.password).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.password, OPTIONS.adminPassword)).toBe(true);
  });

  it('never overwrites balances that the ledger wrote', async () => {
    const { accounts } = await seed(db.url, OPTIONS);
    const id = accounts[0]!.id;
    await withClient(db.url, (client) =>
      client.query(
        `UPDATE billing_accounts SET balance = 123.4500, available_balance = 100.0000, version = 7 WHERE id = $1`,
        [id],
      ),
    );
    await seed(db.url, OPTIONS);
    const row = await withClient(
      db.url,
      async (client) =>
        (await client.query('SELECT balance, available_balance, version FROM billing_accounts WHERE id = $1', [id]))
          .rows[0],
    );
    expect(row).toEqual({ balance: '123.4500', available_balance: '100.0000', version: '7' });
  });

  it('grants the built-in roles exactly the permission table', async () => {
    await seed(db.url, OPTIONS);
    const grants = await withClient(
      db.url,
      async (client) =>
        (
          await client.query<{ role: string; key: string }>(
            `SELECT r.name AS role, p.key FROM role_permissions rp
           JOIN roles r ON r.id = rp.role_id JOIN permissions p ON p.id = rp.permission_id
          ORDER BY r.name, p.key`,
          )
        ).rows,
    );
    for (const role of BUILTIN_ROLES) {
      const keys = grants.filter((grant) => grant.role === role.name).map((grant) => grant.key);
      expect(keys, role.name).toEqual([...permissionsOf(role.name)].sort());
    }
  });
});

describe('seed without the demo (production)', { timeout: DB_TIMEOUT_MS }, () => {
  const db = migratedDatabase();

  it('writes only the admin, in an organization of its own, with no viewer, master data or accounts', async () => {
    const result = await seed(db.url, { ...OPTIONS, demo: false });
    expect(result).toMatchObject({ organizationId: ADMIN_ORGANIZATION.id, viewer: null, accounts: [] });
    const tables = await snapshot(db.url);
    expect(tables.organizations?.rows).toBe(1);
    expect(tables.users?.rows).toBe(1);
    expect(tables.billing_accounts?.rows).toBe(0);
    expect(tables.products?.rows).toBe(0);
    const admin = await withClient(
      db.url,
      async (client) =>
        (
          await client.query(
            `SELECT u.organization_id, r.name AS role FROM users u
               JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE u.email = $1`,
            [OPTIONS.adminEmail],
          )
        ).rows,
    );
    expect(admin).toEqual([{ organization_id: ADMIN_ORGANIZATION.id, role: 'admin' }]);
  });
});
