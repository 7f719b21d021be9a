import { BUILTIN_ROLES, type BuiltinRoleName, PERMISSIONS } from '@billstream/contracts';
import { createPrisma, type Prisma } from './client.ts';
import { hashPassword, verifyPassword } from './password.ts';
import {
  ADMIN_ORGANIZATION,
  DEMO_ORGANIZATION,
  SEED_ACCOUNTS,
  SEED_CATEGORIES,
  SEED_CONFIGURATIONS,
  SEED_CURRENCY,
  SEED_PRODUCTS,
  SEED_USER_IDS,
} from './seed-data.ts';

type Tx = Prisma.TransactionClient;

/** Interactive transactions default to 5 s; a cold seed can take longer. */
const SEED_TRANSACTION_TIMEOUT_MS = 60_000;

export interface SeedOptions {
  adminEmail: string;
  adminPassword: string;
  /** Defaults to viewer@<domain of adminEmail>. */
  viewerEmail?: string;
  /** Defaults to adminPassword, so one printed password opens both demo logins. */
  viewerPassword?: string;
  /**
   * The demo organization with a viewer, master data and accounts (default).
   * False: only the admin, in an organization of its own (see seed-setup.ts).
   */
  demo?: boolean;
  log?: (msg: string) => void;
}

export interface SeedResult {
  organizationId: string;
  admin: { email: string; password: string };
  /** Null without the demo. */
  viewer: { email: string; password: string } | null;
  accounts: { id: string; accountNumber: string; currency: string }[];
}

interface SeedUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  role: BuiltinRoleName;
}

function viewerEmailFor(adminEmail: string): string {
  const domain = adminEmail.includes('@') ? adminEmail.slice(adminEmail.lastIndexOf('@') + 1) : 'billstream.local';
  return `viewer@${domain}`;
}

/**
 * Writes the demo organization, built-in roles and permissions, two users,
 * master data and three billing accounts; without the demo only the
 * admin's organization, the roles and the admin. Idempotent: every insert is
 * ON CONFLICT DO NOTHING, so a second run changes nothing. In particular it
 * never overwrites balances (the ledger processor owns them) nor a password
 * that was changed after the first seed.
 */
export async function seed(databaseUrl: string, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const demo = options.demo ?? true;
  const allUsers: SeedUser[] = [
    {
      id: SEED_USER_IDS.admin,
      email: options.adminEmail,
      password: options.adminPassword,
      firstName: 'Admin',
      role: 'admin',
    },
    {
      id: SEED_USER_IDS.viewer,
      email: options.viewerEmail ?? viewerEmailFor(options.adminEmail),
      password: options.viewerPassword ?? options.adminPassword,
      firstName: 'Viewer',
      role: 'viewer',
    },
  ];
  const users = demo ? allUsers : allUsers.slice(0, 1);
  const prisma = createPrisma(databaseUrl, { max: 2 });
  try {
    const hashes = await hashMissingPasswords(prisma, users, log);
    const result = await prisma.$transaction(
      async (tx) => {
        const organizationId = await seedOrganization(tx, demo ? DEMO_ORGANIZATION : ADMIN_ORGANIZATION);
        await seedAccessControl(tx);
        await seedUsers(tx, organizationId, users, hashes);
        if (!demo) return { organizationId, accounts: [] };
        await seedMasterData(tx, organizationId);
        const accounts = await seedAccounts(tx, organizationId);
        return { organizationId, accounts };
      },
      { timeout: SEED_TRANSACTION_TIMEOUT_MS },
    );
    const [admin, viewer] = users as [SeedUser, SeedUser | undefined];
    return {
      ...result,
      admin: { email: admin.email, password: admin.password },
      viewer: viewer ? { email: viewer.email, password: viewer.password } : null,
    };
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * argon2 is deliberately slow, so hash only for users that do not exist yet
 * (and outside the transaction). Existing users keep their hash; a warning
 * says when the configured password no longer opens the account.
 */
async function hashMissingPasswords(
  prisma: ReturnType<typeof createPrisma>,
  users: SeedUser[],
  log: (msg: string) => void,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const user of users) {
    const existing = await prisma.user.findUnique({ where: { email: user.email }, select: { password: true } });
    if (!existing) {
      hashes.set(user.email, await hashPassword(user.password));
    } else if (!(await verifyPassword(existing.password, user.password))) {
      log(`seed: ${user.email} exists with another password; left unchanged`);
    }
  }
  return hashes;
}

async function seedOrganization(tx: Tx, wanted: typeof DEMO_ORGANIZATION | typeof ADMIN_ORGANIZATION): Promise<string> {
  await tx.organization.createMany({ data: [wanted], skipDuplicates: true });
  // By slug: an organization of that slug created by other means is reused.
  const organization = await tx.organization.findUniqueOrThrow({ where: { slug: wanted.slug } });
  return organization.id;
}

/**
 * Permissions and built-in roles are global. Grants of built-in roles are
 * brought in line with src/permissions.ts (added and removed), so editing the
 * table and re-seeding is how built-in roles change.
 */
async function seedAccessControl(tx: Tx): Promise<void> {
  await tx.permission.createMany({
    data: PERMISSIONS.map(({ key, description }) => ({ key, description })),
    skipDuplicates: true,
  });
  await tx.role.createMany({
    data: BUILTIN_ROLES.map((role) => ({ ...role, organizationId: null, isBuiltin: true })),
    skipDuplicates: true,
  });
  const permissionIds = new Map(
    (await tx.permission.findMany({ select: { id: true, key: true } })).map((row) => [row.key, row.id]),
  );
  const grants = BUILTIN_ROLES.flatMap((role) =>
    PERMISSIONS.filter((permission) => (permission.roles as readonly string[]).includes(role.name)).map(
      (permission) => ({ roleId: role.id, permissionId: permissionIds.get(permission.key) as string }),
    ),
  );
  await tx.rolePermission.createMany({ data: grants, skipDuplicates: true });
  for (const role of BUILTIN_ROLES) {
    const wanted = grants.filter((grant) => grant.roleId === role.id).map((grant) => grant.permissionId);
    await tx.rolePermission.deleteMany({ where: { roleId: role.id, permissionId: { notIn: wanted } } });
  }
}

async function seedUsers(
  tx: Tx,
  organizationId: string,
  users: SeedUser[],
  hashes: Map<string, string>,
): Promise<void> {
  const now = new Date();
  for (const user of users) {
    const passwordHash = hashes.get(user.email);
    if (passwordHash) {
      await tx.user.createMany({
        data: [
          {
            id: user.id,
            organizationId,
            email: user.email,
            password: passwordHash,
            firstName: user.firstName,
            lastName: 'Demo',
            status: 'active',
            emailVerifiedAt: now,
          },
        ],
        skipDuplicates: true,
      });
    }
    // By e-mail: the user may predate the seed with another id.
    const row = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
    const role = BUILTIN_ROLES.find((candidate) => candidate.name === user.role);
    if (row && role) {
      await tx.userRole.createMany({ data: [{ userId: row.id, roleId: role.id }], skipDuplicates: true });
    }
  }
}

async function seedMasterData(tx: Tx, organizationId: string): Promise<void> {
  // One statement: PostgreSQL checks the parent FK at its end, so parents and
  // children may arrive together.
  await tx.category.createMany({
    data: SEED_CATEGORIES.map((category) => ({ ...category, organizationId })),
    skipDuplicates: true,
  });
  await tx.product.createMany({
    data: SEED_PRODUCTS.map((product) => ({ ...product, organizationId, currency: SEED_CURRENCY })),
    skipDuplicates: true,
  });
  await tx.configuration.createMany({
    data: SEED_CONFIGURATIONS.map((configuration) => ({ ...configuration, organizationId })),
    skipDuplicates: true,
  });
}

async function seedAccounts(tx: Tx, organizationId: string): Promise<SeedResult['accounts']> {
  // No balance in the data: new rows take the column default 0 and existing
  // rows are skipped, so a re-seed never resets what the ledger wrote.
  await tx.billingAccount.createMany({
    data: SEED_ACCOUNTS.map((account) => ({ ...account, organizationId, status: 'active' })),
    skipDuplicates: true,
  });
  const rows = await tx.billingAccount.findMany({
    where: { accountNumber: { in: SEED_ACCOUNTS.map((account) => account.accountNumber) } },
    select: { id: true, accountNumber: true, currency: true },
    orderBy: { accountNumber: 'asc' },
  });
  return rows;
}
