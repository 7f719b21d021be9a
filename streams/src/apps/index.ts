import type { AppDefinition } from '../runtime/app.ts';
import { ledgerApp } from './ledger/ledgerApp.ts';
import { sumsApp } from './sums/sumsApp.ts';

/** Every processor app `streams run` knows, by name. */
export const APPS: Readonly<Record<string, AppDefinition>> = {
  [ledgerApp.name]: ledgerApp,
  [sumsApp.name]: sumsApp,
};
