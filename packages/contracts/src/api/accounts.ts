import { z } from 'zod';
import {
  AccountAction,
  AccountChanges,
  CreditLimitString,
  CustomerAddress,
  CustomerDetailsFields,
  ExternalId,
} from '../events/accounts.ts';
import { Currency, fitsMinorUnits } from '../money.ts';

const FIELDS = CustomerDetailsFields;

/** Body of POST /api/v1/accounts: a customer and the billing account it is billed through. */
export const CreateAccountBody = z
  .strictObject({
    legalName: FIELDS.legalName,
    currency: Currency,
    creditLimit: CreditLimitString.default('0'),
    billingEmail: FIELDS.billingEmail.default(null),
    address: FIELDS.address.default(null),
    taxId: FIELDS.taxId.default(null),
    paymentTermsDays: FIELDS.paymentTermsDays.default(null),
    timezone: FIELDS.timezone.default('UTC'),
    externalId: FIELDS.externalId.default(null),
  })
  .refine((body) => fitsMinorUnits(body.creditLimit, body.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['creditLimit'],
  });
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

/** Body of PATCH /api/v1/accounts/:id: only the fields named change (null clears one). */
export const UpdateAccountBody = z
  .strictObject(AccountChanges.shape)
  .refine((body) => Object.keys(body).length > 0, { message: 'must name at least one field to change' });
export type UpdateAccountBody = z.infer<typeof UpdateAccountBody>;

/** Body of POST /api/v1/accounts/:id/{freeze,close,reopen}: an optional reason for the audit trail. */
export const AccountActionBody = z.strictObject({
  reason: z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').optional(),
});
export type AccountActionBody = z.infer<typeof AccountActionBody>;

/** `:id` of the account routes: the account id or the customer's external id. */
export const AccountRefParams = z.object({
  id: z.union([z.uuid(), ExternalId], { error: 'must be an account id (UUID) or an external id' }),
});

/** A customer as GET /api/v1/accounts/:id answers it (AccountResource plus the details). */
export const CustomerResource = z.object({
  id: z.uuid(),
  accountNumber: z.string(),
  customerName: z.string().nullable(),
  legalName: z.string().nullable(),
  billingEmail: z.string().nullable(),
  address: CustomerAddress.nullable(),
  taxId: z.string().nullable(),
  paymentTermsDays: z.number().int().nullable(),
  timezone: z.string(),
  externalId: z.string().nullable(),
  currency: Currency,
  status: z.string(),
  balance: z.string(),
  availableBalance: z.string(),
  creditLimit: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), transactions: z.string() }),
});
export type CustomerResource = z.infer<typeof CustomerResource>;

/** Answer of the account commands (202): poll `links.self` until the change shows. */
export const AccountCommandAccepted = z.object({
  accountId: z.uuid(),
  commandId: z.uuid(),
  command: z.enum(['AccountOpenRequested', 'AccountUpdateRequested', 'AccountStatusChangeRequested']),
  action: AccountAction.optional(),
  status: z.literal('pending'),
  links: z.object({ self: z.string(), account: z.string() }),
});
export type AccountCommandAccepted = z.infer<typeof AccountCommandAccepted>;
