// Finding 1 of the hardening review (issue 9), its second half: with SMTP_URL
// empty (the shipped default) mail silently went to the outbox, in production
// too. A second instance of the built web app runs here with NODE_ENV=production
// and no SMTP, against the same database, broker and Redis as the suite.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiResponse } from './support/api';
import { closeFixtures, db } from './support/fixtures';
import { expectProblem } from './support/problem';

/** How long the second instance may take to answer its health route (a cold start on a loaded machine). */
const INSTANCE_READY_TIMEOUT_MS = 90_000;
const INSTANCE_POLL_INTERVAL_MS = 250;
const SERVER_ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.output/server/index.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A built web app on its own port with `env` on top of the suite's environment; resolves once it answers. */
async function startInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, ...env, PORT: String(port), NITRO_PORT: String(port), NITRO_HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + INSTANCE_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the instance exited with ${child.exitCode}`);
    const health = await fetch(`${url}/api/v1/health`).catch(() => undefined);
    if (health && health.status < 500) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, INSTANCE_POLL_INTERVAL_MS));
  }
  child.kill('SIGTERM');
  throw new Error(`the instance did not answer within ${INSTANCE_READY_TIMEOUT_MS} ms`);
}

async function post(url: string, route: string, body: unknown) {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return toApiResponse(response);
}

let production: { url: string; child: ChildProcess } | undefined;

beforeAll(async () => {
  production = await startInstance({ NODE_ENV: 'production', SMTP_URL: '', MAIL_OUTBOX_IN_PRODUCTION: '' });
});
afterAll(async () => {
  if (production && production.child.exitCode === null) {
    const exited = once(production.child, 'exit');
    production.child.kill('SIGTERM');
    await exited;
  }
  await closeFixtures();
});

describe('mail in production without SMTP', () => {
  it('refuses sign-up with a 503 problem and creates no account', async () => {
    const email = `prod-signup-${Date.now()}@fixtures.test`;
    const answer = await post(production!.url, '/api/auth/register', {
      email,
      password: 'production 12345',
      organizationName: 'No SMTP Ltd',
    });
    const problem = expectProblem(answer, 503);
    expect(problem.type).toContain('mail-not-configured');
    expect(problem.detail).toContain('SMTP_URL');
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
    expect(await db().outboxMessage.count({ where: { toAddress: email } })).toBe(0);
  });

  it('refuses a password reset request with a 503 problem, whether or not the address has an account', async () => {
    const seeded = await db().user.findFirstOrThrow({ where: { status: 'active' }, orderBy: { createdAt: 'asc' } });
    const mailsBefore = await db().outboxMessage.count({ where: { toAddress: seeded.email } });
    for (const email of [seeded.email, `nobody-${Date.now()}@fixtures.test`]) {
      const problem = expectProblem(await post(production!.url, '/api/auth/password/forgot', { email }), 503);
      expect(problem.type).toContain('mail-not-configured');
    }
    expect(await db().outboxMessage.count({ where: { toAddress: seeded.email } })).toBe(mailsBefore);
  });
});
