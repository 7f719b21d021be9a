import { randomUUID } from 'node:crypto';
import { CustomerResource } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, pollUntil, postTransaction } from './support/api';
import { closeFixtures, createForeignOrganization, createUser, db, type ForeignOrganization } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { SEED_ADMIN, Session } from './support/session';

interface Accepted {
  accountId: string;
  commandId: string;
  status: 'pending';
  links: { self: string };
}

const tag = () => randomUUID().slice(0, 8);

let customersAdmin: Promise<Session> | undefined;

/**
 * An admin of the seeded organization of this file's own: the command budget
 * is per caller and per minute, so this file's commands never spend the
 * shared seeded admin's, which the next test files need.
 */
function adminSession(): Promise<Session> {
  customersAdmin ??= (async () => {
    const seeded = await db().user.findFirstOrThrow({ where: { email: SEED_ADMIN.email } });
    const user = await createUser(seeded.organizationId, ['admin'], 'customers-admin');
    return Session.login(user.email, user.password);
  })();
  return customersAdmin;
}

async function send<T = Accepted>(method: string, path: string, body?: unknown, key = randomUUID()) {
  const session = await adminSession();
  return session.request<T>(method, path, { body, headers: { 'idempotency-key': key } });
}

function customerBody(overrides: Record<string, unknown> = {}) {
  return {
    legalName: `Acme ${tag()} SARL`,
    currency: 'EUR',
    creditLimit: '100.00',
    billingEmail: 'Billing@Acme.test',
    address: { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
    taxId: 'FR12345678901',
    paymentTermsDays: 15,
    timezone: 'Europe/Paris',
    externalId: `crm-${tag()}`,
    ...overrides,
  };
}

/** Creates a customer and waits until the ledger's view shows it. */
async function createCustomer(overrides: Record<string, unknown> = {}) {
  const created = await send('POST', '/api/v1/accounts', customerBody(overrides));
  expect(created.status).toBe(202);
  const shown = await pollUntil<CustomerResource>(created.body.links.self, (r) => r.status === 200);
  expect(shown.status).toBe(200);
  return shown.body;
}

async function waitFor(path: string, done: (body: CustomerResource) => boolean) {
  const response: ApiResponse<CustomerResource> = await pollUntil<CustomerResource>(
    path,
    (r) => r.status === 200 && done(r.body),
  );
  return response.body;
}

async function debit(accountId: string, type: 'credit' | 'debit', amount = '1.00') {
  const accepted = await postTransaction<{ links: { self: string } }>({ accountId, type, amount, currency: 'EUR' });
  expect(accepted.status).toBe(202);
  const done = await pollUntil<{ status: string; reason: string | null }>(
    accepted.body.links.self,
    (r) => r.status === 200 && r.body.status !== 'pending',
  );
  return done.body;
}

describe('customers (billing accounts) through the API and the ledger', () => {
  let foreign: ForeignOrganization;
  beforeAll(async () => {
    foreign = await createForeignOrganization();
  });
  afterAll(closeFixtures);

  it('POST answers 202 + Location; the customer shows in GET, the list search and by external id', async () => {
    const body = customerBody();
    const created = await send('POST', '/api/v1/accounts', body);
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toMatch(new RegExp(`/api/v1/accounts/${created.body.accountId}$`));
    const shown = await pollUntil<CustomerResource>(created.body.links.self, (r) => r.status === 200);
    expect(CustomerResource.parse(shown.body)).toMatchObject({
      legalName: body.legalName,
      billingEmail: 'billing@acme.test',
      address: { city: 'Paris', country: 'FR', line2: null },
      taxId: body.taxId,
      paymentTermsDays: 15,
      timezone: 'Europe/Paris',
      externalId: body.externalId,
      currency: 'EUR',
      creditLimit: '100.00',
      status: 'active',
      balance: '0.00',
    });
    expect(shown.body.accountNumber).toMatch(/^CUS-[0-9A-F]{10}$/);
    const byExternal = await (await adminSession()).get<CustomerResource>(`/api/v1/accounts/${body.externalId}`);
    expect(byExternal.body.id).toBe(created.body.accountId);
    const list = await (await adminSession()).get<{ data: CustomerResource[] }>(
      `/api/v1/accounts?q=${encodeURIComponent(body.legalName)}`,
    );
    expect(list.body.data.map((account) => account.id)).toEqual([created.body.accountId]);
  });

  it('refuses a bad body naming every field (422) and a taken external id (409)', async () => {
    const bad = await send('POST', '/api/v1/accounts', {
      legalName: '',
      currency: 'XXX',
      creditLimit: '-1',
      billingEmail: 'nope',
      timezone: 'Mars/Base',
      externalId: 'has space',
    });
    expect(fieldNames(expectProblem(bad, 422)).sort()).toEqual(
      [
        'body.billingEmail',
        'body.creditLimit',
        'body.currency',
        'body.externalId',
        'body.legalName',
        'body.timezone',
      ].sort(),
    );
    const first = await createCustomer();
    const second = await send('POST', '/api/v1/accounts', customerBody({ externalId: first.externalId }));
    expect(fieldNames(expectProblem(second, 409))).toEqual(['body.externalId']);
    // Two requests racing for one new external id: only one is accepted.
    const externalId = `race-${tag()}`;
    const raced = await Promise.all([
      send('POST', '/api/v1/accounts', customerBody({ externalId })),
      send('POST', '/api/v1/accounts', customerBody({ externalId })),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([202, 409]);
  });

  it('PATCH (by external id) changes only what it names', async () => {
    const customer = await createCustomer();
    const patched = await send('PATCH', `/api/v1/accounts/${customer.externalId}`, {
      taxId: 'FR999',
      creditLimit: '250',
      address: null,
    });
    expect(patched.status).toBe(202);
    const after = await waitFor(`/api/v1/accounts/${customer.id}`, (body) => body.taxId === 'FR999');
    expect(after).toMatchObject({
      taxId: 'FR999',
      creditLimit: '250.00',
      address: null,
      legalName: customer.legalName,
      billingEmail: customer.billingEmail,
    });
    expect(fieldNames(expectProblem(await send('PATCH', `/api/v1/accounts/${customer.id}`, {}), 422))).toEqual([
      'body',
    ]);
    // The currency never changes: it is not a field of the PATCH body.
    expect(
      fieldNames(expectProblem(await send('PATCH', `/api/v1/accounts/${customer.id}`, { currency: 'USD' }), 422)),
    ).toContain('body.currency');
  });

  it('freeze refuses debits but takes credits; close refuses everything; reopen restores', async () => {
    const customer = await createCustomer({ creditLimit: '0' });
    expect((await debit(customer.id, 'credit', '10.00')).status).toBe('completed');
    expect((await send('POST', `/api/v1/accounts/${customer.id}/freeze`, { reason: 'disputed' })).status).toBe(202);
    await waitFor(`/api/v1/accounts/${customer.id}`, (body) => body.status === 'frozen');
    expect(await debit(customer.id, 'debit')).toMatchObject({ status: 'rejected', reason: 'account_not_active' });
    expect((await debit(customer.id, 'credit')).status).toBe('completed');
    // Freezing a frozen account is an invalid transition.
    expectProblem(await send('POST', `/api/v1/accounts/${customer.id}/freeze`), 409);
    expect((await send('POST', `/api/v1/accounts/${customer.externalId}/close`)).status).toBe(202);
    await waitFor(`/api/v1/accounts/${customer.id}`, (body) => body.status === 'closed');
    expect(await debit(customer.id, 'credit')).toMatchObject({ status: 'rejected', reason: 'account_not_active' });
    expect((await send('POST', `/api/v1/accounts/${customer.id}/reopen`)).status).toBe(202);
    await waitFor(`/api/v1/accounts/${customer.id}`, (body) => body.status === 'active');
    expect((await debit(customer.id, 'debit')).status).toBe('completed');
    // 10 + 1 (credit while frozen) − 1 (debit after reopening); the balance view follows the verdicts a moment later.
    expect((await waitFor(`/api/v1/accounts/${customer.id}`, (body) => body.balance === '10.00')).balance).toBe(
      '10.00',
    );
  });

  it('imports a CSV: a bad row refuses the file with a per-row report; a good file opens every row', async () => {
    const session = await adminSession();
    const taken = await createCustomer();
    const header = 'legalName,currency,creditLimit,billingEmail,line1,city,country,paymentTermsDays,externalId';
    const dup = `imp-${tag()}`;
    const bad = [
      header,
      `Good Ltd,GBP,10,ap@good.example,1 High St,London,GB,30,imp-${tag()}`,
      `,EUR,0,not-an-email,,,,,`,
      `Dup One,EUR,0,,,,,,${dup}`,
      `Dup Two,EUR,0,,,,,,${dup}`,
      `Taken,EUR,0,,,,,,${taken.externalId}`,
      `Terms,EUR,0,,,,,soon,`,
    ].join('\n');
    const csv = (text: string) =>
      session.request<{ accounts: { row: number; accountId: string; links: { self: string } }[] }>(
        'POST',
        '/api/v1/accounts/import',
        { body: text, headers: { 'content-type': 'text/csv', 'idempotency-key': randomUUID() } },
      );
    const refused = expectProblem(await csv(bad), 422);
    expect(fieldNames(refused).sort()).toEqual(
      [
        'rows[2].legalName',
        'rows[2].billingEmail',
        'rows[6].paymentTermsDays',
        'rows[4].externalId',
        'rows[5].externalId',
      ].sort(),
    );
    const names = [`Imported A ${tag()}`, `Imported B ${tag()}`];
    const good = [header, `${names[0]},EUR,5,,1 Main St,Paris,FR,15,imp-${tag()}`, `${names[1]},USD,,,,,,,`].join('\n');
    const accepted = await csv(good);
    expect(accepted.status).toBe(202);
    expect(accepted.body.accounts.map((account) => account.row)).toEqual([1, 2]);
    const shown = await pollUntil<CustomerResource>(accepted.body.accounts[0]!.links.self, (r) => r.status === 200);
    expect(shown.body).toMatchObject({
      legalName: names[0],
      currency: 'EUR',
      creditLimit: '5.00',
      paymentTermsDays: 15,
      address: { line1: '1 Main St', city: 'Paris', country: 'FR' },
    });
  });

  it("another organization's admin can neither read nor change the customer (404)", async () => {
    const customer = await createCustomer();
    const other = await Session.login(foreign.admin.email, foreign.admin.password);
    for (const ref of [customer.id, customer.externalId!]) {
      expectProblem(await other.get(`/api/v1/accounts/${ref}`), 404);
      const patch = await other.request('PATCH', `/api/v1/accounts/${ref}`, {
        body: { legalName: 'Stolen' },
        headers: { 'idempotency-key': randomUUID() },
      });
      expectProblem(patch, 404);
      const freeze = await other.request('POST', `/api/v1/accounts/${ref}/freeze`, {
        headers: { 'idempotency-key': randomUUID() },
      });
      expectProblem(freeze, 404);
    }
    // The same external id is free in the other organization.
    const theirs = await other.request<Accepted>('POST', '/api/v1/accounts', {
      body: customerBody({ externalId: customer.externalId }),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(theirs.status).toBe(202);
    const mine = await (await adminSession()).get<CustomerResource>(`/api/v1/accounts/${customer.id}`);
    expect(mine.body.legalName).toBe(customer.legalName);
  });
});
