import { randomUUID } from 'node:crypto';
import {
  type CategoryResource,
  CategoryUpserted,
  ConfigurationUpserted,
  configurationKey,
  masterDataKey,
  type ProductResource,
  ProductUpserted,
} from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOffsets, masterDataTopic, readCommands } from './support/commandLog';
import { closeFixtures, createForeignOrganization, type ForeignOrganization } from './support/fixtures';
import { createCategory, createProduct } from './support/masterData';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, type Session } from './support/session';

let admin: Session;
let foreign: ForeignOrganization;
let organizationId: string;

beforeAll(async () => {
  admin = await adminSession();
  organizationId = (await admin.get<{ organization: { id: string } }>('/api/auth/session')).body.organization.id;
  foreign = await createForeignOrganization();
});

afterAll(async () => {
  await closeFixtures();
});

describe('categories', () => {
  it('creates, reads with an ETag, updates with If-Match and lists with search and total', async () => {
    const name = `Hardware ${randomUUID().slice(0, 8)}`;
    const root = await createCategory(admin, { name });
    const child = await createCategory(admin, { name: `${name} / Laptops`, parentId: root.id });
    expect(child.parentId).toBe(root.id);

    const read = await admin.get<CategoryResource>(`/api/v1/categories/${child.id}`);
    expect(read.status).toBe(200);
    const etag = read.headers.get('etag');
    expect(etag).toBeTruthy();

    const updated = await admin.request<CategoryResource>('PUT', `/api/v1/categories/${child.id}`, {
      body: { name: `${name} / Notebooks`, parentId: root.id, isActive: false },
      headers: { 'if-match': etag! },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ name: `${name} / Notebooks`, isActive: false });

    const list = await admin.get<{ data: CategoryResource[]; page: { total: number } }>(
      `/api/v1/categories?q=${encodeURIComponent(name)}&sort=-name&limit=1`,
    );
    expect(list.status).toBe(200);
    expect(list.body.page.total).toBe(2);
    expect(list.body.data.map((row) => row.id)).toEqual([child.id]);
  });

  it('answers 412 for a stale If-Match, 409 for a stale updatedAt, 428 without either', async () => {
    const category = await createCategory(admin);
    const stale = await admin.get<CategoryResource>(`/api/v1/categories/${category.id}`);
    const first = await admin.request('PUT', `/api/v1/categories/${category.id}`, {
      body: { name: 'First writer' },
      headers: { 'if-match': stale.headers.get('etag')! },
    });
    expect(first.status).toBe(200);
    const second = await admin.request('PUT', `/api/v1/categories/${category.id}`, {
      body: { name: 'Second writer' },
      headers: { 'if-match': stale.headers.get('etag')! },
    });
    expect(fieldNames(expectProblem(second, 412))).toEqual(['header.if-match']);
    const byTime = await admin.request('PUT', `/api/v1/categories/${category.id}`, {
      body: { name: 'Second writer', updatedAt: category.updatedAt },
    });
    expect(fieldNames(expectProblem(byTime, 409))).toEqual(['body.updatedAt']);
    expectProblem(await admin.request('PUT', `/api/v1/categories/${category.id}`, { body: { name: 'Blind' } }), 428);
    expect((await admin.get<CategoryResource>(`/api/v1/categories/${category.id}`)).body.name).toBe('First writer');
  });

  it('refuses cycles, unknown and foreign parents, and deleting a category in use', async () => {
    const root = await createCategory(admin);
    const child = await createCategory(admin, { parentId: root.id });
    const cycle = await admin.request('PUT', `/api/v1/categories/${root.id}`, {
      body: { name: root.name, parentId: child.id, updatedAt: root.updatedAt },
    });
    expect(expectProblem(cycle, 422).errors).toEqual([
      { name: 'body.parentId', reason: 'would make the category its own ancestor' },
    ]);
    const self = await admin.request('PUT', `/api/v1/categories/${root.id}`, {
      body: { name: root.name, parentId: root.id, updatedAt: root.updatedAt },
    });
    expect(fieldNames(expectProblem(self, 422))).toEqual(['body.parentId']);
    for (const parentId of [randomUUID(), foreign.categoryId]) {
      const refused = await admin.post('/api/v1/categories', { name: 'Orphan', parentId });
      expect(fieldNames(expectProblem(refused, 422))).toEqual(['body.parentId']);
    }
    expectProblem(await admin.request('DELETE', `/api/v1/categories/${root.id}`), 409);
  });

  it('sanitizes names and names every bad field', async () => {
    const created = await createCategory(admin, { name: '  Clean\u200b Name\u0007  ' });
    expect(created.name).toBe('Clean Name');
    const refused = await admin.post('/api/v1/categories', {
      name: '   ',
      parentId: 'nope',
      isActive: 'yes',
      extra: 1,
    });
    expect(fieldNames(expectProblem(refused, 422))).toEqual([
      'body.extra',
      'body.isActive',
      'body.name',
      'body.parentId',
    ]);
  });

  it("answers 404 for another organization's category on every route", async () => {
    const path = `/api/v1/categories/${foreign.categoryId}`;
    expectProblem(await admin.get(path), 404);
    expectProblem(await admin.request('PUT', path, { body: { name: 'x', updatedAt: new Date().toISOString() } }), 404);
    expectProblem(await admin.request('DELETE', path), 404);
  });
});

describe('products', () => {
  it('validates currency, tax category, price and category, and keeps SKUs unique', async () => {
    const bad = await admin.post('/api/v1/products', {
      sku: 'has space',
      name: 'x',
      unitPrice: '1.234',
      currency: 'XXX',
      taxCategory: 'luxury',
      categoryId: foreign.categoryId,
    });
    expect(fieldNames(expectProblem(bad, 422))).toEqual(['body.currency', 'body.sku', 'body.taxCategory']);
    const foreignCategory = await admin.post('/api/v1/products', {
      sku: `P-${randomUUID().slice(0, 8)}`,
      name: 'x',
      unitPrice: '1.00',
      currency: 'USD',
      taxCategory: 'standard',
      categoryId: foreign.categoryId,
    });
    expect(fieldNames(expectProblem(foreignCategory, 422))).toEqual(['body.categoryId']);
    const tooPrecise = await admin.post('/api/v1/products', {
      sku: `P-${randomUUID().slice(0, 8)}`,
      name: 'x',
      unitPrice: '1.5',
      currency: 'JPY',
      taxCategory: 'standard',
    });
    expect(fieldNames(expectProblem(tooPrecise, 422))).toEqual(['body.unitPrice']);
    const product = await createProduct(admin, { unitPrice: '12.50' });
    expect(product.unitPrice).toBe('12.5');
    expectProblem(
      await admin.post('/api/v1/products', { ...product, id: undefined, createdAt: undefined, updatedAt: undefined }),
      409,
    );
  });

  it('filters by category and exports with the same filter', async () => {
    const category = await createCategory(admin);
    const inside = await createProduct(admin, { categoryId: category.id, name: 'Inside' });
    await createProduct(admin, { name: 'Outside' });
    const list = await admin.get<{ data: ProductResource[] }>(`/api/v1/products?categoryId=${category.id}`);
    expect(list.body.data.map((row) => row.id)).toEqual([inside.id]);
    const csv = await admin.get<string>(`/api/v1/products/export?format=csv&categoryId=${category.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toEqual([
      'sku,name,description,categoryId,unitPrice,currency,taxCategory,isActive',
      `${inside.sku},Inside,,${category.id},10,USD,standard,true`,
    ]);
  });
});

describe('configurations', () => {
  it('validates values with the key schema and detects concurrent changes', async () => {
    const current = await admin.get<{ updatedAt: string | null; isSet: boolean }>(
      '/api/v1/configurations/invoice_due_days',
    );
    const bad = await admin.request('PUT', '/api/v1/configurations/invoice_due_days', {
      body: { value: 'thirty' },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(fieldNames(expectProblem(bad, 422))).toEqual(['body.value']);
    const formatRefused = await admin.request('PUT', '/api/v1/configurations/invoice_number_format', {
      body: { value: 'INV-{YYYY}' },
      headers: { 'if-match': '*' },
    });
    expect(fieldNames(expectProblem(formatRefused, 422))).toEqual(['body.value']);
    expectProblem(await admin.get('/api/v1/configurations/no_such_key'), 422);

    const saved = await admin.request<{ value: unknown; updatedAt: string }>(
      'PUT',
      '/api/v1/configurations/invoice_due_days',
      {
        body: { value: 45 },
        headers: { 'if-match': current.headers.get('etag')! },
      },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.value).toBe(45);
    const stale = await admin.request('PUT', '/api/v1/configurations/invoice_due_days', {
      body: { value: 30, updatedAt: current.body.updatedAt ?? new Date(0).toISOString() },
    });
    expectProblem(stale, 409);
  });
});

describe('master-data topic', () => {
  it('publishes every change keyed by id, with a tombstone on delete, and nothing for refused input', async () => {
    const before = await endOffsets(masterDataTopic);
    const category = await createCategory(admin);
    const product = await createProduct(admin, { categoryId: category.id });
    const refused = await admin.post('/api/v1/products', {
      sku: `REFUSED-${randomUUID()}`,
      name: 'x',
      unitPrice: '-1',
      currency: 'USD',
      taxCategory: 'standard',
    });
    expect(refused.status).toBe(422);
    expect((await admin.request('DELETE', `/api/v1/products/${product.id}`)).status).toBe(204);
    const config = await admin.request('PUT', '/api/v1/configurations/tax_rate.reduced', {
      body: { value: '0.07' },
      headers: { 'if-match': '*' },
    });
    expect(config.status).toBe(200);
    // Each 2xx came after acks=all, so the records are below these offsets.
    const records = await readCommands(before, await endOffsets(masterDataTopic), 30_000, masterDataTopic);

    const byKey = (key: string) => records.filter((record) => record.key === key);
    const categoryRecords = byKey(masterDataKey('category', category.id));
    expect(categoryRecords).toHaveLength(1);
    expect(CategoryUpserted.parse(JSON.parse(categoryRecords[0]!.value)).data).toMatchObject({
      id: category.id,
      organizationId,
    });
    const productRecords = byKey(masterDataKey('product', product.id));
    expect(productRecords.map((record) => record.tombstone)).toEqual([false, true]);
    expect(ProductUpserted.parse(JSON.parse(productRecords[0]!.value)).data).toMatchObject({
      sku: product.sku,
      unitPrice: '10',
    });
    const configRecords = byKey(configurationKey(organizationId, 'tax_rate.reduced'));
    expect(ConfigurationUpserted.parse(JSON.parse(configRecords.at(-1)!.value)).data.value).toBe('0.07');
    expect(records.some((record) => record.value.includes('REFUSED-'))).toBe(false);
  });
});

describe('read cache', () => {
  it('serves repeated GETs from Redis and sees a change at once', async () => {
    const category = await createCategory(admin);
    const path = `/api/v1/categories?q=${encodeURIComponent(category.name)}`;
    const first = await admin.get<{ data: CategoryResource[] }>(path);
    expect(first.headers.get('x-cache')).toBe('miss');
    const second = await admin.get<{ data: CategoryResource[] }>(path);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
    const notModified = await admin.get(path, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);

    const renamed = await admin.request<CategoryResource>('PUT', `/api/v1/categories/${category.id}`, {
      body: { name: `${category.name} renamed`, updatedAt: category.updatedAt },
    });
    expect(renamed.status).toBe(200);
    const third = await admin.get<{ data: CategoryResource[] }>(path);
    expect(third.headers.get('x-cache')).toBe('miss');
    expect(third.body.data.map((row) => row.name)).toEqual([`${category.name} renamed`]);
  });
});
