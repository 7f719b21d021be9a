// The route files of web/server/api, read by the unit tests that check the
// route map and the OpenAPI document against them.
import { readdirSync } from 'node:fs';
import path from 'node:path';

const API_DIR = path.resolve(import.meta.dirname, '../../server/api');
/** Unknown /api paths end here with a 404; it needs (and has) no map entry because the map refuses them first. */
const CATCH_ALL = '[...path].ts';

/** Every handler file below web/server/api, as `v1/accounts/[id]/transactions.get.ts` (no tests, no catch-all). */
export function apiRouteFiles(): string[] {
  const files: string[] = [];
  const pending = [''];
  for (let prefix = pending.pop(); prefix !== undefined; prefix = pending.pop()) {
    for (const entry of readdirSync(path.join(API_DIR, prefix), { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(`${prefix}${entry.name}/`);
      else if (!entry.name.endsWith('.test.ts') && `${prefix}${entry.name}` !== CATCH_ALL)
        files.push(`${prefix}${entry.name}`);
    }
  }
  return files;
}

/**
 * `v1/accounts/[id]/transactions.get.ts` -> `GET /api/v1/accounts/:id/transactions`
 * (`{id}` with the OpenAPI style).
 */
export function routeOfFile(file: string, style: 'colon' | 'openapi' = 'colon'): string {
  const match = /^(.*?)(?:\/?index)?\.(get|post|put|patch|delete)\.ts$/.exec(file);
  if (!match) throw new Error(`${file}: route files must name their method (x.get.ts, x.post.ts, ...)`);
  const routePath = (match[1] ?? '').replace(/\[(\w+)\]/g, style === 'colon' ? ':$1' : '{$1}');
  return `${(match[2] ?? '').toUpperCase()} /api/${routePath}`.replace(/\/$/, '');
}
