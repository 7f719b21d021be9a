import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AccountResource } from '@billstream/contracts';

/**
 * Helpers for tests against the RUNNING app (BASE_URL). They talk HTTP only,
 * so a broken build, route or header fails the test like it would fail a client.
 */
// Vitest overwrites process.env.BASE_URL in its workers with Vite's `base`
// ("/"), so the orchestrator's value is read from the environment the process
// was started with (Linux /proc), unless WEB_BASE_URL names it explicitly.
function startupEnv(name: string): string | undefined {
  try {
    const entries = readFileSync('/proc/self/environ', 'utf8').split('\0');
    return entries.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}

function baseUrl(): string {
  const fromEnv = process.env.BASE_URL;
  const candidate = process.env.WEB_BASE_URL || (fromEnv && fromEnv !== '/' ? fromEnv : startupEnv('BASE_URL'));
  return (candidate ?? '').replace(/\/+$/, '');
}

export const BASE_URL = baseUrl();
if (!/^https?:\/\//.test(BASE_URL))
  throw new Error('BASE_URL is not set: start the app (npm test does) and point BASE_URL at it');

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function toApiResponse<T>(response: Response): Promise<ApiResponse<T>> {
  // An event stream never ends: its status and headers are the answer.
  if (response.headers.get('content-type')?.includes('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: undefined as T };
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Leave non-JSON as text: the assertion on it will say what came back.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** GET as the seeded admin (the API wants a signed-in caller; see session.ts). */
export async function getJson<T = unknown>(path: string): Promise<ApiResponse<T>> {
  const { adminSession } = await import('./session');
  return (await adminSession()).get<T>(path);
}

/** GET without any credentials. */
export async function getAnonymous<T = unknown>(path: string): Promise<ApiResponse<T>> {
  return toApiResponse<T>(await fetch(`${BASE_URL}${path}`, { headers: { accept: 'application/json' } }));
}

/**
 * POST /api/v1/transactions as the seeded admin (session cookie + CSRF
 * header); a string body is sent as is (malformed JSON), a null key omits the header.
 */
export async function postTransaction<T = unknown>(
  body: unknown,
  idempotencyKey: string | null = randomUUID(),
): Promise<ApiResponse<T>> {
  const { adminSession } = await import('./session');
  const headers: Record<string, string> = {};
  if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
  return (await adminSession()).post<T>('/api/v1/transactions', body, { headers });
}

/** Seeded accounts have fixed ids, but tests discover them through the API. */
export async function activeAccounts(): Promise<AccountResource[]> {
  const response = await getJson<{ data: AccountResource[] }>('/api/v1/accounts?limit=100');
  if (response.status !== 200) throw new Error(`GET /api/v1/accounts answered ${response.status}`);
  const accounts = response.body.data.filter((account) => account.status === 'active');
  if (accounts.length === 0) throw new Error('no active account: is the database seeded?');
  return accounts;
}

export async function anActiveAccount(currency?: string): Promise<AccountResource> {
  const accounts = await activeAccounts();
  const account = accounts.find((candidate) => !currency || candidate.currency === currency) ?? accounts[0];
  return account!;
}

/** A currency the account does not use, to provoke a currency mismatch. */
export function otherCurrency(currency: string): string {
  return currency === 'EUR' ? 'USD' : 'EUR';
}

/** Polls GET path until `done` accepts the body or the time is up; returns the last response. */
export async function pollUntil<T>(
  path: string,
  done: (response: ApiResponse<T>) => boolean,
  timeoutMs = 30_000,
): Promise<ApiResponse<T>> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  for (;;) {
    const response = await getJson<T>(path);
    if (done(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 1_000);
  }
}
