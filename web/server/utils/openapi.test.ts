import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../shared/auth/apiRoutes';
import { apiRouteFiles, routeOfFile } from '../../test/support/routeFiles';
import { buildOpenApiDocument, LIST_QUERIES } from './openapi';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
  );

  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('names every route file of server/api, and no route without a file', () => {
    const fromFiles = apiRouteFiles()
      .map((file) => routeOfFile(file, 'openapi'))
      .sort();
    expect(operations.sort()).toEqual(fromFiles);
    expect(fromFiles.filter((operation) => operation.includes('/api/v1/')).length).toBeGreaterThan(10);
  });

  it('marks token creation as session-only, with the default lifetime, and the escalation refusals', () => {
    const operation = (route: string, method: string) =>
      (document.paths[route] as Record<string, { description?: string; security?: unknown }>)[method];
    expect(operation('/api/v1/api-tokens', 'post')?.security).toEqual([{ session: [] }]);
    expect(operation('/api/v1/api-tokens', 'post')?.description).toContain('defaults to 90');
    expect(operation('/api/v1/api-tokens', 'get')?.security).toBeUndefined();
    expect(operation('/api/v1/users/{id}/roles', 'put')?.description).toContain('privilege-escalation');
    expect(operation('/api/auth/password/reset', 'post')?.description).toContain('429');
  });

  it('documents request bodies from the zod schemas', () => {
    const post = (document.paths['/api/v1/transactions'] as Record<string, { requestBody?: unknown }>).post;
    expect(JSON.stringify(post?.requestBody)).toContain('amount');
  });

  it('documents the query parameters of the lists from their zod schemas', () => {
    const parameters = (route: string) =>
      (document.paths[route] as Record<string, { parameters?: { name: string; in: string }[] }>).get?.parameters ?? [];
    const names = (route: string) => parameters(route).map((parameter) => `${parameter.in}:${parameter.name}`);
    for (const route of ['/api/v1/plans', '/api/v1/roles', '/api/v1/reports', '/api/v1/api-tokens']) {
      expect(names(route)).toEqual(['query:page', 'query:limit', 'query:sort', 'query:q']);
    }
    expect(names('/api/v1/subscriptions')).toEqual(expect.arrayContaining(['query:q', 'query:status', 'query:page']));
    expect(names('/api/v1/invoices')).toEqual(expect.arrayContaining(['query:q', 'query:search', 'query:from']));
    expect(names('/api/v1/payments')).toEqual([
      'query:limit',
      'query:cursor',
      'query:status',
      'query:accountId',
      'query:invoiceId',
    ]);
    expect(names('/api/v1/accounts/{id}/transactions')).toEqual(['path:id', 'query:limit', 'query:cursor']);
    const sort = parameters('/api/v1/plans').find((parameter) => parameter.name === 'sort') as unknown as {
      schema: { enum: string[] };
    };
    expect(sort.schema.enum).toContain('-price');
  });

  it('documents queries of routes that exist only', () => {
    const routes = new Set(API_ROUTES.map((route) => `${route.method} ${route.path}`));
    expect(Object.keys(LIST_QUERIES).filter((key) => !routes.has(key))).toEqual([]);
  });
});
