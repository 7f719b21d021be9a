import { randomBytes } from 'node:crypto';
import { BUILTIN_ROLES, type RegisterBody } from '@billstream/contracts';
import { hashPassword } from '@billstream/db';
import { EMAIL_VERIFICATION_TTL_SECONDS, REGISTRATIONS_PER_IP } from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import { hitRateLimit } from '../../utils/rateLimit';
import { recordActivity } from '../activity/recordActivity';
import { authMails } from '../mail/authMails';
import { requireMailDelivery } from '../mail/mailDelivery';
import { useMailer } from '../mail/mailer';
import { issueMailedToken } from './mailedTokens';

const ADMIN_ROLE_ID = BUILTIN_ROLES.find((role) => role.name === 'admin')?.id as string;

export function organizationSlug(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'org'}-${randomBytes(3).toString('hex')}`;
}

/** A new organization with the registering user as its (pending) admin. */
async function createOrganizationWithAdmin(input: RegisterBody, passwordHash: string) {
  return useDb().$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { name: input.organizationName, slug: organizationSlug(input.organizationName) },
    });
    const user = await tx.user.create({
      data: {
        organizationId: organization.id,
        email: input.email,
        password: passwordHash,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        status: 'pending',
      },
    });
    await tx.userRole.create({ data: { userId: user.id, roleId: ADMIN_ROLE_ID } });
    return user;
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

/**
 * Self-service sign-up: a new organization, its first admin in status
 * pending, and a verification mail. The answer never says whether the
 * address already had an account; its owner gets a notice instead.
 */
export async function registerUser(input: RegisterBody & { ip: string }): Promise<void> {
  requireMailDelivery();
  await hitRateLimit(REGISTRATIONS_PER_IP, input.ip);
  const mailer = useMailer();
  if (await useDb().user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    await mailer.send(authMails.accountExists(input.email));
    return;
  }
  let user: Awaited<ReturnType<typeof createOrganizationWithAdmin>>;
  try {
    user = await createOrganizationWithAdmin(input, await hashPassword(input.password));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await mailer.send(authMails.accountExists(input.email));
    return;
  }
  const token = await issueMailedToken(user.id, 'email_verification', EMAIL_VERIFICATION_TTL_SECONDS);
  await mailer.send(authMails.emailVerification(input.email, token, user.organizationId));
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'auth.registered',
    resource: 'user',
    resourceId: user.id,
    ip: input.ip,
  });
}
