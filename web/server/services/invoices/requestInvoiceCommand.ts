import type { BillingCommand, CurrencyCode, InvoiceCommandAccepted, InvoiceStatus } from '@billstream/contracts';
import { formatMoney } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { currentTestClock } from '../testClock/getTestClock';
import { isoDate } from './invoiceResources';
import { type InvoiceCommandRequest, type InvoiceState, precheckInvoiceCommand } from './precheckInvoiceCommand';
import { buildBillingCommand, publishBillingCommand } from './publishBillingCommand';
import { type IdempotentResult, runIdempotently } from './runIdempotently';

export interface InvoiceCommandInput {
  readonly invoiceId: string;
  readonly request: InvoiceCommandRequest;
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly requestId: string;
  readonly organizationId: string;
}

const COMMAND_TYPES = {
  issue: 'IssueInvoice',
  void: 'VoidInvoice',
  uncollectible: 'MarkInvoiceUncollectible',
  'credit-note': 'IssueCreditNote',
  payment: 'ApplyInvoicePayment',
} as const;

const PATHS = {
  issue: 'issue',
  void: 'void',
  uncollectible: 'uncollectible',
  'credit-note': 'credit-notes',
  payment: 'payments',
} as const;

/** The caller's invoice from the view; another organization's is "no such invoice". */
async function loadState(invoiceId: string, organizationId: string): Promise<InvoiceState> {
  const row = await useDb().invoice.findFirst({ where: { id: invoiceId, organizationId } });
  if (!row) {
    throw problems.notFound(`There is no invoice ${invoiceId}`, { name: 'params.id', reason: 'no such invoice' });
  }
  const currency = row.currency as CurrencyCode;
  return {
    status: row.status as InvoiceStatus,
    currency,
    total: formatMoney(String(row.totalAmount), currency),
    credited: formatMoney(String(row.creditedAmount), currency),
    paid: formatMoney(String(row.amountPaid), currency),
    dueDate: isoDate(row.dueDate),
  };
}

function commandOf(input: InvoiceCommandInput, commandId: string, now: Date): BillingCommand {
  const ref = { invoiceId: input.invoiceId, organizationId: input.organizationId, requestedAt: now.toISOString() };
  const { request } = input;
  switch (request.kind) {
    case 'issue':
      return buildBillingCommand('IssueInvoice', ref, now);
    case 'uncollectible':
      return buildBillingCommand('MarkInvoiceUncollectible', ref, now);
    case 'void':
      return buildBillingCommand('VoidInvoice', { ...ref, reason: request.reason }, now);
    case 'credit-note':
      return buildBillingCommand(
        'IssueCreditNote',
        { ...ref, creditNoteId: commandId, amount: request.amount, reason: request.reason },
        now,
      );
    case 'payment':
      return buildBillingCommand(
        'ApplyInvoicePayment',
        { ...ref, paymentId: commandId, amount: request.amount, method: 'manual' },
        now,
      );
  }
}

async function execute(commandId: string, input: InvoiceCommandInput): Promise<InvoiceCommandAccepted> {
  const state = await loadState(input.invoiceId, input.organizationId);
  const clock = await currentTestClock(input.organizationId);
  const refused = precheckInvoiceCommand(state, input.request, (clock ?? new Date()).toISOString().slice(0, 10));
  if (refused) throw refused;
  const now = new Date();
  await publishBillingCommand(commandOf(input, commandId, now), input.requestId);
  const invoice = `/api/v1/invoices/${input.invoiceId}`;
  return {
    invoiceId: input.invoiceId,
    commandId,
    command: COMMAND_TYPES[input.request.kind],
    status: 'pending',
    links: { self: invoice, invoice },
  };
}

/** POST /api/v1/invoices/:id/<command>: precheck against the view, then produce (acks=all), once per key. */
export function requestInvoiceCommand(input: InvoiceCommandInput): Promise<IdempotentResult<InvoiceCommandAccepted>> {
  return runIdempotently(
    {
      operation: `POST /api/v1/invoices/${input.invoiceId}/${PATHS[input.request.kind]}`,
      organizationId: input.organizationId,
      idempotencyKey: input.idempotencyKey,
      rawBody: input.rawBody,
    },
    (commandId) => execute(commandId, input),
  );
}
