// The RBAC matrix rows of the master-data routes (categories, products,
// configurations, their imports and exports).
import { type MasterDataResource, type RouteCase, tag } from './matrixContext';

const productBody = () => ({
  sku: `MATRIX-${tag()}`,
  name: 'Matrix product',
  unitPrice: '1.00',
  currency: 'USD',
  taxCategory: 'standard',
});

/** Import, export and job routes of one master-data resource. */
function importCases(resource: MasterDataResource): Record<string, RouteCase> {
  return {
    [`GET /api/v1/${resource}/export`]: {
      own: () => ({ path: `/api/v1/${resource}/export?format=json`, expect: 200 }),
    },
    // An empty import: access granted, nothing changes.
    [`POST /api/v1/${resource}/import`]: { own: () => ({ path: `/api/v1/${resource}/import`, body: [], expect: 202 }) },
    [`GET /api/v1/${resource}/imports/:id`]: {
      own: (ctx) => ({ path: `/api/v1/${resource}/imports/${ctx.masterData.importJobs[resource]}`, expect: 200 }),
      foreign: (ctx) => ({ path: `/api/v1/${resource}/imports/${ctx.masterData.foreignImportJobs[resource]}` }),
    },
  };
}

export const MASTER_DATA_CASES: Record<string, RouteCase> = {
  'GET /api/v1/categories': { own: () => ({ path: '/api/v1/categories', expect: 200 }) },
  'POST /api/v1/categories': {
    own: () => ({ path: '/api/v1/categories', body: { name: `Matrix ${tag()}` }, expect: 201 }),
  },
  'GET /api/v1/categories/:id': {
    own: (ctx) => ({ path: `/api/v1/categories/${ctx.masterData.categoryId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/categories/${ctx.foreign.categoryId}` }),
  },
  'PUT /api/v1/categories/:id': {
    own: async (ctx) => {
      const category = await ctx.masterData.newCategory();
      return {
        path: `/api/v1/categories/${category.id}`,
        body: { name: `Matrix ${tag()}`, updatedAt: category.updatedAt },
        expect: 200,
      };
    },
    foreign: (ctx) => ({
      path: `/api/v1/categories/${ctx.foreign.categoryId}`,
      body: { name: 'Hijacked', updatedAt: new Date().toISOString() },
    }),
  },
  'DELETE /api/v1/categories/:id': {
    own: async (ctx) => ({ path: `/api/v1/categories/${(await ctx.masterData.newCategory()).id}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/categories/${ctx.foreign.categoryId}` }),
  },
  ...importCases('categories'),
  'GET /api/v1/products': { own: () => ({ path: '/api/v1/products', expect: 200 }) },
  'POST /api/v1/products': { own: () => ({ path: '/api/v1/products', body: productBody(), expect: 201 }) },
  'GET /api/v1/products/:id': {
    own: (ctx) => ({ path: `/api/v1/products/${ctx.masterData.productId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/products/${ctx.foreign.productId}` }),
  },
  'PUT /api/v1/products/:id': {
    own: async (ctx) => {
      const product = await ctx.masterData.newProduct();
      return {
        path: `/api/v1/products/${product.id}`,
        body: { ...productBody(), updatedAt: product.updatedAt },
        expect: 200,
      };
    },
    foreign: (ctx) => ({
      path: `/api/v1/products/${ctx.foreign.productId}`,
      body: { ...productBody(), updatedAt: new Date().toISOString() },
    }),
  },
  'DELETE /api/v1/products/:id': {
    own: async (ctx) => ({ path: `/api/v1/products/${(await ctx.masterData.newProduct()).id}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/products/${ctx.foreign.productId}` }),
  },
  ...importCases('products'),
  // Configurations are addressed by key inside the caller's organization: there is no foreign object to name.
  'GET /api/v1/configurations': { own: () => ({ path: '/api/v1/configurations', expect: 200 }) },
  'POST /api/v1/configurations': {
    own: async (ctx, caller) => {
      if (caller === 'admin') await ctx.masterData.unsetConfiguration('dunning_offsets_days');
      return { path: '/api/v1/configurations', body: { key: 'dunning_offsets_days', value: [-3, 0, 7] }, expect: 201 };
    },
  },
  'GET /api/v1/configurations/:key': { own: () => ({ path: '/api/v1/configurations/invoice_due_days', expect: 200 }) },
  'PUT /api/v1/configurations/:key': {
    own: () => ({
      path: '/api/v1/configurations/invoice_due_days',
      headers: { 'if-match': '*' },
      body: { value: 30 },
      expect: 200,
    }),
  },
  'DELETE /api/v1/configurations/:key': {
    own: async (ctx, caller) => {
      if (caller === 'admin') await ctx.masterData.setConfiguration('tax_rate.exempt', '0');
      return { path: '/api/v1/configurations/tax_rate.exempt', expect: 204 };
    },
  },
  ...importCases('configurations'),
};
