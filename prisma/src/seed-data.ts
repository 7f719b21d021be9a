/**
 * Demo data written by the seed. Every row has a fixed id (or a natural
 * unique key) so that re-running the seed finds what it wrote before.
 * UUIDs are RFC 9562 version 4 / variant 8 shaped so strict validators
 * (zod's z.uuid()) accept them; the fourth group tells the kinds apart.
 */

export const DEMO_ORGANIZATION = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Demo Org',
  slug: 'demo',
  testMode: true,
} as const;

/** The admin's organization when the demo is not seeded (production without SEED_DEMO=true). */
export const ADMIN_ORGANIZATION = {
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Billstream',
  slug: 'billstream',
  testMode: false,
} as const;

export const SEED_USER_IDS = {
  admin: '00000000-0000-4000-8003-000000000001',
  viewer: '00000000-0000-4000-8003-000000000002',
} as const;

export interface SeedCategory {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
}

const SOFTWARE = '00000000-0000-4000-8004-000000000001';
const SUBSCRIPTIONS = '00000000-0000-4000-8004-000000000002';
const SERVICES = '00000000-0000-4000-8004-000000000003';
const PUBLICATIONS = '00000000-0000-4000-8004-000000000004';

/** Parents before children, so inserts never break the parent FK. */
export const SEED_CATEGORIES: readonly SeedCategory[] = [
  { id: SOFTWARE, name: 'Software', description: 'Software products', parentId: null },
  { id: SUBSCRIPTIONS, name: 'Subscriptions', description: 'Recurring software plans', parentId: SOFTWARE },
  { id: SERVICES, name: 'Professional services', description: 'Consulting and onboarding', parentId: null },
  { id: PUBLICATIONS, name: 'Publications', description: 'Books and training material', parentId: null },
];

export const TAX_CATEGORIES = ['standard', 'reduced', 'zero', 'exempt'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export interface SeedProduct {
  id: string;
  sku: string;
  name: string;
  categoryId: string;
  /** Decimal string: money never passes through a JS number. */
  unitPrice: string;
  taxCategory: TaxCategory;
}

export const SEED_PRODUCTS: readonly SeedProduct[] = [
  {
    id: '00000000-0000-4000-8005-000000000001',
    sku: 'PLAN-STARTER-M',
    name: 'Starter plan (monthly)',
    categoryId: SUBSCRIPTIONS,
    unitPrice: '29.00',
    taxCategory: 'standard',
  },
  {
    id: '00000000-0000-4000-8005-000000000002',
    sku: 'PLAN-BUSINESS-M',
    name: 'Business plan (monthly)',
    categoryId: SUBSCRIPTIONS,
    unitPrice: '99.00',
    taxCategory: 'standard',
  },
  {
    id: '00000000-0000-4000-8005-000000000003',
    sku: 'LIC-ONPREM-Y',
    name: 'On-premises licence (annual)',
    categoryId: SOFTWARE,
    unitPrice: '4990.00',
    taxCategory: 'standard',
  },
  {
    id: '00000000-0000-4000-8005-000000000004',
    sku: 'SVC-CONSULT-H',
    name: 'Consulting (hour)',
    categoryId: SERVICES,
    unitPrice: '150.00',
    taxCategory: 'standard',
  },
  {
    id: '00000000-0000-4000-8005-000000000005',
    sku: 'PUB-HANDBOOK',
    name: 'Billing handbook (e-book)',
    categoryId: PUBLICATIONS,
    unitPrice: '19.99',
    taxCategory: 'reduced',
  },
  {
    id: '00000000-0000-4000-8005-000000000006',
    sku: 'SVC-TRAINING-EDU',
    name: 'Training for schools (day)',
    categoryId: SERVICES,
    unitPrice: '800.00',
    taxCategory: 'zero',
  },
];

export const SEED_CURRENCY = 'USD';

/** Configuration keys the product reads; web and streams import these. */
export const CONFIG_KEYS = {
  taxRate: (category: TaxCategory) => `tax_rate.${category}`,
  defaultCurrency: 'default_currency',
  invoiceDueDays: 'invoice_due_days',
  invoiceNumberFormat: 'invoice_number_format',
} as const;

export interface SeedConfiguration {
  id: string;
  key: string;
  /** JSON value; decimals as strings ("0.2", at most 4 fraction digits like every decimal on the wire). */
  value: string | number | boolean | number[];
  valueType: 'string' | 'number' | 'boolean' | 'decimal' | 'json';
  description: string;
}

export const SEED_CONFIGURATIONS: readonly SeedConfiguration[] = [
  {
    id: '00000000-0000-4000-8006-000000000001',
    key: CONFIG_KEYS.taxRate('standard'),
    value: '0.2',
    valueType: 'decimal',
    description: 'Tax rate of the standard category (0.2 = 20%)',
  },
  {
    id: '00000000-0000-4000-8006-000000000002',
    key: CONFIG_KEYS.taxRate('reduced'),
    value: '0.07',
    valueType: 'decimal',
    description: 'Tax rate of the reduced category',
  },
  {
    id: '00000000-0000-4000-8006-000000000003',
    key: CONFIG_KEYS.taxRate('zero'),
    value: '0',
    valueType: 'decimal',
    description: 'Tax rate of the zero-rated category',
  },
  {
    id: '00000000-0000-4000-8006-000000000004',
    key: CONFIG_KEYS.defaultCurrency,
    value: 'USD',
    valueType: 'string',
    description: 'Currency of new accounts and products',
  },
  {
    id: '00000000-0000-4000-8006-000000000005',
    key: CONFIG_KEYS.invoiceDueDays,
    value: 30,
    valueType: 'number',
    description: 'Days from issue date to due date',
  },
  {
    id: '00000000-0000-4000-8006-000000000006',
    key: CONFIG_KEYS.invoiceNumberFormat,
    value: 'INV-{YYYY}-{SEQ:6}',
    valueType: 'string',
    description: 'Invoice number pattern: {YYYY} year of issue, {SEQ:n} zero-padded sequence',
  },
  {
    id: '00000000-0000-4000-8006-000000000007',
    key: CONFIG_KEYS.taxRate('exempt'),
    value: '0',
    valueType: 'decimal',
    description: 'Tax rate of exempt supplies',
  },
  {
    id: '00000000-0000-4000-8006-000000000008',
    key: 'dunning_offsets_days',
    value: [-3, 0, 7],
    valueType: 'json',
    description: 'Days relative to the due date when a payment reminder is sent',
  },
];

export interface SeedAccount {
  id: string;
  accountNumber: string;
  customerName: string;
  currency: string;
}

/** Balances start at 0 and belong to the ledger processor from then on. */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  {
    id: '00000000-0000-4000-8007-000000000001',
    accountNumber: 'ACC-000001',
    customerName: 'Acme Corporation',
    currency: 'USD',
  },
  {
    id: '00000000-0000-4000-8007-000000000002',
    accountNumber: 'ACC-000002',
    customerName: 'Globex Inc.',
    currency: 'USD',
  },
  {
    id: '00000000-0000-4000-8007-000000000003',
    accountNumber: 'ACC-000003',
    customerName: 'Initech GmbH',
    currency: 'EUR',
  },
];

export interface SeedPlan {
  id: string;
  code: string;
  name: string;
  price: string;
  currency: string;
  interval: 'month' | 'year';
  trialDays: number;
}

/**
 * Demo recurring-billing plans. Plans and subscriptions belong to the
 * subscriptions processor, so setup sends them as commands on
 * subscription-commands (scripts/dev/subscriptions.ts) instead of writing
 * rows; the processor writes the plans and subscriptions views.
 */
export const SEED_PLANS: readonly SeedPlan[] = [
  {
    id: '00000000-0000-4000-8012-000000000001',
    code: 'STARTER',
    name: 'Starter',
    price: '29.00',
    currency: 'USD',
    interval: 'month',
    trialDays: 14,
  },
  {
    id: '00000000-0000-4000-8012-000000000002',
    code: 'PRO',
    name: 'Pro',
    price: '99.00',
    currency: 'USD',
    interval: 'month',
    trialDays: 14,
  },
  {
    id: '00000000-0000-4000-8012-000000000003',
    code: 'PRO-YEAR',
    name: 'Pro (yearly)',
    price: '990.00',
    currency: 'USD',
    interval: 'year',
    trialDays: 0,
  },
];

/** Demo subscriptions on trial plans: nothing is invoiced before the trial ends (advance a test clock to see it). */
export const SEED_SUBSCRIPTIONS: readonly { id: string; accountId: string; planId: string }[] = [
  {
    id: '00000000-0000-4000-8013-000000000001',
    accountId: '00000000-0000-4000-8007-000000000001',
    planId: '00000000-0000-4000-8012-000000000002',
  },
  {
    id: '00000000-0000-4000-8013-000000000002',
    accountId: '00000000-0000-4000-8007-000000000002',
    planId: '00000000-0000-4000-8012-000000000001',
  },
];
