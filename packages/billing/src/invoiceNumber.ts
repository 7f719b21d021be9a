/** Largest sequence number per organization and year (the format pads to at most 12 digits). */
export const INVOICE_SEQUENCE_MAX = 999_999_999_999;

/**
 * Formats a gapless invoice number: `{YYYY}` is the year of issue, `{SEQ}` the
 * sequence, `{SEQ:n}` the sequence zero-padded to n digits. The billing
 * processor owns the sequence (one per organization and year, in a state
 * store), so numbers are unique and leave no gaps, even across replays.
 */
export function formatInvoiceNumber(format: string, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new Error(`bad invoice year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > INVOICE_SEQUENCE_MAX) {
    throw new Error(`bad invoice sequence ${sequence}`);
  }
  if (!/\{SEQ(:\d{1,2})?\}/.test(format)) throw new Error(`invoice number format ${format} has no {SEQ}`);
  return format
    .replaceAll('{YYYY}', String(year))
    .replace(/\{SEQ(?::(\d{1,2}))?\}/g, (_match, width: string | undefined) =>
      String(sequence).padStart(width === undefined ? 0 : Number(width), '0'),
    );
}

/** The state-store key of an organization's sequence for one year. */
export function sequenceKey(organizationId: string, year: number): string {
  if (organizationId.length === 0) throw new Error('sequence key needs an organization');
  return `${organizationId}:${year}`;
}
