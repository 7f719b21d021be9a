import { type ImportRowError, ProductImportRow } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { lockOrganization } from '../masterData/commitChange';
import type { ValidRow } from '../masterData/importRows';
import type { ApplyResult, ImportSpec } from '../masterData/importSpec';
import { enqueueRecords } from '../masterData/outbox';
import { productRecord } from '../masterData/records';

type Row = ValidRow<ProductImportRow>;

async function checkRows(tx: Prisma.TransactionClient, organizationId: string, rows: readonly Row[]) {
  const errors: ImportRowError[] = [];
  const categoryIds = [...new Set(rows.map((row) => row.value.categoryId).filter((id): id is string => id !== null))];
  const categories = await tx.category.findMany({
    where: { organizationId, id: { in: categoryIds } },
    select: { id: true },
  });
  const known = new Set(categories.map((category) => category.id));
  const seen = new Set<string>();
  for (const { row, value } of rows) {
    if (seen.has(value.sku)) errors.push({ row, field: 'sku', message: 'appears in an earlier row too' });
    seen.add(value.sku);
    if (value.categoryId && !known.has(value.categoryId)) {
      errors.push({ row, field: 'categoryId', message: 'is not a category of this organization' });
    }
  }
  return errors;
}

async function applyProducts(
  tx: Prisma.TransactionClient,
  organizationId: string,
  rows: readonly Row[],
  onProgress: (done: number) => void,
): Promise<ApplyResult> {
  await lockOrganization(tx, 'products', organizationId);
  const errors = await checkRows(tx, organizationId, rows);
  if (errors.length > 0) return { ok: false, errors };
  const existing = await tx.product.findMany({
    where: { organizationId, sku: { in: rows.map((row) => row.value.sku) } },
    select: { sku: true },
  });
  const known = new Set(existing.map((product) => product.sku));
  for (const [index, { value }] of rows.entries()) {
    const row = await tx.product.upsert({
      where: { organizationId_sku: { organizationId, sku: value.sku } },
      create: { ...value, organizationId },
      update: value,
    });
    await enqueueRecords(tx, [productRecord(row)]);
    onProgress(index + 1);
  }
  return { ok: true, created: rows.length - known.size, updated: known.size };
}

export const PRODUCT_IMPORT: ImportSpec<typeof ProductImportRow> = {
  resource: 'products',
  columns: {
    sku: 'text',
    name: 'text',
    description: 'nullable',
    categoryId: 'nullable',
    unitPrice: 'text',
    currency: 'text',
    taxCategory: 'text',
    isActive: 'boolean',
  },
  rowSchema: ProductImportRow,
  apply: applyProducts,
};
