import { randomUUID } from 'node:crypto';
import { type CategoryResource, IMPORT_ROWS_MAX, type ImportJob, type ProductResource } from '@billstream/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from './support/masterData';
import { adminSession, type Session } from './support/session';

let admin: Session;

/** Import jobs report progress until they finish; tests wait for the final state. */
const JOB_POLLS_MAX = 600;

beforeAll(async () => {
  admin = await adminSession();
});

async function runImport(resource: string, body: string, contentType: string): Promise<ImportJob> {
  const started = await admin.request<ImportJob & { links: { self: string } }>('POST', `/api/v1/${resource}/import`, {
    body,
    headers: { 'content-type': contentType },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  for (let poll = 0; poll < JOB_POLLS_MAX; poll++) {
    const job = await admin.get<ImportJob>(started.body.links.self);
    expect(job.status).toBe(200);
    if (job.body.status === 'succeeded' || job.body.status === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the import did not finish');
}

async function productsWithPrefix(prefix: string): Promise<ProductResource[]> {
  const list = await admin.get<{ data: ProductResource[] }>(`/api/v1/products?q=${prefix}&limit=100`);
  return list.body.data;
}

describe('import', () => {
  it('applies a clean CSV, then an export re-imports unchanged', async () => {
    const prefix = `IMP${randomUUID().slice(0, 6)}`;
    const category = await createCategory(admin);
    const csv = [
      'sku,name,categoryId,unitPrice,currency,taxCategory,isActive',
      `${prefix}-1,"Widget, large",${category.id},10.50,USD,standard,true`,
      `${prefix}-2,'=Formula,,0,EUR,zero,false`,
    ].join('\n');
    const job = await runImport('products', csv, 'text/csv');
    expect(job).toMatchObject({ status: 'succeeded', total: 2, processed: 2, created: 2, updated: 0, errors: [] });
    const rows = await productsWithPrefix(prefix);
    expect(rows.map((row) => [row.sku, row.name, row.unitPrice, row.isActive])).toEqual([
      [`${prefix}-1`, 'Widget, large', '10.5', true],
      [`${prefix}-2`, '=Formula', '0', false],
    ]);

    const exported = await admin.get<unknown[]>(`/api/v1/products/export?format=json&q=${prefix}`);
    const again = await runImport('products', JSON.stringify(exported.body), 'application/json');
    expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 2 });
  });

  it('changes nothing when some rows are bad, and reports each bad row and field', async () => {
    const prefix = `BAD${randomUUID().slice(0, 6)}`;
    const csv = [
      'sku,name,unitPrice,currency,taxCategory',
      `${prefix}-1,Good one,1.00,USD,standard`,
      `${prefix}-2,,1.00,USD,standard`,
      `${prefix}-3,Bad price,-5,USD,standard`,
      `${prefix}-4,Bad currency,1.00,XXX,luxury`,
      `${prefix}-5,Good two,2.00,USD,reduced`,
    ].join('\r\n');
    const job = await runImport('products', csv, 'text/csv');
    expect(job.status).toBe('failed');
    expect(job.errors.map((error) => [error.row, error.field])).toEqual([
      [2, 'name'],
      [3, 'unitPrice'],
      [4, 'currency'],
      [4, 'taxCategory'],
    ]);
    expect(await productsWithPrefix(prefix)).toEqual([]);
  });

  it('rolls back rows that only the database can refuse (unknown category, duplicate SKU)', async () => {
    const prefix = `DB${randomUUID().slice(0, 6)}`;
    const rows = [
      { sku: `${prefix}-1`, name: 'Fine', unitPrice: '1', currency: 'USD', taxCategory: 'standard' },
      {
        sku: `${prefix}-2`,
        name: 'Ghost category',
        unitPrice: '1',
        currency: 'USD',
        taxCategory: 'standard',
        categoryId: randomUUID(),
      },
      { sku: `${prefix}-1`, name: 'Twin', unitPrice: '1', currency: 'USD', taxCategory: 'standard' },
    ];
    const job = await runImport('products', JSON.stringify(rows), 'application/json');
    expect(job.status).toBe('failed');
    expect(job.errors.map((error) => [error.row, error.field])).toEqual([
      [2, 'categoryId'],
      [3, 'sku'],
    ]);
    expect(await productsWithPrefix(prefix)).toEqual([]);
  });

  it('imports a category tree in any row order and refuses cycles', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const name = `Tree ${randomUUID().slice(0, 6)}`;
    const csv = `id,name,parentId\n${b},${name} child,${a}\n${a},${name} root,\n`;
    expect(await runImport('categories', csv, 'text/csv')).toMatchObject({ status: 'succeeded', created: 2 });
    const child = await admin.get<CategoryResource>(`/api/v1/categories/${b}`);
    expect(child.body.parentId).toBe(a);

    const cycle = `id,name,parentId\n${a},${name} root,${b}\n`;
    const refused = await runImport('categories', cycle, 'text/csv');
    expect(refused.errors).toEqual([
      { row: 1, field: 'parentId', message: 'would make the category its own ancestor' },
    ]);
    expect((await admin.get<CategoryResource>(`/api/v1/categories/${a}`)).body.parentId).toBeNull();
  });

  it('refuses unreadable files and files over the row limit as a whole', async () => {
    expect(await runImport('products', 'sku,colour\nA,red\n', 'text/csv')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('Unknown columns: colour'),
    });
    const tooMany = Array.from({ length: IMPORT_ROWS_MAX + 1 }, () => ({}));
    expect(await runImport('products', JSON.stringify(tooMany), 'application/json')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining(`at most ${IMPORT_ROWS_MAX}`),
    });
    const unsupported = await admin.request('POST', '/api/v1/products/import', {
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(unsupported.status).toBe(415);
  });
});
