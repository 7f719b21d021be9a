import {
  type CategoryListQuery,
  type ConfigurationListQuery,
  EXPORT_ROWS_MAX,
  type ImportFormat,
} from '@billstream/contracts';
import { toCsv } from '../../utils/csv';
import { useDb } from '../../utils/db';
import { orderByOf } from '../../utils/listQuery';
import { categoryWhere } from '../categories/categoryFilter';
import { allConfigurations } from '../configurations/listConfigurations';
import { type ProductFilter, productWhere } from '../products/productFilter';
import { decimalString } from './resources';

/** Rows in the import's shape, so an export can be imported again unchanged. */
export async function exportCategories(organizationId: string, filter: Omit<CategoryListQuery, 'page' | 'limit'>) {
  const rows = await useDb().category.findMany({
    where: categoryWhere(organizationId, filter),
    orderBy: orderByOf(filter.sort, 'name'),
    take: EXPORT_ROWS_MAX,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    isActive: row.isActive,
  }));
}

export async function exportProducts(organizationId: string, filter: ProductFilter) {
  const rows = await useDb().product.findMany({
    where: productWhere(organizationId, filter),
    orderBy: orderByOf(filter.sort, 'sku'),
    take: EXPORT_ROWS_MAX,
  });
  return rows.map((row) => ({
    sku: row.sku,
    name: row.name,
    description: row.description,
    categoryId: row.categoryId,
    unitPrice: decimalString(row.unitPrice),
    currency: row.currency,
    taxCategory: row.taxCategory,
    isActive: row.isActive,
  }));
}

export async function exportConfigurations(organizationId: string, filter: ConfigurationListQuery) {
  const rows = await allConfigurations(organizationId, filter);
  return rows.map((row) => ({ key: row.key, value: row.value, description: row.description }));
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** The file body and its content type; CSV columns are the keys of `columns`, in order. */
export function renderExport(
  format: ImportFormat,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
) {
  if (format === 'json') return { contentType: 'application/json', body: `${JSON.stringify(rows, null, 2)}\n` };
  const cells = rows.map((row) => columns.map((column) => cellOf(row[column])));
  return { contentType: 'text/csv; charset=utf-8', body: toCsv(columns, cells) };
}
