import { MoneyDecimal } from '@billstream/contracts';
import { expect, test } from '@playwright/test';
import type { AccountView, Page as ApiPage } from '../shared/types/api';
import { ADMIN, signIn } from './support';

// Discover an active account through the API instead of hard-coding seed ids.
async function pickAccount(request: import('@playwright/test').APIRequestContext): Promise<AccountView> {
  const response = await request.get('/api/v1/accounts?limit=100');
  expect(response.status()).toBe(200);
  const page = (await response.json()) as ApiPage<AccountView>;
  const account = page.data.find((candidate) => candidate.status === 'active');
  if (!account) throw new Error('no active account to test with; is the database seeded?');
  return account;
}

test('a credit goes from pending to completed and the balance follows, without reload', async ({ page }) => {
  await signIn(page, ADMIN);
  // page.request shares the browser's cookies: the API sees the same session.
  const account = await pickAccount(page.request);
  const amount = '12.34';
  const description = `e2e credit ${Date.now()}`;

  await page.goto('/accounts');
  await page.getByTestId(`account-link-${account.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account.id}$`));

  const balance = page.getByTestId('account-balance');
  await expect(balance).toBeVisible();
  // Read the balance the page shows: other tests may have moved it since the API call.
  const before = new MoneyDecimal((await balance.textContent())!.trim());

  await page.getByTestId('transaction-type').getByText('Credit', { exact: true }).click();
  await page.getByTestId('transaction-amount').fill(amount);
  await page.getByTestId('transaction-description').fill(description);
  await page.getByTestId('transaction-submit').click();

  await expect(page.getByText('Transaction accepted', { exact: true })).toBeVisible();
  const row = page.getByTestId('transactions-table').locator('tr', { hasText: description });
  await expect(row).toHaveCount(1);
  const status = row.locator('[data-testid^="transaction-status-"]');
  // Pending first (the ledger may be quick, so accept that it already settled)...
  await expect(status).toHaveAttribute('data-status', /pending|completed/);
  // ...then completed, live.
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

  const expected = before.plus(amount).toFixed(2);
  await expect(balance).toHaveText(expected);
});
