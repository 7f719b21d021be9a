import type { PaymentMethodResource } from '@billstream/contracts';
import type { PaymentMethod } from '@billstream/db';

export function toPaymentMethodResource(row: PaymentMethod): PaymentMethodResource {
  return {
    id: row.id,
    accountId: row.accountId,
    type: row.type as PaymentMethodResource['type'],
    brand: row.brand,
    last4: row.last4,
    expMonth: row.expMonth,
    expYear: row.expYear,
    gateway: row.gateway,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
  };
}
