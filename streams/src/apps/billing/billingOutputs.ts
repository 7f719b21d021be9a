import crypto from 'node:crypto';
import { BillingEvent, type InvoiceSnapshot } from '@billstream/contracts';
import type { ClockRow, HistoryRow, InvoiceLinesRow, RejectionRow, ReminderRow } from './billingState.ts';

export type BillingOutput =
  | { readonly kind: 'event'; readonly key: string; readonly event: BillingEvent }
  | { readonly kind: 'invoice'; readonly row: InvoiceSnapshot }
  | { readonly kind: 'lines'; readonly row: InvoiceLinesRow }
  | { readonly kind: 'history'; readonly row: HistoryRow }
  | { readonly kind: 'clock'; readonly row: ClockRow }
  | { readonly kind: 'reminder'; readonly row: ReminderRow }
  | { readonly kind: 'rejection'; readonly row: RejectionRow };

type EventOf<T extends BillingEvent['type']> = Extract<BillingEvent, { type: T }>;

/** A billing-events envelope, validated here so a bad event is a bug at its source. */
export function billingEvent<T extends BillingEvent['type']>(type: T, data: EventOf<T>['data']): EventOf<T> {
  const event = {
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'billing',
    type,
    version: 1,
    data,
  };
  return BillingEvent.parse(event) as EventOf<T>;
}

export function historyRow(
  invoice: InvoiceSnapshot,
  eventType: string,
  extra: { amount?: string; detail?: string },
): HistoryRow {
  return {
    invoiceId: invoice.id,
    organizationId: invoice.organizationId,
    version: invoice.version,
    status: invoice.status,
    eventType,
    amount: extra.amount ?? null,
    detail: extra.detail ?? null,
    occurredAt: invoice.updatedAt,
  };
}

/** A stable UUID (v4 layout) from a name, so a replayed reminder gets the same id and is written once. */
export function stableUuid(name: string): string {
  const hex = crypto.createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
