export * from './allocate.ts';
export * from './computeInvoiceTotals.ts';
export * from './dates.ts';
export * from './invoiceBalance.ts';
export * from './invoiceNumber.ts';
export * from './invoiceStatus.ts';
export * from './prorate.ts';
export * from './rules.ts';
