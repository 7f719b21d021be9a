import type { ReportKind } from '@billstream/contracts';
import { invoiceRegisterSource, paymentsRefundsSource, type ReportSource } from './reportSources';
import { accountStatement, taxSummary } from './statementSources';

export const REPORT_SOURCES: Readonly<Record<ReportKind, ReportSource>> = {
  account_statement: accountStatement,
  invoice_register: invoiceRegisterSource,
  payments_refunds: paymentsRefundsSource,
  tax_summary: taxSummary,
};
