// The lists behind the DataTable pages against the running app: plans, roles,
// subscriptions and API tokens answer one page (`page`, `limit`, `sort`, `q`)
// with the total, stay scoped to the caller's organization (or user), and
// name bad query parameters. Each list is read in a fresh organization, so
// its totals are exact.
import { randomBytes, randomUUID } from 'node:crypto';
import { BUILTIN_ROLES, PLANS_PAGE_MAX, ROLES_PAGE_MAX } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPage } from '../shared/types/listQuery';
import {
  closeFixtures,
  createCustomRole,
  createForeignOrganization,
  db,
  FIXTURE_TOKEN_LIFETIME_MS,
  type ForeignOrganization,
} from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, Session } from './support/session';

let org: ForeignOrganization;
let session: Session;
const tag = randomBytes(3).toString('hex').toUpperCase();

beforeAll(async () => {
  org = await createForeignOrganization();
  session = await Session.login(org.admin.email, org.admin.password);
});
afterAll(closeFixtures);

async function page<T>(path: string, as = session): Promise<ListPage<T>> {
  const response = await as.get<ListPage<T>>(path);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Plans written into the view as the subscriptions processor would. */
async function createPlan(code: string, name: string, price: string) {
  await db().plan.create({
    data: {
      id: randomUUID(),
      organizationId: org.organizationId,
      code,
      name,
      price,
      currency: 'USD',
      interval: 'month',
      taxCategory: 'standard',
      version: 1,
      updatedAt: new Date(),
    },
  });
}

describe('GET /api/v1/plans', () => {
  beforeAll(async () => {
    // With the fixture's MATRIX-… plan: four plans, by code A, B, C, MATRIX.
    await createPlan(`LIST-A-${tag}`, 'Gold', '30.00');
    await createPlan(`LIST-B-${tag}`, 'Silver', '10.00');
    await createPlan(`LIST-C-${tag}`, 'Bronze', '20.00');
  });

  it('answers one page by code with the total, and links to the next', async () => {
    const first = await page<{ code: string }>('/api/v1/plans?limit=2');
    expect(first.data.map((plan) => plan.code)).toEqual([`LIST-A-${tag}`, `LIST-B-${tag}`]);
    expect(first.page).toEqual({ limit: 2, page: 1, total: 4, nextCursor: null });
    expect(first.links.next).toBe('/api/v1/plans?page=2&limit=2');
    const second = await page<{ code: string }>('/api/v1/plans?limit=2&page=2');
    expect(second.data.map((plan) => plan.code)).toEqual([`LIST-C-${tag}`, expect.stringMatching(/^MATRIX-/)]);
    expect(second.links.next).toBeNull();
  });

  it('sorts by a column either way and searches code and name', async () => {
    const byPrice = await page<{ price: string }>('/api/v1/plans?sort=-price&limit=3');
    expect(byPrice.data.map((plan) => plan.price)).toEqual(['30.00', '20.00', '10.00']);
    const silver = await page<{ code: string }>('/api/v1/plans?q=SILV');
    expect(silver.data.map((plan) => plan.code)).toEqual([`LIST-B-${tag}`]);
    expect(silver.page.total).toBe(1);
    expect((await page(`/api/v1/plans?q=list-&sort=name`)).page.total).toBe(3);
  });

  it("never lists another organization's plans", async () => {
    const seeded = await page(`/api/v1/plans?q=LIST-A-${tag}`, await adminSession());
    expect(seeded.page.total).toBe(0);
  });

  it('lets a picker ask for every plan, and names bad query parameters', async () => {
    expect((await page(`/api/v1/plans?limit=${PLANS_PAGE_MAX}`)).data).toHaveLength(4);
    const problem = expectProblem(await session.get(`/api/v1/plans?limit=${PLANS_PAGE_MAX + 1}&sort=currency`), 422);
    expect(fieldNames(problem)).toEqual(['query.limit', 'query.sort']);
  });
});

describe('GET /api/v1/roles', () => {
  let zeta: { id: string; name: string };

  beforeAll(async () => {
    zeta = await createCustomRole(org.organizationId, ['accounts:read'], `zeta-${tag.toLowerCase()}`);
  });

  it('lists the built-in roles first, then the organization’s own, with the total', async () => {
    const all = await page<{ name: string; builtin: boolean }>(`/api/v1/roles?limit=${ROLES_PAGE_MAX}`);
    // The built-ins, the fixture's foreign-role-… and zeta-….
    expect(all.page.total).toBe(BUILTIN_ROLES.length + 2);
    expect(all.data.slice(0, BUILTIN_ROLES.length).every((role) => role.builtin)).toBe(true);
    const first = await page<{ name: string }>('/api/v1/roles?limit=2&page=1');
    expect(first.data).toHaveLength(2);
    expect(first.page).toMatchObject({ page: 1, limit: 2, total: BUILTIN_ROLES.length + 2 });
  });

  it('sorts by name and searches name and description', async () => {
    const byName = await page<{ id: string }>('/api/v1/roles?sort=-name&limit=1');
    expect(byName.data.map((role) => role.id)).toEqual([zeta.id]);
    const found = await page<{ id: string }>(`/api/v1/roles?q=${encodeURIComponent(zeta.name.toUpperCase())}`);
    expect(found.data.map((role) => role.id)).toEqual([zeta.id]);
  });

  it("never lists another organization's roles, and names bad query parameters", async () => {
    expect((await page(`/api/v1/roles?q=${zeta.name}`, await adminSession())).page.total).toBe(0);
    const problem = expectProblem(await session.get('/api/v1/roles?sort=userCount&page=0'), 422);
    expect(fieldNames(problem)).toEqual(['query.page', 'query.sort']);
  });
});

describe('GET /api/v1/subscriptions', () => {
  it("pages the organization's subscriptions, searching them by their plan", async () => {
    const all = await page<{ id: string }>('/api/v1/subscriptions?sort=-periodsBilled');
    expect(all.data.map((subscription) => subscription.id)).toEqual([org.subscriptionId]);
    expect(all.page).toEqual({ limit: 20, page: 1, total: 1, nextCursor: null });
    expect((await page('/api/v1/subscriptions?q=matrix%20plan')).page.total).toBe(1);
    expect((await page('/api/v1/subscriptions?q=no-such-plan')).page.total).toBe(0);
    const problem = expectProblem(await session.get('/api/v1/subscriptions?sort=planId'), 422);
    expect(fieldNames(problem)).toEqual(['query.sort']);
  });
});

describe('GET /api/v1/api-tokens', () => {
  it("pages the caller's own tokens: newest first, sortable, searchable", async () => {
    const now = Date.now();
    const token = (name: string, createdAt: Date, lastUsedAt: Date | null) =>
      db().apiToken.create({
        data: {
          userId: org.admin.id,
          name,
          tokenHash: randomBytes(32).toString('hex'),
          scopes: [],
          createdAt,
          lastUsedAt,
          expiresAt: new Date(now + FIXTURE_TOKEN_LIFETIME_MS),
        },
      });
    const used = await token(`alpha-${tag}`, new Date(now - 1_000), new Date(now));
    const unused = await token(`beta-${tag}`, new Date(now), null);
    const newest = await page<{ id: string }>('/api/v1/api-tokens?limit=1');
    expect(newest.data.map((row) => row.id)).toEqual([unused.id]);
    expect(newest.page.total).toBe(3);
    // Never-used tokens sort last either way.
    const byUse = await page<{ id: string }>('/api/v1/api-tokens?sort=-lastUsedAt');
    expect(byUse.data[0]?.id).toBe(used.id);
    expect((await page<{ id: string }>(`/api/v1/api-tokens?q=ALPHA-${tag}`)).data.map((row) => row.id)).toEqual([
      used.id,
    ]);
    expect((await page(`/api/v1/api-tokens?q=alpha-${tag}`, await adminSession())).page.total).toBe(0);
  });
});
