import { expect, test } from '@playwright/test';
import type { AccountView, Page as ApiPage } from '../shared/types/api';
import { ADMIN, optionListClosed, signIn } from './support';

test('an invoice created in the form shows live totals, then becomes open with a number, without reload', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const accounts = (await (await page.request.get('/api/v1/accounts?limit=100')).json()) as ApiPage<AccountView>;
  const account = accounts.data.find((candidate) => candidate.status === 'active' && candidate.currency === 'USD');
  if (!account) throw new Error('no active USD account to invoice; is the database seeded?');

  await page.goto('/invoices');
  await page.getByTestId('invoices-new').click();
  await expect(page).toHaveURL(/\/invoices\/new$/);

  await page.getByTestId('invoice-account').click();
  await page.getByRole('option', { name: new RegExp(account.accountNumber) }).click();
  await optionListClosed(page);

  // A free line priced by hand: 2 × 12.50 at the standard rate (20 % in the seed).
  await page.getByTestId('line-kind-0').click();
  await page.getByRole('option', { name: 'Free line' }).click();
  await optionListClosed(page);
  await page.getByTestId('line-description-0').fill(`e2e consulting ${Date.now()}`);
  await page.getByTestId('line-price-0').fill('12.50');
  await page.getByTestId('line-quantity-0').fill('2');

  // The live preview runs computeInvoiceTotals in the browser.
  await expect(page.getByTestId('preview-subtotal')).toHaveText('25.00 USD');
  await expect(page.getByTestId('preview-tax')).toHaveText('5.00 USD');
  await expect(page.getByTestId('preview-total')).toHaveText('30.00 USD');

  await page.getByTestId('invoice-submit').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);

  // Pending until the billing processor has issued it, then open with a number, live.
  await expect(page.getByTestId('invoice-status-open')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /^INV-\d{4}-\d{6}$/ })).toBeVisible();
  await expect(page.getByTestId('invoice-total')).toHaveText('30.00 USD');
  await expect(page.getByTestId('invoice-due')).toHaveText('30.00 USD');
  await expect(page.getByTestId('invoice-pending')).toHaveCount(0);
});
