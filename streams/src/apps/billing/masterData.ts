import {
  type BillingAccountData,
  CONFIGURATION_DEFAULTS,
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  configurationKey,
  type MasterDataEvent,
  masterDataKey,
  type PaymentMethodRef,
  type ProductData,
} from '@billstream/contracts';
import type { z } from 'zod';
import type { ReadOnlyKeyValueStore } from '../../engine/index.ts';

export const MASTER_DATA_STORE = 'billing-master-data';

/**
 * Look-ups in the master-data GlobalKTable. Everything is scoped to the
 * organization that asks: another organization's account or product is
 * "not found", never used.
 */
export class MasterData {
  constructor(private readonly store: ReadOnlyKeyValueStore<string, MasterDataEvent | null>) {}

  account(organizationId: string, id: string): BillingAccountData | null {
    const event = this.store.get(masterDataKey('account', id));
    if (!event || event.type !== 'BillingAccountUpserted') return null;
    return event.data.organizationId === organizationId ? event.data : null;
  }

  product(organizationId: string, id: string): ProductData | null {
    const event = this.store.get(masterDataKey('product', id));
    if (!event || event.type !== 'ProductUpserted') return null;
    return event.data.organizationId === organizationId ? event.data : null;
  }

  /** The account's default payment method (published by the web app), or null. */
  defaultPaymentMethod(organizationId: string, accountId: string): PaymentMethodRef | null {
    const event = this.store.get(masterDataKey('payment_method', accountId));
    if (!event || event.type !== 'DefaultPaymentMethodSet') return null;
    return event.data.organizationId === organizationId ? event.data.method : null;
  }

  /** A configuration value, checked against its schema; the documented default when unset or invalid. */
  config<K extends ConfigurationKey>(
    organizationId: string,
    key: K,
  ): z.infer<(typeof CONFIGURATION_KEYS)[K]['schema']> {
    const event = this.store.get(configurationKey(organizationId, key));
    const fallback = CONFIGURATION_DEFAULTS[key] as z.infer<(typeof CONFIGURATION_KEYS)[K]['schema']>;
    if (!event || event.type !== 'ConfigurationUpserted') return fallback;
    const parsed = CONFIGURATION_KEYS[key].schema.safeParse(event.data.value);
    return parsed.success ? (parsed.data as z.infer<(typeof CONFIGURATION_KEYS)[K]['schema']>) : fallback;
  }
}
