import { randomBytes, randomUUID } from 'node:crypto';
import { BUILTIN_ROLES, type BuiltinRoleName, createPrisma, hashPassword, type PrismaClient } from '@billstream/db';

/**
 * Rows the HTTP API cannot create yet (users of each role, a second
 * organization with its own account, transaction, role and token), written
 * straight to the test database. Names carry a random suffix, so a rerun
 * against the same database never collides.
 */
export const FIXTURE_PASSWORD = 'fixture-password-1234';

let prisma: PrismaClient | undefined;
function db(): PrismaClient {
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
}

/** A second organization with one of everything, so tests can ask for another organization's objects. */
export async function createForeignOrganization(): Promise<ForeignOrganization> {
  const tag = suffix();
  const organization = await db().organization.create({ data: { name: `Other Org ${tag}`, slug: `other-${tag}` } });
  const admin = await createUser(organization.id, ['admin'], 'foreign-admin');
  const account = await db().billingAccount.create({
    data: { organizationId: organization.id, accountNumber: `OTHER-${tag}`, customerName: 'Foreign customer' },
  });
  const transaction = await db().transaction.create({
    data: {
      id: randomUUID(),
      organizationId: organization.id,
      accountId: account.id,
      transactionType: 'credit',
      amount: '1.00',
      currency: 'USD',
      status: 'completed',
      requestedAt: new Date(),
      processedAt: new Date(),
    },
  });
  const role = await createCustomRole(organization.id, ['accounts:read'], 'foreign-role');
  const token = await db().apiToken.create({
    data: { userId: admin.id, name: 'foreign', tokenHash: randomBytes(32).toString('hex'), scopes: ['accounts:read'] },
  });
  return {
    organizationId: organization.id,
    admin,
    accountId: account.id,
    transactionId: transaction.id,
    roleId: role.id,
    apiTokenId: token.id,
  };
}
