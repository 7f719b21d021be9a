import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber, sequenceKey } from './invoiceNumber.ts';

describe('formatInvoiceNumber', () => {
  it.each([
    ['INV-{YYYY}-{SEQ:6}', 2026, 1, 'INV-2026-000001'],
    ['INV-{YYYY}-{SEQ:6}', 2026, 1234567, 'INV-2026-1234567'],
    ['{SEQ}', 2026, 42, '42'],
    ['ACME/{YYYY}/{SEQ:4}', 2027, 7, 'ACME/2027/0007'],
  ])('%s, %i, %i → %s', (format, year, sequence, expected) => {
    expect(formatInvoiceNumber(format, year, sequence)).toBe(expected);
  });
  it('refuses a format without a sequence and a sequence below 1', () => {
    expect(() => formatInvoiceNumber('INV-{YYYY}', 2026, 1)).toThrow();
    expect(() => formatInvoiceNumber('{SEQ}', 2026, 0)).toThrow();
  });
  it('keys sequences by organization and year', () => {
    expect(sequenceKey('org', 2026)).toBe('org:2026');
  });
});
