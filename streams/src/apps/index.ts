import type { AppDefinition } from '../runtime/index.ts';
import { activityApp } from './activity/activityApp.ts';
import { analyticsApp } from './analytics/analyticsApp.ts';
import { billingApp } from './billing/billingApp.ts';
import { ledgerApp } from './ledger/ledgerApp.ts';
import { paymentsApp } from './payments/paymentsApp.ts';
import { subscriptionsApp } from './subscriptions/subscriptionsApp.ts';
import { sumsApp } from './sums/sumsApp.ts';
import { usageApp } from './usage/usageApp.ts';
import { webhooksApp } from './webhooks/webhooksApp.ts';

/** Every processor app `streams run` knows, by name. */
export const APPS: Readonly<Record<string, AppDefinition>> = {
  [analyticsApp.name]: analyticsApp,
  [billingApp.name]: billingApp,
  [activityApp.name]: activityApp,
  [ledgerApp.name]: ledgerApp,
  [subscriptionsApp.name]: subscriptionsApp,
  [paymentsApp.name]: paymentsApp,
  [sumsApp.name]: sumsApp,
  [usageApp.name]: usageApp,
  [webhooksApp.name]: webhooksApp,
};
