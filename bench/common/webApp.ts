/**
 * The built web app as the benchmarks run it: started from web/.output,
 * signed in as the seeded admin, and given an API token for the load.
 */
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type ManagedProcess, startProcess, waitFor } from '../../scripts/dev/procs.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** How long a started server may take to answer its health check. */
const READY_TIMEOUT_MS = 90_000;
/** How long a stopping server may take to drain. */
const STOP_TIMEOUT_MS = 30_000;

export function startWebApp(
  env: Record<string, string>,
  port: number,
  logFile: string,
  nodeArgs: string[] = [],
): ManagedProcess {
  return startProcess(
    'web',
    'node',
    [...nodeArgs, '--disable-warning=TimeoutNegativeWarning', path.join(ROOT, 'web', '.output', 'server', 'index.mjs')],
    {
      cwd: path.join(ROOT, 'web'),
      env: { ...env, PORT: String(port), NITRO_PORT: String(port), HOST: '127.0.0.1' },
      logFile,
      stopTimeoutMs: STOP_TIMEOUT_MS,
    },
  );
}

export async function ready(url: string): Promise<void> {
  await waitFor(url, async () => (await fetch(url)).status < 500, READY_TIMEOUT_MS);
}

/** Signs in as the seeded admin and creates an API token with `scopes`. */
export async function createToken(
  baseUrl: string,
  admin: { email: string; password: string },
  name: string,
  scopes: readonly string[],
): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const csrf = cookies.find((cookie) => cookie.startsWith('bst_csrf='))?.slice('bst_csrf='.length) ?? '';
  const created = await fetch(`${baseUrl}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
    body: JSON.stringify({ name, scopes }),
  });
  if (created.status !== 201) throw new Error(`token creation answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** Removes every topic of one benchmark run (they all share its prefix). */
export async function deleteTopicsWithPrefix(brokers: string[], prefix: string, clientId: string): Promise<void> {
  if (prefix === '') throw new Error('refusing to delete topics without a prefix');
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
