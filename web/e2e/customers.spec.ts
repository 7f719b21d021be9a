import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support';

test('a customer created through the form shows on its detail page and in the searchable list', async ({ page }) => {
  await signIn(page, ADMIN);
  const tag = Date.now().toString(36);
  const legalName = `E2E Customer ${tag}`;
  const externalId = `e2e-${tag}`;

  await page.goto('/accounts');
  await page.getByTestId('customer-new').click();
  await expect(page).toHaveURL(/\/accounts\/new$/);
  await page.getByTestId('customer-legal-name').fill(legalName);
  await page.getByTestId('customer-billing-email').fill('ap@e2e.example');
  await page.getByTestId('customer-line1').fill('1 Main Street');
  await page.getByTestId('customer-city').fill('Springfield');
  await page.getByTestId('customer-country').fill('US');
  await page.getByTestId('customer-terms').fill('30');
  await page.getByTestId('customer-external-id').fill(externalId);
  await page.getByTestId('customer-submit').click();

  // The ledger opens the account a moment after the 202; the detail page waits for it.
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}\?opening=1$/);
  await expect(page.getByTestId('customer-legal-name-value')).toHaveText(legalName, { timeout: 15_000 });
  await expect(page.getByTestId('customer-external-id-value')).toHaveText(externalId);
  await expect(page.getByTestId('account-balance')).toHaveText('0.00');

  await page.goto('/accounts');
  await page.getByTestId('accounts-search').fill(externalId);
  await expect(page.getByRole('cell', { name: legalName })).toBeVisible();
});
