/**
 * RFC 4180 CSV: comma separated, fields with commas, quotes or line breaks
 * in double quotes, quotes doubled. Both \n and \r\n end a record. A
 * byte-order mark is ignored. Written without recursion, one pass.
 */

/** Longest field accepted, so one unterminated quote cannot swallow the file into one cell. */
export const CSV_FIELD_CHARS_MAX = 10_000;

export type CsvParse = { ok: true; records: string[][] } | { ok: false; line: number; message: string };

interface Cursor {
  records: string[][];
  record: string[];
  field: string;
  quoted: boolean;
  line: number;
}

function endField(cursor: Cursor): void {
  cursor.record.push(cursor.field);
  cursor.field = '';
}

function endRecord(cursor: Cursor): void {
  endField(cursor);
  // A blank line is not a record.
  if (!(cursor.record.length === 1 && cursor.record[0] === '')) cursor.records.push(cursor.record);
  cursor.record = [];
}

export function parseCsv(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const cursor: Cursor = { records: [], record: [], field: '', quoted: false, line: 1 };
  let inQuotes = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (inQuotes) {
      if (char === '"' && text[index + 1] === '"') {
        cursor.field += '"';
        index++;
      } else if (char === '"') {
        inQuotes = false;
      } else {
        if (char === '\n') cursor.line++;
        cursor.field += char;
      }
    } else if (char === '"') {
      if (cursor.field !== '') return { ok: false, line: cursor.line, message: 'a quote may only open a field' };
      inQuotes = true;
    } else if (char === ',') {
      endField(cursor);
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord(cursor);
      cursor.line++;
    } else {
      cursor.field += char;
    }
    if (cursor.field.length > CSV_FIELD_CHARS_MAX) {
      return { ok: false, line: cursor.line, message: `a field is longer than ${CSV_FIELD_CHARS_MAX} characters` };
    }
  }
  if (inQuotes) return { ok: false, line: cursor.line, message: 'a quoted field is not closed' };
  if (cursor.field !== '' || cursor.record.length > 0) endRecord(cursor);
  return { ok: true, records: cursor.records };
}

/** Leading characters that make spreadsheets evaluate a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula is prefixed
 * with `'` (OWASP CSV injection); numbers such as "-3" stay as they are.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Undoes csvCell's formula guard on import. */
export function uncsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
