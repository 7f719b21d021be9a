import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PERMISSION_KEYS } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, findApiRoute } from './apiRoutes';

const API_DIR = path.resolve(import.meta.dirname, '../../server/api');
/** Unknown /api paths end here with a 404; it needs (and has) no map entry because the map refuses them first. */
const CATCH_ALL = '[...path].ts';

function routeFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** `v1/accounts/[id]/transactions.get.ts` -> `GET /api/v1/accounts/:id/transactions` */
function routeOfFile(file: string): string {
  const match = /^(.*?)(?:\/?index)?\.(get|post|put|patch|delete)\.ts$/.exec(file);
  if (!match) throw new Error(`${file}: route files must name their method (x.get.ts, x.post.ts, ...)`);
  const routePath = (match[1] ?? '').replace(/\[(\w+)\]/g, ':$1');
  return `${(match[2] ?? '').toUpperCase()} /api/${routePath}`.replace(/\/$/, '');
}

describe('API route map', () => {
  const files = routeFiles(API_DIR).filter((file) => !file.endsWith('.test.ts') && file !== CATCH_ALL);

  it('has exactly one entry per route file, and no entry without a file', () => {
    const fromFiles = files.map(routeOfFile).sort();
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
