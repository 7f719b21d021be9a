import { createHash } from 'node:crypto';
import {
  type CreateAccountBody,
  CreateAccountBody as CreateAccountSchema,
  type ImportFormat,
  type ImportRowError,
} from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { ProblemError, problemOf } from '../../utils/problem';
import { produceLedgerCommand } from '../holds/produceLedgerCommand';
import { runIdempotently } from '../invoices/runIdempotently';
import { type CellType, readImportFile, type ValidRow, validateRows } from '../masterData/importRows';
import { claimExternalId } from './claimExternalId';
import { openCommand } from './openAccount';
import type { AccountRequest } from './requestAccountCommand';

/** Rows one import may open: each is a ledger command produced before the answer. */
export const CUSTOMER_IMPORT_ROWS_MAX = 1_000;

/** The CSV columns: the body of POST /api/v1/accounts, the address flattened. */
export const CUSTOMER_IMPORT_COLUMNS: Readonly<Record<string, CellType>> = {
  legalName: 'text',
  currency: 'text',
  creditLimit: 'optional',
  billingEmail: 'nullable',
  line1: 'optional',
  line2: 'nullable',
  city: 'optional',
  postalCode: 'nullable',
  region: 'nullable',
  country: 'optional',
  taxId: 'nullable',
  paymentTermsDays: 'nullable',
  timezone: 'optional',
  externalId: 'nullable',
};

/** A flat row as a CreateAccountBody: the address fields nest (all or nothing), the terms become a number. */
function toBody(row: Record<string, unknown>): Record<string, unknown> {
  const { line1, line2, city, postalCode, region, country, paymentTermsDays, ...rest } = row;
  const terms =
    typeof paymentTermsDays === 'string' && /^\d+$/.test(paymentTermsDays)
      ? Number(paymentTermsDays)
      : paymentTermsDays;
  const address = line1 === undefined ? {} : { address: { line1, line2, city, postalCode, region, country } };
  return { ...rest, ...address, ...(terms === undefined ? {} : { paymentTermsDays: terms }) };
}

/** Rows naming an external id twice, or one another account of the organization has. */
async function externalIdErrors(organizationId: string, rows: readonly ValidRow<CreateAccountBody>[]) {
  const errors: ImportRowError[] = [];
  const ids = rows.map((row) => row.value.externalId).filter((id): id is string => id !== null);
  const taken = await useDb().billingAccount.findMany({
    where: { organizationId, externalId: { in: ids } },
    select: { externalId: true },
  });
  const seen = new Set(taken.map((row) => row.externalId));
  for (const { row, value } of rows) {
    if (value.externalId === null) continue;
    if (seen.has(value.externalId))
      errors.push({ row, field: 'externalId', message: 'is already used by another account' });
    seen.add(value.externalId);
  }
  return errors;
}

function refused(detail: string, errors: readonly ImportRowError[]): ProblemError {
  return new ProblemError(
    problemOf(422, detail, {
      type: 'import-rows-invalid',
      errors: errors.map((error) => ({ name: `rows[${error.row}].${error.field}`, reason: error.message })),
    }),
  );
}

/** Row n's account id: fixed by the import's command id, so a retried import opens the same accounts. */
function rowAccountId(commandId: string, row: number): string {
  const hex = createHash('sha256').update(`${commandId}:${row}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * POST /api/v1/accounts/import: every row is checked first (the contract's
 * schema, external ids unique in the file and the organization); one bad row
 * refuses the file with a per-row report (422, `rows[n].field`) and nothing
 * is opened. Otherwise every row becomes an AccountOpenRequested.
 */
export function importCustomers(request: AccountRequest & { readonly format: ImportFormat; readonly text: string }) {
  return runIdempotently(request, async (commandId) => {
    const file = readImportFile(request.format, request.text, CUSTOMER_IMPORT_COLUMNS);
    if (!file.ok) throw refused(file.message, []);
    if (file.rows.length > CUSTOMER_IMPORT_ROWS_MAX) {
      throw refused(`The file has ${file.rows.length} rows; at most ${CUSTOMER_IMPORT_ROWS_MAX} are accepted`, []);
    }
    const { valid, errors } = validateRows(file.rows.map(toBody), CreateAccountSchema, () => undefined);
    errors.push(...(await externalIdErrors(request.organizationId, valid)));
    if (errors.length > 0) throw refused(`${errors.length} problem(s) in the file; nothing was imported`, errors);
    const now = new Date();
    const opened = valid.map(({ row, value }) => ({ row, accountId: rowAccountId(commandId, row), value }));
    // Claimed before anything is produced: a row losing its external id to a racing request refuses the file.
    for (const entry of opened) {
      if (entry.value.externalId)
        await claimExternalId(request.organizationId, entry.value.externalId, entry.accountId);
    }
    for (const entry of opened) {
      await produceLedgerCommand(openCommand(entry.accountId, request, entry.value, now), request.requestId);
    }
    return {
      commandId,
      status: 'pending' as const,
      accounts: opened.map(({ row, accountId }) => ({
        row,
        accountId,
        links: { self: `/api/v1/accounts/${accountId}` },
      })),
    };
  });
}
