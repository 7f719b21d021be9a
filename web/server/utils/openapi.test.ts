import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

const API_DIR = path.resolve(import.meta.dirname, '../api');
const CATCH_ALL = '[...path].ts';

function routeFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** `v1/accounts/[id]/transactions.get.ts` -> `GET /api/v1/accounts/{id}/transactions` */
function operationOfFile(file: string): string {
  const match = /^(.*?)(?:\/?index)?\.(get|post|put|patch|delete)\.ts$/.exec(file);
  if (!match) throw new Error(`${file}: route files must name their method`);
  const routePath = (match[1] ?? '').replace(/\[(\w+)\]/g, '{$1}');
  return `${(match[2] ?? '').toUpperCase()} /api/${routePath}`.replace(/\/$/, '');
}

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
  );

  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('names every route file of server/api, and no route without a file', () => {
    const fromFiles = routeFiles(API_DIR)
      .filter((file) => !file.endsWith('.test.ts') && file !== CATCH_ALL)
      .map(operationOfFile)
      .sort();
    expect(operations.sort()).toEqual(fromFiles);
    expect(fromFiles.filter((operation) => operation.includes('/api/v1/')).length).toBeGreaterThan(10);
  });

  it('documents request bodies from the zod schemas', () => {
    const post = (document.paths['/api/v1/transactions'] as Record<string, { requestBody?: unknown }>).post;
    expect(JSON.stringify(post?.requestBody)).toContain('amount');
  });
});
