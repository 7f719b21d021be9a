import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv, uncsvCell } from './csv';

describe('parseCsv', () => {
  it('reads plain, quoted and multi-line fields with both line endings', () => {
    const result = parseCsv('a,b,c\r\n1,"x, y","he said ""hi"""\n2,"two\nlines",\n');
    expect(result).toEqual({
      ok: true,
      records: [
        ['a', 'b', 'c'],
        ['1', 'x, y', 'he said "hi"'],
        ['2', 'two\nlines', ''],
      ],
    });
  });

  it('ignores a byte-order mark, blank lines and a missing final newline', () => {
    expect(parseCsv('\ufeffname\n\nA\nB')).toEqual({ ok: true, records: [['name'], ['A'], ['B']] });
  });

  it('reports an unclosed quote and a stray quote with the line', () => {
    expect(parseCsv('a\n"open')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\nx"y"')).toMatchObject({ ok: false, line: 2, message: 'a quote may only open a field' });
  });
});

describe('csvCell / toCsv', () => {
  it('guards formulas but keeps negative numbers, and round-trips through parse', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-3')).toBe('-3');
    expect(uncsvCell(csvCell('@cmd'))).toBe('@cmd');
    const text = toCsv(
      ['name', 'note'],
      [
        ['a,b', 'q"uote'],
        ['=1+1', 'ok'],
      ],
    );
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.records.map((row) => row.map(uncsvCell))).toEqual([
      ['name', 'note'],
      ['a,b', 'q"uote'],
      ['=1+1', 'ok'],
    ]);
  });
});
