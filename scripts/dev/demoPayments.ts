import { randomUUID } from 'node:crypto';
import { DEMO_ORGANIZATION, SEED_ACCOUNTS } from '@billstream/db';
import pg from 'pg';

/** How long the demo waits for a card payment to succeed before refunding part of it. */
const PAYMENT_SETTLE_TIMEOUT_MS = 60_000;
const PAYMENT_POLL_MS = 500;
const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

interface Session {
  readonly baseUrl: string;
  readonly headers: Record<string, string>;
}

async function signIn(baseUrl: string, admin: { email: string; password: string }): Promise<Session> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (login.status !== 200) throw new Error(`demo sign-in answered ${login.status}`);
  const cookies = login.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const csrf = cookies.find((cookie) => cookie.startsWith('bst_csrf='))?.slice('bst_csrf='.length) ?? '';
  return { baseUrl, headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' } };
}

async function post<T>(session: Session, path: string, body: object, expected: number): Promise<T> {
  const response = await fetch(`${session.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...session.headers, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`demo POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function settled(session: Session, paymentId: string): Promise<string> {
  const deadline = Date.now() + PAYMENT_SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${session.baseUrl}/api/v1/payments/${paymentId}`, { headers: session.headers });
    const status = response.ok ? ((await response.json()) as { status: string }).status : 'pending';
    if (TERMINAL.has(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, PAYMENT_POLL_MS));
  }
  return 'pending';
}

async function alreadySeeded(databaseUrl: string): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const rows = await pool.query('SELECT 1 FROM payment_methods WHERE organization_id = $1 LIMIT 1', [
      DEMO_ORGANIZATION.id,
    ]);
    return (rows.rowCount ?? 0) > 0;
  } finally {
    await pool.end();
  }
}

/**
 * Fills the payment screens of the demo organization through the real API
 * (so every payment goes through the processor and the sandbox gateways):
 * stored cards and a bank account, card payments (one partly refunded), a
 * declined card, a bank transfer that settles by webhook, and a few ledger
 * transactions for the live chart. Runs once: a start that finds stored
 * payment methods leaves the demo alone.
 */
export async function publishDemoPayments(
  baseUrl: string,
  databaseUrl: string,
  admin: { email: string; password: string },
): Promise<string> {
  if (await alreadySeeded(databaseUrl)) return 'payments already there';
  const [usd, usdOther] = SEED_ACCOUNTS;
  if (!usd || !usdOther || usd.currency !== 'USD' || usdOther.currency !== 'USD')
    throw new Error('the demo needs two USD seed accounts');
  const session = await signIn(baseUrl, admin);
  const method = (accountId: string, details: object) =>
    post<{ id: string }>(session, '/api/v1/payment-methods', { accountId, method: details }, 201);
  const card = await method(usd.id, {
    type: 'card',
    number: '4242424242424242',
    expMonth: 12,
    expYear: 2030,
    cvc: '123',
  });
  const declining = await method(usd.id, {
    type: 'card',
    number: '4000000000000002',
    expMonth: 6,
    expYear: 2029,
    cvc: '123',
  });
  const bank = await method(usdOther.id, {
    type: 'bank_transfer',
    accountHolder: 'Demo Customer',
    iban: 'DE89370400440532013000',
  });
  const pay = (accountId: string, amount: string, paymentMethodId: string) =>
    post<{ id: string }>(
      session,
      '/api/v1/payments',
      { accountId, amount, currency: 'USD', paymentMethodId, confirm: true },
      202,
    );
  const refunded = await pay(usd.id, '120.00', card.id);
  await pay(usd.id, '45.00', card.id);
  await pay(usd.id, '80.00', declining.id);
  await pay(usdOther.id, '60.00', bank.id);
  for (const [type, amount] of [
    ['credit', '250.00'],
    ['debit', '35.50'],
    ['credit', '12.25'],
    ['debit', '9.99'],
  ] as const)
    await post(session, '/api/v1/transactions', { accountId: usd.id, type, amount, currency: 'USD' }, 202);
  if ((await settled(session, refunded.id)) !== 'succeeded')
    return 'payments sent; the card payment did not settle in time, so no refund';
  await post(
    session,
    `/api/v1/payments/${refunded.id}/refunds`,
    { amount: '20.00', reason: 'Demo: partial refund' },
    202,
  );
  return '4 payments (one refunded in part, one declined, one bank transfer) and 4 transactions sent';
}
