import { execFileSync } from 'node:child_process';
import type { TransactionResource } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { reconcileWhenSettled } from '../../streams/test/reconcileCli';
import { pollUntil, postTransaction } from './support/api';
import { createOwnAccount, db } from './support/fixtures';
import { sendCreateInvoice } from './support/invoices';
import { adminSession } from './support/session';

/**
 * `kill -9` of each processor in turn while credits and invoices keep coming:
 * the supervisor of `npm test` (as of `npm start`) brings each one back
 * without a human, every command gets its verdict, the balance is the sum of
 * the credits, and `streams reconcile` passes.
 */

const APPS = ['ledger', 'billing', 'analytics', 'activity', 'subscriptions', 'payments'] as const;
/** Polls of a processor's /readyz after its kill: the supervisor waits a second, the app restores its tasks. */
const READY_POLLS_MAX = 600;
const POLL_MS = 250;
/** Credits sent while one processor is down. */
const CREDITS_PER_KILL = 5;
const RECONCILE_ATTEMPTS_MAX = 10;

interface Accepted {
  links: { self: string };
}

function portOf(app: (typeof APPS)[number]): string {
  const port = process.env[`${app.toUpperCase()}_PORT`];
  if (!port) throw new Error(`${app.toUpperCase()}_PORT is not set`);
  return port;
}

/** The pid listening on the app's HTTP port, or null while nothing does. */
function pidOf(app: (typeof APPS)[number]): number | null {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${portOf(app)}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  return pid ? Number(pid) : null;
}

async function ready(app: (typeof APPS)[number]): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${portOf(app)}/readyz`).catch(() => null);
  return response?.status === 200;
}

/** Waits until a process other than `killed` serves the app's /readyz with 200. */
async function backAgain(app: (typeof APPS)[number], killed: number): Promise<number> {
  for (let poll = 0; poll < READY_POLLS_MAX; poll += 1) {
    const pid = pidOf(app);
    if (pid !== null && pid !== killed && (await ready(app))) return pid;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${app} did not come back after kill -9 of ${killed}`);
}

describe('self-healing under kill -9', () => {
  it('brings every processor back after kill -9 under load; nothing is lost and reconcile passes', async () => {
    const admin = await adminSession();
    const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
    const organizationId = me.body.organization.id;
    const account = await createOwnAccount();
    const accepted: string[] = [];
    const invoices: string[] = [];
    for (const app of APPS) {
      const pid = pidOf(app);
      expect(pid, `${app} listens on ${portOf(app)}`).not.toBeNull();
      process.kill(pid!, 'SIGKILL');
      for (let index = 0; index < CREDITS_PER_KILL; index += 1) {
        const response = await postTransaction<Accepted>({
          accountId: account.id,
          type: 'credit',
          amount: '1.00',
          currency: 'USD',
        });
        expect(response.status).toBe(202);
        accepted.push(response.body.links.self);
      }
      const line = { description: `after ${app} was killed`, quantity: '1', unitPrice: '2.00', taxCategory: 'zero' };
      invoices.push(await sendCreateInvoice(organizationId, account.id, 'USD', [line]));
      expect(await backAgain(app, pid!)).not.toBe(pid);
    }
    for (const self of accepted) {
      const done = await pollUntil<TransactionResource>(self, (r) => r.body.status !== 'pending', 120_000);
      expect(done.body.status).toBe('completed');
    }
    for (const id of invoices) {
      const issued = await pollUntil<{ status: string }>(`/api/v1/invoices/${id}`, (r) => r.status === 200, 120_000);
      expect(issued.body.status).toBe('open');
    }
    const expected = (APPS.length * CREDITS_PER_KILL).toFixed(2);
    const balance = await pollUntil<{ balance: string }>(
      `/api/v1/accounts/${account.id}`,
      (r) => r.body.balance === expected,
      60_000,
    );
    expect(balance.body.balance).toBe(expected);
    expect(await db().transaction.count({ where: { accountId: account.id } })).toBe(accepted.length);
    const result = await reconcileWhenSettled(RECONCILE_ATTEMPTS_MAX);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('reconciliation passed');
  }, 900_000);
});
