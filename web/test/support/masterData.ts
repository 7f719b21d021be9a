import { randomUUID } from 'node:crypto';
import type { CategoryResource, ImportJob, ProductResource } from '@billstream/contracts';
import type { MasterDataContext, MasterDataResource } from './matrixContext';
import type { Session } from './session';

const RESOURCES: readonly MasterDataResource[] = ['categories', 'products', 'configurations'];

function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** A category of the admin's organization, created through the API. */
export async function createCategory(admin: Session, body: Record<string, unknown> = {}): Promise<CategoryResource> {
  const response = await admin.post<CategoryResource>('/api/v1/categories', {
    name: `Test ${randomUUID().slice(0, 8)}`,
    ...body,
  });
  expectStatus(response, 201, 'POST /api/v1/categories');
  return response.body;
}

export async function createProduct(admin: Session, body: Record<string, unknown> = {}): Promise<ProductResource> {
  const response = await admin.post<ProductResource>('/api/v1/products', {
    sku: `T-${randomUUID().slice(0, 8)}`,
    name: 'Test product',
    unitPrice: '10.00',
    currency: 'USD',
    taxCategory: 'standard',
    ...body,
  });
  expectStatus(response, 201, 'POST /api/v1/products');
  return response.body;
}

async function emptyImport(session: Session, resource: MasterDataResource): Promise<string> {
  const response = await session.post<ImportJob>(`/api/v1/${resource}/import`, []);
  expectStatus(response, 202, `POST /api/v1/${resource}/import`);
  return response.body.id;
}

async function importJobs(session: Session): Promise<Record<MasterDataResource, string>> {
  const entries = [];
  for (const resource of RESOURCES) entries.push([resource, await emptyImport(session, resource)] as const);
  return Object.fromEntries(entries) as Record<MasterDataResource, string>;
}

/** The master-data part of the RBAC matrix context: objects and jobs of both organizations. */
export async function masterDataContext(admin: Session, foreignAdmin: Session): Promise<MasterDataContext> {
  const category = await createCategory(admin);
  const product = await createProduct(admin, { categoryId: category.id });
  return {
    categoryId: category.id,
    productId: product.id,
    newCategory: () => createCategory(admin),
    newProduct: () => createProduct(admin),
    importJobs: await importJobs(admin),
    foreignImportJobs: await importJobs(foreignAdmin),
    setConfiguration: async (key, value) => {
      const response = await admin.request('PUT', `/api/v1/configurations/${key}`, {
        body: { value },
        headers: { 'if-match': '*' },
      });
      expectStatus(response, 200, `PUT /api/v1/configurations/${key}`);
    },
    unsetConfiguration: async (key) => {
      const response = await admin.request('DELETE', `/api/v1/configurations/${key}`);
      if (response.status !== 204 && response.status !== 404) expectStatus(response, 204, `DELETE ${key}`);
    },
  };
}
