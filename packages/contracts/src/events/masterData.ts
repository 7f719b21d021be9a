import { z } from 'zod';
import { Currency, MoneyString } from '../money.ts';
import { envelope } from './envelope.ts';
import { PaymentMethodRef } from './payments.ts';

export const AccountStatus = z.enum(['active', 'frozen', 'closed']);
export type AccountStatus = z.infer<typeof AccountStatus>;

const Timestamp = z.iso.datetime({ offset: true });

export const BillingAccountData = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountNumber: z.string().min(1).max(50),
  currency: Currency,
  status: AccountStatus,
  creditLimit: MoneyString,
  updatedAt: Timestamp,
});
export type BillingAccountData = z.infer<typeof BillingAccountData>;

/** master-data, key `account:<id>`: the latest state of a billing account. */
export const BillingAccountUpserted = envelope('BillingAccountUpserted', 1, BillingAccountData);
export type BillingAccountUpserted = z.infer<typeof BillingAccountUpserted>;

export const CategoryData = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string().min(1).max(100),
  parentId: z.uuid().nullable(),
  isActive: z.boolean(),
  updatedAt: Timestamp,
});
export type CategoryData = z.infer<typeof CategoryData>;

/** master-data, key `category:<id>`. */
export const CategoryUpserted = envelope('CategoryUpserted', 1, CategoryData);
export type CategoryUpserted = z.infer<typeof CategoryUpserted>;

/** Tax categories a product can carry; each one's rate is configuration `tax_rate.<category>`. */
export const TaxCategory = z.enum(['standard', 'reduced', 'zero', 'exempt']);
export type TaxCategory = z.infer<typeof TaxCategory>;

export const ProductData = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  categoryId: z.uuid().nullable(),
  unitPrice: MoneyString,
  currency: Currency,
  taxCategory: TaxCategory,
  isActive: z.boolean(),
  updatedAt: Timestamp,
});
export type ProductData = z.infer<typeof ProductData>;

/** master-data, key `product:<id>`. */
export const ProductUpserted = envelope('ProductUpserted', 1, ProductData);
export type ProductUpserted = z.infer<typeof ProductUpserted>;

/** A tax rate as a fraction: "0.2" (or "0.200000") is 20 %. Between 0 and 1, at most 6 decimals (NUMERIC(9,6)). */
export const TaxRateString = z
  .string({ error: 'must be a decimal string such as "0.2"' })
  .regex(
    /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/,
    'must be a fraction between 0 and 1 with at most 6 decimals, such as "0.2" for 20 %',
  );

/** Invoice number format: `{YYYY}` is the issue year, `{SEQ}` or `{SEQ:n}` the gapless sequence zero-padded to n. */
export const InvoiceNumberFormat = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => /\{SEQ(:\d{1,2})?\}/.test(value), { message: 'must contain {SEQ} or {SEQ:n}' });

/** Days relative to the due date when a dunning reminder is sent (-3 = three days before). */
export const DunningOffsetsDays = z.array(z.number().int().min(-365).max(365)).max(10);

/** Most retries of an automatic charge (the schedule's length). */
export const COLLECTION_RETRIES_MAX = 10;
/** Latest retry, in days after the first charge. */
export const COLLECTION_RETRY_DAY_MAX = 60;

/**
 * COLLECTION_RETRY_SCHEDULE: days after the first (failed) automatic charge
 * when it is tried again, strictly increasing. `[]` means no retry.
 */
export const CollectionRetryDays = z
  .array(z.number().int().min(1).max(COLLECTION_RETRY_DAY_MAX))
  .max(COLLECTION_RETRIES_MAX)
  .refine((days) => days.every((day, index) => index === 0 || day > (days[index - 1] ?? 0)), {
    message: 'must be strictly increasing',
  });

/** What the dunning policy does to the invoice once the last retry failed. */
export const CollectionInvoiceAction = z.enum(['mark_uncollectible', 'leave_open']);
export type CollectionInvoiceAction = z.infer<typeof CollectionInvoiceAction>;
/** What the dunning policy does to the invoice's subscription once the last retry failed. */
export const CollectionSubscriptionAction = z.enum(['pause', 'cancel', 'none']);
export type CollectionSubscriptionAction = z.infer<typeof CollectionSubscriptionAction>;

/**
 * The configuration keys Billstream understands, with the schema of each value.
 * `tax_rate.<taxCategory>` is one key per tax category.
 */
export const CONFIGURATION_KEYS = {
  default_currency: { valueType: 'string', schema: Currency },
  invoice_due_days: { valueType: 'number', schema: z.number().int().min(0).max(365) },
  invoice_number_format: { valueType: 'string', schema: InvoiceNumberFormat },
  dunning_offsets_days: { valueType: 'json', schema: DunningOffsetsDays },
  collection_retry_days: { valueType: 'json', schema: CollectionRetryDays },
  collection_invoice_action: { valueType: 'string', schema: CollectionInvoiceAction },
  collection_subscription_action: { valueType: 'string', schema: CollectionSubscriptionAction },
  'tax_rate.standard': { valueType: 'decimal', schema: TaxRateString },
  'tax_rate.reduced': { valueType: 'decimal', schema: TaxRateString },
  'tax_rate.zero': { valueType: 'decimal', schema: TaxRateString },
  'tax_rate.exempt': { valueType: 'decimal', schema: TaxRateString },
} as const;
export type ConfigurationKey = keyof typeof CONFIGURATION_KEYS;
export const ConfigurationKey = z.enum(Object.keys(CONFIGURATION_KEYS) as [ConfigurationKey, ...ConfigurationKey[]]);
export const ConfigurationValueType = z.enum(['string', 'number', 'boolean', 'decimal', 'json']);
export type ConfigurationValueType = z.infer<typeof ConfigurationValueType>;

/** Defaults used when an organization has not configured a key. */
export const CONFIGURATION_DEFAULTS = {
  default_currency: 'USD',
  invoice_due_days: 30,
  invoice_number_format: 'INV-{YYYY}-{SEQ:6}',
  dunning_offsets_days: [-3, 0, 7],
  collection_retry_days: [1, 3, 5, 7],
  collection_invoice_action: 'mark_uncollectible',
  collection_subscription_action: 'pause',
  'tax_rate.standard': '0.2',
  'tax_rate.reduced': '0.05',
  'tax_rate.zero': '0',
  'tax_rate.exempt': '0',
} as const satisfies Record<ConfigurationKey, unknown>;

export const ConfigurationData = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  key: z.string().min(1).max(100),
  valueType: ConfigurationValueType,
  /** Decimals travel as strings ("0.2"), never as numbers. */
  value: z.json(),
  updatedAt: Timestamp,
});
export type ConfigurationData = z.infer<typeof ConfigurationData>;

/** master-data, key `configuration:<organizationId>:<key>` so that processors look a key up directly. */
export const ConfigurationUpserted = envelope('ConfigurationUpserted', 1, ConfigurationData);
export type ConfigurationUpserted = z.infer<typeof ConfigurationUpserted>;

/**
 * master-data, key `payment_method:<accountId>`: the account's default payment
 * method (null when it has none), so automatic collection charges it without
 * asking the web app's database. A token, never a card number.
 */
export const DefaultPaymentMethodSet = envelope(
  'DefaultPaymentMethodSet',
  1,
  z.object({
    accountId: z.uuid(),
    organizationId: z.uuid(),
    method: PaymentMethodRef.nullable(),
    updatedAt: Timestamp,
  }),
);
export type DefaultPaymentMethodSet = z.infer<typeof DefaultPaymentMethodSet>;

export const MasterDataEvent = z.discriminatedUnion('type', [
  BillingAccountUpserted,
  CategoryUpserted,
  ProductUpserted,
  ConfigurationUpserted,
  DefaultPaymentMethodSet,
]);
export type MasterDataEvent = z.infer<typeof MasterDataEvent>;

export type MasterDataKind = 'account' | 'category' | 'product' | 'configuration' | 'payment_method';

/** Keys of the compacted master-data topic. A delete is a tombstone (null value) under the same key. */
export function masterDataKey(kind: MasterDataKind, id: string): string {
  if (id.length === 0) throw new Error('master-data key needs an id');
  return `${kind}:${id}`;
}

export function configurationKey(organizationId: string, key: string): string {
  if (organizationId.length === 0 || key.length === 0)
    throw new Error('configuration key needs an organization and a key');
  return masterDataKey('configuration', `${organizationId}:${key}`);
}

/** Splits a master-data key into its kind and id; null when the key is malformed. */
export function parseMasterDataKey(key: string): { kind: MasterDataKind; id: string } | null {
  const match = /^(account|category|product|configuration|payment_method):(.+)$/.exec(key);
  if (!match) return null;
  return { kind: match[1] as MasterDataKind, id: match[2]! };
}
