import { z } from 'zod';
import {
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  ConfigurationKey as ConfigurationKeySchema,
  ConfigurationValueType,
  TaxCategory,
} from '../events/masterData.ts';
import { Currency, fitsMinorUnits, MoneyDecimal, MoneyString } from '../money.ts';

/** Most rows one import file may hold; larger files must be split. */
export const IMPORT_ROWS_MAX = 10_000;
/** Most rows one export answers (the same bound, so an export can be re-imported). */
export const EXPORT_ROWS_MAX = IMPORT_ROWS_MAX;
/** Per-row errors an import report lists before it stops counting. */
export const IMPORT_ERRORS_MAX = 500;

// C0/C1 control characters except tab/newline, zero-width and bidi overrides:
// they render invisibly and make two names look alike.
const UNSAFE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Sanitized free text: unsafe characters removed, whitespace trimmed, then length-checked. */
export function cleanText(min: number, max: number) {
  return z
    .string({ error: 'must be text' })
    .transform((value) => value.replace(UNSAFE_CHARACTERS, '').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`),
    );
}

const OptionalDescription = cleanText(0, 1000)
  .nullable()
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));

const Uuid = z.uuid({ error: 'must be a UUID' });
const Timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp' });

const CategoryFields = {
  name: cleanText(1, 100),
  description: OptionalDescription,
  parentId: Uuid.nullable().default(null),
  isActive: z.boolean({ error: 'must be true or false' }).default(true),
};

/** Body of POST /api/v1/categories and PUT /api/v1/categories/:id. */
export const CategoryBody = z.strictObject({
  ...CategoryFields,
  /** Optimistic concurrency without If-Match: the updatedAt the client last read. */
  updatedAt: Timestamp.optional(),
});
export type CategoryBody = z.infer<typeof CategoryBody>;

/** One category of an import: with an id it creates or replaces that category, so rows can name parents. */
export const CategoryImportRow = z.strictObject({ id: Uuid.optional(), ...CategoryFields });
export type CategoryImportRow = z.infer<typeof CategoryImportRow>;

/** SKUs: letters, digits, dot, dash and underscore, so they survive CSV, URLs and spreadsheets. */
export const Sku = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "-" and "_"');

const ProductFields = {
  sku: Sku,
  name: cleanText(1, 200),
  description: OptionalDescription,
  categoryId: Uuid.nullable().default(null),
  // pipe: the sign is checked only on a well-formed decimal (MoneyDecimal throws on anything else).
  unitPrice: MoneyString.pipe(z.string().refine((value) => new MoneyDecimal(value).gte(0), 'must not be negative')),
  currency: Currency,
  taxCategory: TaxCategory,
  isActive: z.boolean({ error: 'must be true or false' }).default(true),
};

/** Zod 4 runs object refinements even when a field failed: a malformed price is reported on the field alone. */
function fitsCurrency(body: { unitPrice: string; currency: z.infer<typeof Currency> }): boolean {
  if (!MoneyString.safeParse(body.unitPrice).success || !Currency.safeParse(body.currency).success) return true;
  return fitsMinorUnits(body.unitPrice, body.currency);
}
const FITS_CURRENCY = { message: 'has more decimal places than the currency allows', path: ['unitPrice'] };

export const ProductBody = z
  .strictObject({ ...ProductFields, updatedAt: Timestamp.optional() })
  .refine(fitsCurrency, FITS_CURRENCY);
export type ProductBody = z.infer<typeof ProductBody>;

/** One product of an import; the SKU says which product it creates or replaces. */
export const ProductImportRow = z.strictObject(ProductFields).refine(fitsCurrency, FITS_CURRENCY);
export type ProductImportRow = z.infer<typeof ProductImportRow>;

/**
 * Parses a configuration value with the schema of its key. Decimal values are
 * first checked to be decimal strings, because the rate schema's range check
 * builds a Decimal and would throw on anything else.
 */
export function parseConfigurationValue(key: ConfigurationKey, value: unknown) {
  if (CONFIGURATION_KEYS[key].valueType === 'decimal') {
    const decimal = MoneyString.safeParse(value);
    if (!decimal.success) return decimal;
  }
  return CONFIGURATION_KEYS[key].schema.safeParse(value);
}

/** Checks a configuration value against the schema of its key; issues land on `value`. */
export function checkConfigurationValue(key: ConfigurationKey, value: unknown, ctx: z.RefinementCtx): void {
  const parsed = parseConfigurationValue(key, value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['value', ...issue.path.map(String)] });
  }
}

const ConfigurationDescription = cleanText(0, 255)
  .nullable()
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));

/** Body of PUT /api/v1/configurations/:key (the key is in the path). */
export const ConfigurationValueBody = z.strictObject({
  value: z.json({ error: 'must be a JSON value' }),
  description: ConfigurationDescription,
  updatedAt: Timestamp.optional(),
});
export type ConfigurationValueBody = z.infer<typeof ConfigurationValueBody>;

/** Body of POST /api/v1/configurations: a key and its typed value. */
export const ConfigurationBody = ConfigurationValueBody.extend({ key: ConfigurationKeySchema }).superRefine(
  (body, ctx) => checkConfigurationValue(body.key, body.value, ctx),
);
export type ConfigurationBody = z.infer<typeof ConfigurationBody>;

/** One configuration key of an import. */
export const ConfigurationImportRow = z
  .strictObject({
    key: ConfigurationKeySchema,
    value: z.json({ error: 'must be a JSON value' }),
    description: ConfigurationDescription,
  })
  .superRefine((row, ctx) => checkConfigurationValue(row.key, row.value, ctx));
export type ConfigurationImportRow = z.infer<typeof ConfigurationImportRow>;

export const ConfigurationKeyParams = z.object({ key: ConfigurationKeySchema });

export const CategoryResource = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  parentId: Uuid.nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CategoryResource = z.infer<typeof CategoryResource>;

export const ProductResource = z.object({
  id: Uuid,
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  categoryId: Uuid.nullable(),
  unitPrice: z.string(),
  currency: Currency,
  taxCategory: TaxCategory,
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductResource = z.infer<typeof ProductResource>;

export const ConfigurationResource = z.object({
  id: Uuid,
  key: ConfigurationKeySchema,
  valueType: ConfigurationValueType,
  value: z.json(),
  description: z.string().nullable(),
  /** False when the organization never set the key and the default applies. */
  isSet: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ConfigurationResource = z.infer<typeof ConfigurationResource>;

export const ImportFormat = z.enum(['csv', 'json']);
export type ImportFormat = z.infer<typeof ImportFormat>;
export const ExportQuery = z.object({ format: ImportFormat.default('csv') });

/** One rejected field of one import row; rows count from 1, the CSV header is not a row. */
export const ImportRowError = z.object({ row: z.number().int().min(1), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportJobStatus = z.enum(['validating', 'applying', 'succeeded', 'failed']);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

/** GET /api/v1/imports/:id: progress and, at the end, the report. */
export const ImportJob = z.object({
  id: Uuid,
  resource: z.enum(['categories', 'products', 'configurations']),
  status: ImportJobStatus,
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportRowError),
  /** A failure that is not about one row (unreadable file, too many rows). */
  message: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
