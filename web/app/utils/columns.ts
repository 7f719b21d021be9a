import type { TableColumn } from '@nuxt/ui';

/**
 * Plain table columns from `{ field: 'Header' }`, in order: the column id is
 * the field, which is also the sort key and the `<field>-cell` slot name.
 * Columns with their own id or cell renderer are written out in full.
 */
export function columnsOf<T>(headers: Readonly<Record<string, string>>): TableColumn<T>[] {
  return Object.entries(headers).map(([field, header]) => ({ accessorKey: field, header }) as TableColumn<T>);
}
