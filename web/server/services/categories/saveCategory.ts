import type { CategoryBody, CategoryResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { type ProblemError, problems } from '../../utils/problem';
import { checkParent, PARENT_PROBLEM_TEXT } from '../masterData/categoryTree';
import { commitChange, lockOrganization, refuse } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { currentOrRefuse, type Precondition } from '../masterData/precondition';
import { categoryRecord } from '../masterData/records';
import { toCategoryResource } from '../masterData/resources';

/** Every category's parent in the organization (id -> parentId). */
export async function categoryParents(tx: Prisma.TransactionClient, organizationId: string) {
  const rows = await tx.category.findMany({ where: { organizationId }, select: { id: true, parentId: true } });
  return new Map(rows.map((row) => [row.id, row.parentId]));
}

async function loadForUpdate(
  tx: Prisma.TransactionClient,
  id: string,
  organizationId: string,
  precondition: Precondition,
) {
  return currentOrRefuse(
    await tx.category.findFirst({ where: { id, organizationId } }),
    `category ${id}`,
    toCategoryResource,
    precondition,
    true,
  );
}

/**
 * Creates (id undefined) or replaces a category. The organization's tree is
 * locked for the check, so two concurrent moves cannot build a cycle
 * together; the parent must be one of the organization's categories.
 */
export async function saveCategory(
  organizationId: string,
  body: CategoryBody,
  id: string | undefined,
  precondition: Precondition = {},
): Promise<{ resource: CategoryResource; created: boolean } | ProblemError> {
  return commitChange(organizationId, ['categories'], async (tx) => {
    await lockOrganization(tx, 'categories', organizationId);
    if (id) await loadForUpdate(tx, id, organizationId, precondition);
    const parents = await categoryParents(tx, organizationId);
    const problem = checkParent(id ?? '', body.parentId, parents);
    if (problem) refuse(problems.invalid([{ name: 'body.parentId', reason: PARENT_PROBLEM_TEXT[problem] }]));
    const data = { name: body.name, description: body.description, parentId: body.parentId, isActive: body.isActive };
    const row = id
      ? await tx.category.update({ where: { id }, data })
      : await tx.category.create({ data: { ...data, organizationId } });
    await enqueueRecords(tx, [categoryRecord(row)]);
    return { resource: toCategoryResource(row), created: !id };
  });
}
