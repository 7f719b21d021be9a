import { readdirSync } from 'node:fs';
import path from 'node:path';
import { code, table } from './markdown.ts';
import { API_ROUTES, type ApiRoute, BUILTIN_ROLE_NAMES, PERMISSIONS, ROOT, SOURCE_FILES } from './sources.ts';

/** The permission table with the built-in roles that hold each key. */
export function permissionsTable(): string {
  const rows = PERMISSIONS.map((permission) => [
    code(permission.key),
    permission.description,
    ...BUILTIN_ROLE_NAMES.map((role) => ((permission.roles as readonly string[]).includes(role) ? '✓' : '')),
  ]);
  return table(['Permission', 'Meaning', ...BUILTIN_ROLE_NAMES], rows, [
    '---',
    '---',
    ...BUILTIN_ROLE_NAMES.map(() => ':---:'),
  ]);
}

/** Unknown /api paths end in this file with a 404; it is no endpoint. */
const CATCH_ALL = '[...path].ts';
const ROUTE_FILE = /^(.*?)(?:\/?index)?\.(get|post|put|patch|delete)\.ts$/;

export interface Endpoint {
  readonly method: string;
  readonly path: string;
  readonly file: string;
}

/** Every route file under web/server/api: `v1/accounts/[id].patch.ts` is `PATCH /api/v1/accounts/:id`. */
export function endpoints(): Endpoint[] {
  const dir = path.join(ROOT, SOURCE_FILES.routes);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && path.basename(file) !== CATCH_ALL);
  return files
    .map((file) => {
      const match = ROUTE_FILE.exec(file);
      if (!match) throw new Error(`${file}: route files must name their method (x.get.ts, x.post.ts, ...)`);
      const routePath = `/api/${(match[1] ?? '').replace(/\[(\w+)\]/g, ':$1')}`.replace(/\/$/, '');
      return { method: (match[2] ?? '').toUpperCase(), path: routePath, file: `${SOURCE_FILES.routes}/${file}` };
    })
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function accessOf(route: ApiRoute | undefined): string {
  if (!route) return '**not in the route map: refused**';
  const { access } = route;
  if (access.kind === 'public') return 'public';
  if (access.kind === 'session') return 'signed-in session';
  return `${code(access.permission)}${access.sessionOnly ? ', session only' : ''}`;
}

/** The route map's entry for exactly this method and path (the unit test of apiRoutes.ts keeps one per file). */
function routeOf(endpoint: Endpoint): ApiRoute | undefined {
  return API_ROUTES.find((route) => route.method === endpoint.method && route.path === endpoint.path);
}

/** The endpoints whose path starts with one of `prefixes` (all when empty), with the access the route map demands. */
export function endpointsTable(prefixes: readonly string[]): string {
  const chosen = endpoints().filter(
    (endpoint) =>
      prefixes.length === 0 ||
      prefixes.some((prefix) => endpoint.path === prefix || endpoint.path.startsWith(`${prefix}/`)),
  );
  if (chosen.length === 0) throw new Error(`no route file serves ${prefixes.join(', ')}`);
  const rows = chosen.map((endpoint) => [code(`${endpoint.method} ${endpoint.path}`), accessOf(routeOf(endpoint))]);
  return table(['Endpoint', 'Access'], rows);
}
