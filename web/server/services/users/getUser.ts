import type { UserResource } from '@billstream/contracts';
import { findOrgUser } from './findOrgUser';
import { toUserResource } from './userRecords';

export async function getUser(organizationId: string, userId: string): Promise<UserResource> {
  return toUserResource(await findOrgUser(organizationId, userId));
}
