/**
 * Per-route rate budgets of the API gateway, beside the route map
 * (apiRoutes.ts). server/middleware/04.gateway.ts charges every /api request
 * to the budget of its class, per caller (API token, else user) and per
 * client IP, in a Redis sliding window (server/utils/slidingWindow.ts).
 * Every number can be overridden through the environment variable named here.
 */

export type BudgetClass = 'read' | 'command' | 'auth' | 'unlimited';

export interface RateBudget {
  readonly name: BudgetClass;
  /** Requests per window and caller. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** The environment variable that overrides `limit`. */
  readonly env: string;
}

/** Window of every budget (a sliding minute). */
export const RATE_WINDOW_SECONDS = 60;
/** GETs (reads of accounts, transactions, master data...). */
export const READ_BUDGET_PER_MINUTE = 1200;
/** POST/PUT/PATCH/DELETE commands. */
export const COMMAND_BUDGET_PER_MINUTE = 600;
/** /api/auth/* (sign-in, sign-up, mailed links); counted per IP for anonymous callers. */
export const AUTH_BUDGET_PER_MINUTE = 300;
/** One client IP may carry several callers (NAT, a proxy): its budget is this many times the caller's. */
export const IP_BUDGET_FACTOR = 10;
export const IP_BUDGET_FACTOR_ENV = 'RATE_LIMIT_IP_FACTOR';
/** RATE_LIMIT_DISABLED=1 turns the limiter off (benchmarks). */
export const RATE_LIMIT_DISABLED_ENV = 'RATE_LIMIT_DISABLED';

export const RATE_BUDGETS: Readonly<
  Record<Exclude<BudgetClass, 'unlimited'>, Omit<RateBudget, 'limit'> & { defaultLimit: number }>
> = {
  read: {
    name: 'read',
    defaultLimit: READ_BUDGET_PER_MINUTE,
    windowSeconds: RATE_WINDOW_SECONDS,
    env: 'RATE_LIMIT_READ_PER_MINUTE',
  },
  command: {
    name: 'command',
    defaultLimit: COMMAND_BUDGET_PER_MINUTE,
    windowSeconds: RATE_WINDOW_SECONDS,
    env: 'RATE_LIMIT_COMMAND_PER_MINUTE',
  },
  auth: {
    name: 'auth',
    defaultLimit: AUTH_BUDGET_PER_MINUTE,
    windowSeconds: RATE_WINDOW_SECONDS,
    env: 'RATE_LIMIT_AUTH_PER_MINUTE',
  },
};

/** Routes outside any budget: probes and module assets. */
const UNLIMITED_PREFIXES = ['/api/v1/health', '/api/_nuxt_icon/'];

/** The budget class of a request (path without query). */
export function budgetClassOf(method: string, path: string): BudgetClass {
  if (UNLIMITED_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix))) return 'unlimited';
  if (path.startsWith('/api/auth/')) return 'auth';
  const verb = method.toUpperCase();
  return verb === 'GET' || verb === 'HEAD' || verb === 'OPTIONS' ? 'read' : 'command';
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? Math.floor(parsed) : fallback;
}

/** The budget with its limit read from `env` (defaults above). */
export function resolveBudget(
  budgetClass: BudgetClass,
  env: Record<string, string | undefined> = process.env,
): RateBudget | undefined {
  if (budgetClass === 'unlimited') return undefined;
  const { defaultLimit, ...budget } = RATE_BUDGETS[budgetClass];
  return { ...budget, limit: positive(env[budget.env], defaultLimit) };
}

export function ipBudgetFactor(env: Record<string, string | undefined> = process.env): number {
  return positive(env[IP_BUDGET_FACTOR_ENV], IP_BUDGET_FACTOR);
}

/** Largest JSON command body accepted (413 beyond). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Largest import file (CSV or JSON) accepted by POST /api/v1/<master data>/import. */
export const IMPORT_BODY_BYTES_MAX = 8 * 1024 * 1024;
const IMPORT_PATH = /^\/api\/v1\/(categories|products|configurations)\/import$/;

/**
 * Largest invoice command: INVOICE_LINES_MAX (1,000) lines, each up to a
 * 500-character description plus its numbers, fit with room to spare.
 */
export const INVOICE_BODY_BYTES_MAX = 1024 * 1024;
const INVOICE_PATH = /^\/api\/v1\/invoices$/;

/** Largest usage batch: USAGE_EVENTS_BATCH_MAX (1,000) events at about 4 KiB each. */
export const USAGE_BATCH_BODY_BYTES_MAX = 4 * 1024 * 1024;
const USAGE_BATCH_PATH = /^\/api\/v1\/events\/batch$/;

/** The body limit of a request path: imports carry files, invoices up to 1,000 lines, the rest small JSON commands. */
export function bodyLimitOf(path: string): number {
  if (IMPORT_PATH.test(path)) return IMPORT_BODY_BYTES_MAX;
  if (USAGE_BATCH_PATH.test(path)) return USAGE_BATCH_BODY_BYTES_MAX;
  return INVOICE_PATH.test(path) ? INVOICE_BODY_BYTES_MAX : MAX_JSON_BODY_BYTES;
}
