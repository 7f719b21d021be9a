import { MoneyDecimal } from '@billstream/contracts';
import { expect, type Page, test } from '@playwright/test';
import type { AccountView, Page as ApiPage } from '../shared/types/api';
import { closeFixtures } from '../test/support/fixtures';
import { invoiceRow, issueInvoice } from '../test/support/invoices';
import { ADMIN, signIn } from './support';

const PAYMENT_TIMEOUT_MS = 30_000;

test.afterAll(async () => {
  await closeFixtures();
});

async function usdAccount(page: Page): Promise<{ account: AccountView; organizationId: string }> {
  const accounts = (await (await page.request.get('/api/v1/accounts?limit=100')).json()) as ApiPage<AccountView>;
  const account = accounts.data.find((candidate) => candidate.status === 'active' && candidate.currency === 'USD');
  if (!account) throw new Error('no active USD account; is the database seeded?');
  const session = (await (await page.request.get('/api/auth/session')).json()) as { organization: { id: string } };
  return { account, organizationId: session.organization.id };
}

async function shownBalance(page: Page, accountId: string): Promise<MoneyDecimal> {
  await page.goto(`/accounts/${accountId}`);
  const balance = page.getByTestId('account-balance');
  await expect(balance).toBeVisible();
  return new MoneyDecimal((await balance.textContent())!.trim());
}

async function expectBalance(page: Page, accountId: string, expected: MoneyDecimal) {
  await expect(async () => {
    expect((await shownBalance(page, accountId)).toFixed(2)).toBe(expected.toFixed(2));
  }).toPass({ timeout: PAYMENT_TIMEOUT_MS });
}

async function expectInvoice(invoiceId: string, status: string) {
  await expect(async () => expect((await invoiceRow(invoiceId))?.status).toBe(status)).toPass({
    timeout: PAYMENT_TIMEOUT_MS,
  });
}

/** Opens the pay dialog for the invoice (as the invoice's "Pay" link does) and pays with `card`. */
async function payInvoice(page: Page, accountId: string, invoiceId: string, card: string) {
  await page.goto(`/payments?accountId=${accountId}&invoiceId=${invoiceId}`);
  // Retried until the page has hydrated and the button opens the dialog.
  await expect(async () => {
    await page.getByTestId('payments-new').click();
    await expect(page.getByTestId('pay-form')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: PAYMENT_TIMEOUT_MS });
  await expect(page.getByTestId('pay-invoice')).toHaveValue(invoiceId);
  await page.getByTestId('pay-card-number').fill(card);
  await page.getByTestId('pay-submit').click();
  const result = page.getByTestId('pay-result').locator('[data-testid^="payment-status-"]');
  await expect(result).toHaveAttribute('data-status', /succeeded|failed/, { timeout: PAYMENT_TIMEOUT_MS });
  return result;
}

test('pay an invoice with the sandbox card: it is paid and the balance is updated', async ({ page }) => {
  await signIn(page, ADMIN);
  const { account, organizationId } = await usdAccount(page);
  const before = await shownBalance(page, account.id);
  const invoiceId = await issueInvoice(organizationId, account.id, 'USD', '21.00');
  const status = await payInvoice(page, account.id, invoiceId, '4242 4242 4242 4242');
  await expect(status).toHaveAttribute('data-status', 'succeeded');
  await expectInvoice(invoiceId, 'paid');
  await expectBalance(page, account.id, before.plus('21.00'));
});

test('a partial refund: the refund, the invoice and the balance follow', async ({ page }) => {
  await signIn(page, ADMIN);
  const { account, organizationId } = await usdAccount(page);
  const before = await shownBalance(page, account.id);
  const invoiceId = await issueInvoice(organizationId, account.id, 'USD', '30.00');
  await expect(await payInvoice(page, account.id, invoiceId, '4242424242424242')).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  await expectInvoice(invoiceId, 'paid');
  await expectBalance(page, account.id, before.plus('30.00'));
  await page.goto('/payments');
  await page
    .getByTestId('payments-table')
    .locator('tr', { hasText: invoiceId.slice(0, 8) })
    .getByRole('link')
    .click();
  await expect(page.getByTestId('payment-captured')).toHaveText('30.00');
  await page.getByTestId('refund-amount').fill('12.50');
  await page.getByTestId('refund-submit').click();
  await expect(page.getByTestId('payment-refunds').locator('[data-status="succeeded"]')).toHaveCount(1, {
    timeout: PAYMENT_TIMEOUT_MS,
  });
  await expect(page.getByTestId('payment-refunded')).toHaveText('12.50');
  await expect(page.getByTestId('payment-timeline')).toContainText('refunded 12.50');
  await expectInvoice(invoiceId, 'partially_paid');
  await expectBalance(page, account.id, before.plus('17.50'));
});

test('a declined card shows its reason', async ({ page }) => {
  await signIn(page, ADMIN);
  const { account, organizationId } = await usdAccount(page);
  const invoiceId = await issueInvoice(organizationId, account.id, 'USD', '5.00');
  const status = await payInvoice(page, account.id, invoiceId, '4000 0000 0000 9995');
  await expect(status).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('pay-decline-reason')).toHaveText(
    'The card has insufficient funds (insufficient_funds)',
  );
  await expectInvoice(invoiceId, 'open');
});
