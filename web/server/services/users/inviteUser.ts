import type { InviteUserBody, UserResource } from '@billstream/contracts';
import { hashPassword } from '@billstream/db';
import { INVITATION_TTL_SECONDS } from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { randomSecret } from '../../utils/secrets';
import { assertMayAssignRoles } from '../access/grantChecks';
import { recordActivity } from '../activity/recordActivity';
import { issueMailedToken } from '../auth/mailedTokens';
import { authMails } from '../mail/authMails';
import { requireMailDelivery } from '../mail/mailDelivery';
import { useMailer } from '../mail/mailer';
import { loadAssignableRoles } from './setUserRoles';
import { toUserResource, USER_INCLUDE } from './userRecords';

const emailTaken = () =>
  problems.conflict('A user with this e-mail address exists already', 'user-exists', {
    name: 'body.email',
    reason: 'is taken',
  });

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

/**
 * Creates a pending user of the caller's organization with the given roles
 * and mails them a single-use link to choose their password (the password
 * stored until then is the hash of a secret nobody knows). Following the link
 * proves the address and activates the account.
 */
export async function inviteUser(caller: Principal, body: InviteUserBody, ip: string): Promise<UserResource> {
  requireMailDelivery();
  const roleIds = [...new Set(body.roleIds)];
  const roles = await loadAssignableRoles(caller.organizationId, roleIds);
  await assertMayAssignRoles(caller, roleIds, roles, ip);
  const db = useDb();
  const placeholder = await hashPassword(randomSecret());
  const row = await db.user
    .create({
      data: {
        organizationId: caller.organizationId,
        email: body.email,
        password: placeholder,
        firstName: body.firstName || null,
        lastName: body.lastName || null,
        status: 'pending',
        roles: { create: roleIds.map((roleId) => ({ roleId })) },
      },
      include: { ...USER_INCLUDE, organization: { select: { id: true, name: true } } },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? emailTaken() : error;
    });
  const token = await issueMailedToken(row.id, 'invitation', INVITATION_TTL_SECONDS);
  await useMailer().send(authMails.invitation(row.email, token, row.organization, caller.email));
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'user.invited',
    resource: 'user',
    resourceId: row.id,
    metadata: { email: row.email, roles: row.roles.map((link) => link.role.name) },
    ip,
  });
  return toUserResource(row);
}
