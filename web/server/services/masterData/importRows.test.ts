import { CategoryImportRow, ConfigurationImportRow, ProductImportRow } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IMPORT } from '../categories/importCategories';
import { CONFIGURATION_IMPORT } from '../configurations/importConfigurations';
import { PRODUCT_IMPORT } from '../products/importProducts';
import { readImportFile, validateRows } from './importRows';

describe('readImportFile', () => {
  it('types CSV cells by column: empty parents are null, booleans and formula guards are read', () => {
    const csv = 'id,name,parentId,isActive\n,Root,,\n,"\'=Sum",,false\n';
    const file = readImportFile('csv', csv, CATEGORY_IMPORT.columns);
    expect(file).toEqual({
      ok: true,
      rows: [
        { name: 'Root', parentId: null },
        { name: '=Sum', parentId: null, isActive: false },
      ],
    });
  });

  it('types configuration values by their key, whatever the column order', () => {
    const csv = 'value,key\n45,invoice_due_days\n"[-3,0]",dunning_offsets_days\n0.2,tax_rate.standard\n';
    const file = readImportFile('csv', csv, CONFIGURATION_IMPORT.columns);
    expect(file.ok && file.rows).toEqual([
      { key: 'invoice_due_days', value: 45 },
      { key: 'dunning_offsets_days', value: [-3, 0] },
      { key: 'tax_rate.standard', value: '0.2' },
    ]);
  });

  it('refuses unknown columns, malformed CSV and JSON that is not a list', () => {
    expect(readImportFile('csv', 'sku,colour\n', PRODUCT_IMPORT.columns)).toMatchObject({ ok: false });
    expect(readImportFile('csv', 'sku\n"open', PRODUCT_IMPORT.columns)).toMatchObject({ ok: false });
    expect(readImportFile('json', '{"sku":1}', PRODUCT_IMPORT.columns)).toMatchObject({ ok: false });
    expect(readImportFile('json', '{"data":[]}', PRODUCT_IMPORT.columns)).toEqual({ ok: true, rows: [] });
  });
});

describe('validateRows', () => {
  it('reports every bad field of every row with its 1-based number and keeps the good rows', () => {
    const progress: number[] = [];
    const { valid, errors } = validateRows(
      [
        { sku: 'A-1', name: 'Good', unitPrice: '1', currency: 'USD', taxCategory: 'standard' },
        { sku: 'bad sku', name: '', unitPrice: '1', currency: 'USD', taxCategory: 'standard', colour: 'red' },
        { sku: 'A-3', name: 'Yen', unitPrice: '1.5', currency: 'JPY', taxCategory: 'zero' },
        { sku: 'A-4', name: 'Shifted', unitPrice: 'USD', currency: 'USD', taxCategory: 'standard' },
      ],
      ProductImportRow,
      (done) => progress.push(done),
    );
    expect(valid.map((row) => row.row)).toEqual([1]);
    expect(errors.map((error) => [error.row, error.field])).toEqual([
      [2, 'sku'],
      [2, 'name'],
      [2, 'colour'],
      [3, 'unitPrice'],
      [4, 'unitPrice'],
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('checks configuration values against the schema of their key', () => {
    const { errors } = validateRows(
      [
        { key: 'invoice_due_days', value: 400 },
        { key: 'invoice_number_format', value: 'INV-{SEQ:4}' },
        { key: 'nope', value: 1 },
        { key: 'tax_rate.standard', value: 'twenty' },
        { key: 'tax_rate.standard', value: '1.5' },
      ],
      ConfigurationImportRow,
      () => undefined,
    );
    expect(errors.map((error) => [error.row, error.field])).toEqual([
      [1, 'value'],
      [3, 'key'],
      [4, 'value'],
      [5, 'value'],
    ]);
  });

  it('sanitizes text before checking its length', () => {
    const { valid, errors } = validateRows(
      [{ name: '\u202eevil\u0000 ' }, { name: '\u200b' }],
      CategoryImportRow,
      () => undefined,
    );
    expect(valid[0]?.value.name).toBe('evil');
    expect(errors).toEqual([{ row: 2, field: 'name', message: 'must not be empty' }]);
  });
});
