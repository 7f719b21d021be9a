import {
  type CategoryResource,
  CONFIGURATION_DEFAULTS,
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  type ConfigurationResource,
  type ProductResource,
  type TaxCategory,
} from '@billstream/contracts';
import type { Category, Configuration, Product } from '@billstream/db';

/** NUMERIC as a canonical decimal string: "12.5000" -> "12.5", "3.0000" -> "3". */
export function decimalString(value: { toFixed(): string } | string): string {
  const text = typeof value === 'string' ? value : value.toFixed();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function toCategoryResource(row: Category): CategoryResource {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toProductResource(row: Product): ProductResource {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    categoryId: row.categoryId,
    unitPrice: decimalString(row.unitPrice),
    currency: row.currency as ProductResource['currency'],
    taxCategory: row.taxCategory as TaxCategory,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toConfigurationResource(row: Configuration): ConfigurationResource {
  const key = row.key as ConfigurationKey;
  return {
    id: row.id,
    key,
    valueType: CONFIGURATION_KEYS[key].valueType,
    value: row.value as ConfigurationResource['value'],
    description: row.description,
    isSet: true,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A key the organization never set: its default, with a stable all-zero id. */
export function defaultConfigurationResource(key: ConfigurationKey): ConfigurationResource {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    key,
    valueType: CONFIGURATION_KEYS[key].valueType,
    value: CONFIGURATION_DEFAULTS[key] as ConfigurationResource['value'],
    description: null,
    isSet: false,
    createdAt: null,
    updatedAt: null,
  };
}
