import type { AppDefinition } from '../runtime/app.ts';
import { billingApp } from './billing/billingApp.ts';
import { ledgerApp } from './ledger/ledgerApp.ts';
import { paymentsApp } from './payments/paymentsApp.ts';
import { sumsApp } from './sums/sumsApp.ts';

/** Every processor app `streams run` knows, by name. */
export const APPS: Readonly<Record<string, AppDefinition>> = {
  [billingApp.name]: billingApp,
  [ledgerApp.name]: ledgerApp,
  [paymentsApp.name]: paymentsApp,
  [sumsApp.name]: sumsApp,
};
