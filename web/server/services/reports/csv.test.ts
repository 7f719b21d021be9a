import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes separators, quotes and line breaks, and leaves plain values alone', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', null, 12])).toBe('a,"b,c","say ""hi""","x\ny",,12\r\n');
  });

  it('defuses formulas but keeps negative numbers', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('@cmd')).toBe("'@cmd");
  });
});
