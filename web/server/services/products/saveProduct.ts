import type { ProductBody, ProductResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { type ProblemError, problems } from '../../utils/problem';
import { commitChange, isUniqueViolation, lockRow, refuse } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { currentOrRefuse, type Precondition } from '../masterData/precondition';
import { productRecord } from '../masterData/records';
import { toProductResource } from '../masterData/resources';

/** Checks that only the database can answer: the category exists here, the SKU is free. */
export async function productConflicts(
  tx: Prisma.TransactionClient,
  organizationId: string,
  body: ProductBody,
  id: string | undefined,
): Promise<{ field: string; reason: string; status: 409 | 422 } | undefined> {
  if (body.categoryId) {
    const category = await tx.category.findFirst({
      where: { id: body.categoryId, organizationId },
      select: { id: true },
    });
    if (!category) return { field: 'categoryId', reason: 'is not a category of this organization', status: 422 };
  }
  const taken = await tx.product.findFirst({ where: { organizationId, sku: body.sku }, select: { id: true } });
  if (taken && taken.id !== id) return { field: 'sku', reason: `is already used by product ${taken.id}`, status: 409 };
  return undefined;
}

async function write(tx: Prisma.TransactionClient, organizationId: string, body: ProductBody, id: string | undefined) {
  const data = {
    sku: body.sku,
    name: body.name,
    description: body.description,
    categoryId: body.categoryId,
    unitPrice: body.unitPrice,
    currency: body.currency,
    taxCategory: body.taxCategory,
    isActive: body.isActive,
  };
  try {
    return id
      ? await tx.product.update({ where: { id }, data })
      : await tx.product.create({ data: { ...data, organizationId } });
  } catch (error) {
    // A concurrent create took the SKU between our check and the insert.
    if (isUniqueViolation(error))
      refuse(problems.conflict('The SKU is taken', 'sku-taken', { name: 'body.sku', reason: 'is already used' }));
    throw error;
  }
}

/** Creates (id undefined) or replaces a product; an update needs If-Match or updatedAt. */
export async function saveProduct(
  organizationId: string,
  body: ProductBody,
  id: string | undefined,
  precondition: Precondition = {},
): Promise<{ resource: ProductResource; created: boolean } | ProblemError> {
  return commitChange(organizationId, ['products'], async (tx) => {
    if (id) {
      await lockRow(tx, 'products', id, organizationId);
      const _current = currentOrRefuse(
        await tx.product.findFirst({ where: { id, organizationId } }),
        `product ${id}`,
        toProductResource,
        precondition,
        true,
      );
    }
    const conflict = await productConflicts(tx, organizationId, body, id);
    if (conflict?.status === 409)
      refuse(
        problems.conflict(`The SKU ${body.sku} is taken`, 'sku-taken', {
          name: `body.${conflict.field}`,
          reason: conflict.reason,
        }),
      );
    if (conflict) refuse(problems.invalid([{ name: `body.${conflict.field}`, reason: conflict.reason }]));
    const row = await write(tx, organizationId, body, id);
    await enqueueRecords(tx, [productRecord(row)]);
    return { resource: toProductResource(row), created: !id };
  });
}
