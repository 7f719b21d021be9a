import {
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  type ConfigurationValueType,
  IMPORT_ERRORS_MAX,
  IMPORT_ROWS_MAX,
  type ImportFormat,
  type ImportRowError,
} from '@billstream/contracts';
import type { z } from 'zod';
import { parseCsv, uncsvCell } from '../../utils/csv';

/** How a CSV cell becomes a JSON value before the row schema sees it. */
export type CellType = 'text' | 'optional' | 'nullable' | 'boolean' | 'configValue';

export type ParsedFile = { ok: true; rows: Record<string, unknown>[] } | { ok: false; message: string };

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);
const NUMBER = /^-?\d+(\.\d+)?$/;

function configurationValue(cell: string, key: unknown): unknown {
  const valueType = CONFIGURATION_KEYS[key as ConfigurationKey]?.valueType as ConfigurationValueType | undefined;
  if (valueType === 'number') return NUMBER.test(cell) ? Number(cell) : cell;
  if (valueType === 'boolean')
    return TRUE.has(cell.toLowerCase()) ? true : FALSE.has(cell.toLowerCase()) ? false : cell;
  if (valueType === 'json') {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  return cell;
}

/** Converts one CSV cell; a value the schema will refuse is passed on as text so the error names it. */
export function cellValue(cell: string, type: CellType, row: Record<string, unknown>): unknown {
  const text = uncsvCell(cell);
  if (type === 'text') return text;
  if (type === 'optional') return text === '' ? undefined : text;
  if (type === 'nullable') return text === '' ? null : text;
  if (type === 'boolean') {
    const lower = text.trim().toLowerCase();
    if (lower === '') return undefined;
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
  }
  return configurationValue(text, row.key);
}

function csvRows(text: string, columns: Readonly<Record<string, CellType>>): ParsedFile {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, message: `The CSV is malformed at line ${parsed.line}: ${parsed.message}` };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, message: 'The CSV is empty; the first line must name the columns' };
  const unknown = header.filter((name) => !(name.trim() in columns));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Unknown columns: ${unknown.join(', ')}; expected ${Object.keys(columns).join(', ')}`,
    };
  }
  if (records.length > IMPORT_ROWS_MAX)
    return { ok: false, message: `The file has ${records.length} rows; at most ${IMPORT_ROWS_MAX} are accepted` };
  const rows = records.map((record) => {
    const row: Record<string, unknown> = {};
    // `key` first: a configuration value is typed by its key.
    const order = header
      .map((name, index) => ({ name: name.trim(), index }))
      .sort((a, b) => (a.name === 'key' ? -1 : b.name === 'key' ? 1 : 0));
    for (const { name, index } of order) {
      const value = cellValue(record[index] ?? '', columns[name] as CellType, row);
      if (value !== undefined) row[name] = value;
    }
    return row;
  });
  return { ok: true, rows };
}

function jsonRows(text: string): ParsedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not valid JSON' };
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(rows)) return { ok: false, message: 'The JSON must be an array of rows (or {"data": [...]})' };
  if (rows.length > IMPORT_ROWS_MAX)
    return { ok: false, message: `The file has ${rows.length} rows; at most ${IMPORT_ROWS_MAX} are accepted` };
  return { ok: true, rows: rows as Record<string, unknown>[] };
}

/** The file's rows as JSON objects, or why the file as a whole is unreadable. */
export function readImportFile(
  format: ImportFormat,
  text: string,
  columns: Readonly<Record<string, CellType>>,
): ParsedFile {
  return format === 'csv' ? csvRows(text, columns) : jsonRows(text);
}

/** Appends a row's zod issues, one per field, up to IMPORT_ERRORS_MAX. */
export function addRowIssues(errors: ImportRowError[], row: number, error: z.ZodError): void {
  for (const issue of error.issues) {
    if (errors.length >= IMPORT_ERRORS_MAX) return;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ row, field: key, message: 'is not a column of this import' });
      continue;
    }
    errors.push({ row, field: issue.path.map(String).join('.') || 'row', message: issue.message });
  }
}

export interface ValidRow<T> {
  /** 1-based row number in the file (the CSV header is not counted). */
  readonly row: number;
  readonly value: T;
}

/** Validates every row with the contract's row schema; `onProgress` gets the count done so far. */
export function validateRows<S extends z.ZodType>(
  rows: readonly unknown[],
  schema: S,
  onProgress: (done: number) => void,
): { valid: ValidRow<z.output<S>>[]; errors: ImportRowError[] } {
  const valid: ValidRow<z.output<S>>[] = [];
  const errors: ImportRowError[] = [];
  for (const [index, raw] of rows.entries()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ row: index + 1, value: parsed.data });
    else addRowIssues(errors, index + 1, parsed.error);
    onProgress(index + 1);
  }
  return { valid, errors };
}
