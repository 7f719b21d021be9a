import { randomBytes, randomUUID } from 'node:crypto';
import { BUILTIN_ROLES, type BuiltinRoleName } from '@billstream/contracts';
import { createPrisma, hashPassword, type PrismaClient } from '@billstream/db';
import { accountMasterData, accountUpserted, fixtureEvent, fixtureTopic, sendFixtures } from './fixtureKafka';

/**
 * Rows the HTTP API cannot create yet (users of each role, a second
 * organization with its own account, transaction, role and token), written
 * straight to the test database. Names carry a random suffix, so a rerun
 * against the same database never collides.
 */
export const FIXTURE_PASSWORD = 'fixture-password-1234';
/** API tokens always expire; a fixture's outlives any test run. */
export const FIXTURE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

let prisma: PrismaClient | undefined;
export function db(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the fixtures write to the test database');
  prisma ??= createPrisma(url, { max: 2 });
  return prisma;
}

export async function closeFixtures(): Promise<void> {
  await prisma?.$disconnect();
  prisma = undefined;
}

const roleId = (name: BuiltinRoleName) => BUILTIN_ROLES.find((role) => role.name === name)?.id as string;
const suffix = () => randomBytes(4).toString('hex');

let passwordHash: Promise<string> | undefined;

export interface FixtureUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
}

/** An active user of `organizationId` holding the given built-in roles (or custom role ids). */
export async function createUser(
  organizationId: string,
  roles: readonly (BuiltinRoleName | { id: string })[],
  label = 'user',
): Promise<FixtureUser> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const email = `${label}-${suffix()}@fixtures.test`;
  const user = await db().user.create({
    data: {
      organizationId,
      email,
      password: await passwordHash,
      status: 'active',
      emailVerifiedAt: new Date(),
      roles: { create: roles.map((role) => ({ roleId: typeof role === 'string' ? roleId(role) : role.id })) },
    },
  });
  return { id: user.id, email, password: FIXTURE_PASSWORD };
}

export async function createCustomRole(organizationId: string, permissionKeys: readonly string[], label = 'role') {
  const permissions = await db().permission.findMany({ where: { key: { in: [...permissionKeys] } } });
  return db().role.create({
    data: {
      organizationId,
      name: `${label}-${suffix()}`,
      permissions: { create: permissions.map((permission) => ({ permissionId: permission.id })) },
    },
  });
}

export interface ForeignOrganization {
  readonly organizationId: string;
  readonly admin: FixtureUser;
  readonly accountId: string;
  readonly transactionId: string;
  readonly roleId: string;
  readonly apiTokenId: string;
  readonly categoryId: string;
  readonly productId: string;
  readonly invoiceId: string;
  readonly planId: string;
  readonly subscriptionId: string;
  readonly paymentMethodId: string;
  readonly paymentId: string;
}

/**
 * A plan and a subscription of the organization, written into their views as
 * the subscriptions processor would (these fixtures only feed route checks;
 * the recurring-billing flow itself is tested through Kafka in streams/test).
 */
export async function createSubscriptionRows(
  organizationId: string,
  accountId: string,
  currency: string,
): Promise<{ planId: string; subscriptionId: string }> {
  const now = new Date();
  const plan = await db().plan.create({
    data: {
      id: randomUUID(),
      organizationId,
      code: `MATRIX-${suffix()}`,
      name: 'Matrix plan',
      price: '10.00',
      currency,
      interval: 'month',
      taxCategory: 'standard',
      version: 1,
      updatedAt: now,
    },
  });
  const subscription = await db().subscription.create({
    data: {
      id: randomUUID(),
      organizationId,
      accountId,
      planId: plan.id,
      currency,
      status: 'active',
      startAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      version: 1,
      updatedAt: now,
    },
  });
  return { planId: plan.id, subscriptionId: subscription.id };
}

/** A second organization with one of everything, so tests can ask for another organization's objects. */
export async function createForeignOrganization(): Promise<ForeignOrganization> {
  const tag = suffix();
  const organization = await db().organization.create({ data: { name: `Other Org ${tag}`, slug: `other-${tag}` } });
  const admin = await createUser(organization.id, ['admin'], 'foreign-admin');
  const account = await db().billingAccount.create({
    data: { organizationId: organization.id, accountNumber: `OTHER-${tag}`, customerName: 'Foreign customer' },
  });
  // The transaction goes through the ledger like any other (announce the
  // account, send a credit, wait for the view), so the ledger stays
  // reconcilable: a row written straight into the view would not be.
  const transactionId = await creditThroughLedger(organization.id, account.id, account.accountNumber);
  const transaction = { id: transactionId };
  const role = await createCustomRole(organization.id, ['accounts:read'], 'foreign-role');
  const token = await db().apiToken.create({
    data: {
      userId: admin.id,
      name: 'foreign',
      tokenHash: randomBytes(32).toString('hex'),
      scopes: ['accounts:read'],
      expiresAt: new Date(Date.now() + FIXTURE_TOKEN_LIFETIME_MS),
    },
  });
  const category = await db().category.create({ data: { organizationId: organization.id, name: `Foreign ${tag}` } });
  const product = await db().product.create({
    data: {
      organizationId: organization.id,
      sku: `FOREIGN-${tag}`,
      name: 'Foreign product',
      categoryId: category.id,
      unitPrice: '1.00',
      currency: 'USD',
      taxCategory: 'standard',
    },
  });
  const method = await db().paymentMethod.create({
    data: {
      organizationId: organization.id,
      accountId: account.id,
      type: 'card',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2099,
      gateway: 'card',
      gatewayToken: `tok_card_success_${randomBytes(8).toString('hex')}`,
      isDefault: true,
    },
  });
  // A view row written directly: only its existence matters to the 404 checks.
  const payment = await db().payment.create({
    data: {
      organizationId: organization.id,
      accountId: account.id,
      amount: '1.00',
      currency: account.currency,
      version: 1,
    },
  });
  return {
    organizationId: organization.id,
    admin,
    accountId: account.id,
    transactionId: transaction.id,
    roleId: role.id,
    apiTokenId: token.id,
    categoryId: category.id,
    productId: product.id,
    invoiceId: (await createViewInvoice(organization.id, account.id)).id,
    ...(await createSubscriptionRows(organization.id, account.id, 'USD')),
    paymentMethodId: method.id,
    paymentId: payment.id,
  };
}

/** Polls for the ledger's transaction row; the ledger applies a command within milliseconds. */
const LEDGER_WAIT_ATTEMPTS_MAX = 300;

async function creditThroughLedger(organizationId: string, accountId: string, accountNumber: string): Promise<string> {
  const transactionId = randomUUID();
  const account = { id: accountId, organizationId, accountNumber, currency: 'USD', status: 'active' } as const;
  const credit = { transactionId, accountId, type: 'credit', amount: '1.00', currency: 'USD' };
  await sendFixtures([
    {
      topic: fixtureTopic('transactionCommands'),
      messages: [accountUpserted(account), fixtureEvent('TransactionRequested', credit)].map((event) => ({
        key: accountId,
        value: JSON.stringify(event),
      })),
    },
  ]);
  for (let attempt = 0; attempt < LEDGER_WAIT_ATTEMPTS_MAX; attempt += 1) {
    if (await db().transaction.findUnique({ where: { id: transactionId } })) return transactionId;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the ledger did not apply fixture transaction ${transactionId}`);
}

/**
 * A fresh active USD account of the seeded organization, announced to the
 * ledger (and the billing app's master data), so a test may hold or spend
 * its balance without disturbing the seeded accounts other tests use.
 */
export async function createOwnAccount(): Promise<{ id: string; organizationId: string }> {
  const organization = await db().organization.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
  const tag = suffix();
  const account = await db().billingAccount.create({
    data: {
      organizationId: organization.id,
      accountNumber: `OWN-${tag}`,
      customerName: 'Test customer',
      currency: 'USD',
    },
  });
  const event = accountUpserted({ ...account, status: 'active' });
  await sendFixtures([
    { topic: fixtureTopic('transactionCommands'), messages: [{ key: account.id, value: JSON.stringify(event) }] },
    { topic: fixtureTopic('masterData'), messages: [accountMasterData(event)] },
  ]);
  return { id: account.id, organizationId: organization.id };
}

export interface ViewInvoiceFixture {
  readonly id: string;
  readonly accountId: string;
}

/**
 * An invoice row written straight into the invoices view, for read-side and
 * access tests that must not depend on the billing processor (RBAC matrix,
 * another organization's invoice). The processor never knows these ids, so
 * a command sent for one is rejected there as invoice_not_found; tests of
 * the real flow create invoices through POST /api/v1/invoices instead.
 */
export async function createViewInvoice(
  organizationId: string,
  accountId: string,
  status: 'draft' | 'open' = 'open',
  currency = 'USD',
): Promise<ViewInvoiceFixture> {
  const id = randomUUID();
  const issued = status !== 'draft';
  await db().invoice.create({
    data: {
      id,
      organizationId,
      accountId,
      invoiceNumber: issued ? `FIX-${suffix()}` : null,
      currency,
      priceMode: 'tax_exclusive',
      subtotalAmount: '10.00',
      taxAmount: '2.00',
      totalAmount: '12.00',
      amountDue: '12.00',
      issueDate: issued ? new Date('2026-11-25T00:00:00Z') : null,
      dueDate: issued ? new Date('2026-12-25T00:00:00Z') : null,
      status,
      version: 1,
    },
  });
  // Lines have no relation to invoices (their view sink commits on its own), so they are written beside it.
  await db().invoiceLine.create({
    data: {
      organizationId,
      invoiceId: id,
      position: 1,
      description: 'Fixture line',
      quantity: '1',
      unitPrice: '10.00',
      taxCategory: 'standard',
      taxRate: '0.2',
      subtotal: '10.00',
      taxAmount: '2.00',
      total: '12.00',
    },
  });
  return { id, accountId };
}

/** The organization's configured value of each key asked for (JSON values as stored). */
export async function configurationValues(organizationId: string, keys: readonly string[]) {
  const rows = await db().configuration.findMany({ where: { organizationId, key: { in: [...keys] } } });
  return new Map(rows.map((row) => [row.key, row.value as unknown]));
}

/**
 * A billing account of the organization in the given state, written to the
 * accounts table and announced on master-data (BillingAccountUpserted) the
 * way the dev scripts announce seeded accounts, so the billing processor
 * knows it too.
 */
export async function createAnnouncedAccount(
  organizationId: string,
  status: 'active' | 'frozen',
  currency = 'USD',
): Promise<string> {
  const tag = suffix();
  const account = await db().billingAccount.create({
    data: { organizationId, accountNumber: `INV-FIX-${tag}`, customerName: `Invoice fixture ${tag}`, currency, status },
  });
  const event = accountUpserted({ ...account, status });
  await sendFixtures([{ topic: fixtureTopic('masterData'), messages: [accountMasterData(event)] }]);
  return account.id;
}
