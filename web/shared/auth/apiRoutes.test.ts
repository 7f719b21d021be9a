import { PERMISSION_KEYS } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { apiRouteFiles, routeOfFile } from '../../test/support/routeFiles';
import { API_ROUTES, findApiRoute } from './apiRoutes';

describe('API route map', () => {
  const files = apiRouteFiles();

  it('has exactly one entry per route file, and no entry without a file', () => {
    const fromFiles = files.map((file) => routeOfFile(file)).sort();
    const fromMap = API_ROUTES.filter((route) => !route.module)
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(fromMap).toEqual(fromFiles);
    expect(new Set(fromMap).size).toBe(fromMap.length);
  });

  it('names only permissions of the permission table', () => {
    for (const route of API_ROUTES) {
      if (route.access.kind === 'permission') expect(PERMISSION_KEYS).toContain(route.access.permission);
    }
  });

  it('leaves no /api/v1 resource route public except health, the API document and signed gateway webhooks', () => {
    const open = API_ROUTES.filter((route) => route.path.startsWith('/api/v1/') && route.access.kind === 'public');
    expect(open.map((route) => route.path)).toEqual([
      '/api/v1/health',
      '/api/v1/openapi.json',
      '/api/v1/webhooks/:gateway',
    ]);
  });

  it('matches parameters, exact segments and methods; anything else has no entry (denied)', () => {
    expect(findApiRoute('GET', '/api/v1/accounts/123/transactions?limit=2')?.path).toBe(
      '/api/v1/accounts/:id/transactions',
    );
    expect(findApiRoute('HEAD', '/api/v1/accounts')?.path).toBe('/api/v1/accounts');
    expect(findApiRoute('GET', '/api/v1/accounts/')?.path).toBe('/api/v1/accounts');
    expect(findApiRoute('GET', '/api/_nuxt_icon/lucide.json')?.module).toBe('@nuxt/icon');
    expect(findApiRoute('DELETE', '/api/v1/accounts/123')).toBeUndefined();
    expect(findApiRoute('GET', '/api/v1/accounts/123/transactions/9')).toBeUndefined();
    expect(findApiRoute('GET', '/api/v1/no-such-thing')).toBeUndefined();
    expect(findApiRoute('GET', '/api/_nuxt_icon')).toBeUndefined();
  });
});
