import { ConfigurationImportRow, type ImportRowError } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { lockOrganization } from '../masterData/commitChange';
import type { ValidRow } from '../masterData/importRows';
import type { ApplyResult, ImportSpec } from '../masterData/importSpec';
import { writeConfiguration } from './saveConfiguration';

async function applyConfigurations(
  tx: Prisma.TransactionClient,
  organizationId: string,
  rows: readonly ValidRow<ConfigurationImportRow>[],
  onProgress: (done: number) => void,
): Promise<ApplyResult> {
  await lockOrganization(tx, 'configurations', organizationId);
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const { row, value } of rows) {
    if (seen.has(value.key)) errors.push({ row, field: 'key', message: 'appears in an earlier row too' });
    seen.add(value.key);
  }
  if (errors.length > 0) return { ok: false, errors };
  const existing = await tx.configuration.count({ where: { organizationId, key: { in: [...seen] } } });
  for (const [index, { value }] of rows.entries()) {
    await writeConfiguration(tx, organizationId, value);
    onProgress(index + 1);
  }
  return { ok: true, created: rows.length - existing, updated: existing };
}

export const CONFIGURATION_IMPORT: ImportSpec<typeof ConfigurationImportRow> = {
  resource: 'configurations',
  columns: { key: 'text', value: 'configValue', description: 'nullable' },
  rowSchema: ConfigurationImportRow,
  apply: applyConfigurations,
};
