import { randomUUID } from 'node:crypto';
import { CategoryImportRow, type ImportRowError } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { CATEGORY_DEPTH_MAX, checkParent, PARENT_PROBLEM_TEXT } from '../masterData/categoryTree';
import { lockOrganization } from '../masterData/commitChange';
import type { ValidRow } from '../masterData/importRows';
import type { ApplyResult, ImportSpec } from '../masterData/importSpec';
import { enqueueRecords } from '../masterData/outbox';
import { categoryRecord } from '../masterData/records';
import { categoryParents } from './saveCategory';

type Row = ValidRow<CategoryImportRow & { id: string }>;

/** Levels above a category in the final tree; parents are written before their children. */
function depthOf(id: string, parents: ReadonlyMap<string, string | null>): number {
  let depth = 0;
  let current = parents.get(id) ?? null;
  while (current !== null && depth < CATEGORY_DEPTH_MAX) {
    depth++;
    current = parents.get(current) ?? null;
  }
  return depth;
}

async function checkRows(tx: Prisma.TransactionClient, organizationId: string, rows: readonly Row[]) {
  const errors: ImportRowError[] = [];
  const existing = await categoryParents(tx, organizationId);
  const foreign = await tx.category.findMany({
    where: { id: { in: rows.map((row) => row.value.id) }, organizationId: { not: organizationId } },
    select: { id: true },
  });
  const taken = new Set(foreign.map((row) => row.id));
  const parents = new Map(existing);
  const seen = new Set<string>();
  for (const { row, value } of rows) {
    if (seen.has(value.id)) errors.push({ row, field: 'id', message: 'appears in an earlier row too' });
    if (taken.has(value.id)) errors.push({ row, field: 'id', message: 'is already used by another category' });
    seen.add(value.id);
    parents.set(value.id, value.parentId);
  }
  for (const { row, value } of rows) {
    const problem = checkParent(value.id, value.parentId, parents);
    if (problem) errors.push({ row, field: 'parentId', message: PARENT_PROBLEM_TEXT[problem] });
  }
  return { errors, existing, parents };
}

async function applyCategories(
  tx: Prisma.TransactionClient,
  organizationId: string,
  input: readonly ValidRow<CategoryImportRow>[],
  onProgress: (done: number) => void,
): Promise<ApplyResult> {
  await lockOrganization(tx, 'categories', organizationId);
  const rows: Row[] = input.map(({ row, value }) => ({ row, value: { ...value, id: value.id ?? randomUUID() } }));
  const { errors, existing, parents } = await checkRows(tx, organizationId, rows);
  if (errors.length > 0) return { ok: false, errors };
  const ordered = [...rows].sort((a, b) => depthOf(a.value.id, parents) - depthOf(b.value.id, parents));
  let created = 0;
  for (const [index, { value }] of ordered.entries()) {
    const data = {
      name: value.name,
      description: value.description,
      parentId: value.parentId,
      isActive: value.isActive,
    };
    const row = existing.has(value.id)
      ? await tx.category.update({ where: { id: value.id }, data })
      : await tx.category.create({ data: { ...data, id: value.id, organizationId } });
    if (!existing.has(value.id)) created++;
    await enqueueRecords(tx, [categoryRecord(row)]);
    onProgress(index + 1);
  }
  return { ok: true, created, updated: rows.length - created };
}

export const CATEGORY_IMPORT: ImportSpec<typeof CategoryImportRow> = {
  resource: 'categories',
  columns: { id: 'optional', name: 'text', description: 'nullable', parentId: 'nullable', isActive: 'boolean' },
  rowSchema: CategoryImportRow,
  apply: applyCategories,
};
