import { z } from 'zod';
import { Email } from '../api/auth.ts';
import { cleanText } from '../api/masterData.ts';
import { TimeZone } from '../api/users.ts';
import { Currency, MoneyDecimal, MoneyString } from '../money.ts';
import { envelope } from './envelope.ts';
import { AccountStatus } from './masterData.ts';

/** Longest external id: fits the CRM and ERP keys we know of, and a URL path segment. */
export const EXTERNAL_ID_LENGTH_MAX = 64;
/** Longest payment term: a year, like `invoice_due_days`. */
export const PAYMENT_TERMS_DAYS_MAX = 365;

const Timestamp = z.iso.datetime({ offset: true });

/** The customer's key in the organization's own systems: usable in place of the account id in URLs. */
export const ExternalId = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(EXTERNAL_ID_LENGTH_MAX, `must be at most ${EXTERNAL_ID_LENGTH_MAX} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold only letters, digits, ".", "_", ":" and "-"');

/** A postal address; `country` is ISO 3166-1 alpha-2. */
export const CustomerAddress = z.strictObject({
  line1: cleanText(1, 200),
  line2: cleanText(0, 200).nullable().default(null),
  city: cleanText(1, 100),
  postalCode: cleanText(0, 20).nullable().default(null),
  region: cleanText(0, 100).nullable().default(null),
  country: z
    .string({ error: 'must be a two-letter country code such as "FR"' })
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "FR"'),
});
export type CustomerAddress = z.infer<typeof CustomerAddress>;

/** A credit limit: a decimal string, never negative (the ledger refuses a negative one). */
export const CreditLimitString = MoneyString.pipe(
  z.string().refine((value) => new MoneyDecimal(value).gte(0), 'must not be negative'),
);

/**
 * The customer details of a billing account, as every account command and
 * event carries them (all present). The API bodies add defaults to the same
 * fields, so a value the API accepted is one the processor accepts. No
 * defaults here: zod 4 applies defaults inside `.partial()`, and a PATCH must
 * not reset what it does not name.
 */
export const CustomerDetailsFields = {
  legalName: cleanText(1, 200),
  billingEmail: Email.nullable(),
  address: CustomerAddress.nullable(),
  taxId: cleanText(1, 50).nullable(),
  /** Days from issue to due date; null follows the organization's `invoice_due_days`. */
  paymentTermsDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(0, 'must not be negative')
    .max(PAYMENT_TERMS_DAYS_MAX, `must be at most ${PAYMENT_TERMS_DAYS_MAX}`)
    .nullable(),
  timezone: TimeZone,
  externalId: ExternalId.nullable(),
};
export const CustomerDetails = z.object(CustomerDetailsFields);
export type CustomerDetails = z.infer<typeof CustomerDetails>;

/** What an update may change: the details and the credit limit, never the currency or the number. */
export const AccountChanges = z.object({
  ...CustomerDetails.partial().shape,
  creditLimit: CreditLimitString.optional(),
});
export type AccountChanges = z.infer<typeof AccountChanges>;

const CommandRef = {
  accountId: z.uuid(),
  organizationId: z.uuid(),
  requestedAt: Timestamp,
  requestedBy: z.string().max(100).optional(),
};

/** transaction-commands: open a billing account for a customer (POST /api/v1/accounts). */
export const AccountOpenRequested = envelope(
  'AccountOpenRequested',
  1,
  z.object({
    ...CommandRef,
    accountNumber: z.string().min(1).max(50),
    currency: Currency,
    creditLimit: CreditLimitString,
    customer: CustomerDetails,
  }),
);
export type AccountOpenRequested = z.infer<typeof AccountOpenRequested>;

/** transaction-commands: change some details or the credit limit (PATCH /api/v1/accounts/:id). */
export const AccountUpdateRequested = envelope(
  'AccountUpdateRequested',
  1,
  z.object({ ...CommandRef, changes: AccountChanges }),
);
export type AccountUpdateRequested = z.infer<typeof AccountUpdateRequested>;

export const AccountAction = z.enum(['freeze', 'close', 'reopen']);
export type AccountAction = z.infer<typeof AccountAction>;

/** transaction-commands: freeze (no debits), close (nothing) or reopen (active again). */
export const AccountStatusChangeRequested = envelope(
  'AccountStatusChangeRequested',
  1,
  z.object({ ...CommandRef, action: AccountAction, reason: z.string().max(500).nullable() }),
);
export type AccountStatusChangeRequested = z.infer<typeof AccountStatusChangeRequested>;

/** The statuses an action may start from; anything else is an invalid transition. */
export const ACCOUNT_ACTION_FROM: Record<AccountAction, readonly AccountStatus[]> = {
  freeze: ['active'],
  close: ['active', 'frozen'],
  reopen: ['frozen', 'closed'],
};
export const ACCOUNT_ACTION_TO: Record<AccountAction, AccountStatus> = {
  freeze: 'frozen',
  close: 'closed',
  reopen: 'active',
};

/** A customer as the ledger knows it after a change: the payload of customer-events. */
export const CustomerSnapshot = z.object({
  accountId: z.uuid(),
  organizationId: z.uuid(),
  accountNumber: z.string().min(1).max(50),
  currency: Currency,
  status: AccountStatus,
  creditLimit: MoneyString,
  ...CustomerDetailsFields,
  updatedAt: Timestamp,
});
export type CustomerSnapshot = z.infer<typeof CustomerSnapshot>;

/** customer-events, key accountId: an account was opened through the API (webhook `customer.created`). */
export const CustomerCreated = envelope('CustomerCreated', 1, CustomerSnapshot);
export type CustomerCreated = z.infer<typeof CustomerCreated>;

/**
 * customer-events, key accountId: details, credit limit or status changed
 * (webhook `customer.updated`); `changedFields` names what changed.
 */
export const CustomerUpdated = envelope(
  'CustomerUpdated',
  1,
  CustomerSnapshot.extend({ changedFields: z.array(z.string().max(50)).min(1) }),
);
export type CustomerUpdated = z.infer<typeof CustomerUpdated>;

export const CustomerEvent = z.discriminatedUnion('type', [CustomerCreated, CustomerUpdated]);
export type CustomerEvent = z.infer<typeof CustomerEvent>;
