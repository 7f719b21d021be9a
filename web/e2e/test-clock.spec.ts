import { expect, test } from '@playwright/test';
import type { AccountView, Page as ApiPage } from '../shared/types/api';
import { ADMIN, postCommand, signIn, waitForHydration } from './support';

const DAY_MS = 86_400_000;
/** Past the last dunning offset of the seed (7 days after the due date), with a day to spare. */
const DAYS_PAST_DUE = 8;

test('advancing the test clock turns an open invoice overdue and mails its reminders', async ({ page }) => {
  await signIn(page, ADMIN);
  const accounts = (await (await page.request.get('/api/v1/accounts?limit=100')).json()) as ApiPage<AccountView>;
  const account = accounts.data.find((candidate) => candidate.status === 'active' && candidate.currency === 'USD');
  if (!account) throw new Error('no active USD account to invoice; is the database seeded?');
  const { invoiceId: id } = await postCommand<{ invoiceId: string }>(page, '/api/v1/invoices', {
    accountId: account.id,
    lines: [{ description: `e2e dunning ${Date.now()}`, quantity: '1', unitPrice: '40.00', taxCategory: 'standard' }],
  });

  await page.goto(`/invoices/${id}`);
  await expect(page.getByTestId('invoice-status-open')).toBeVisible({ timeout: 30_000 });
  const number = (await page.getByRole('heading', { name: /^INV-\d{4}-\d{6}$/ }).textContent())?.trim() ?? '';
  const invoice = (await (await page.request.get(`/api/v1/invoices/${id}`)).json()) as { dueDate: string };
  const clock = (await (await page.request.get('/api/v1/test-clock')).json()) as {
    nowAt: string | null;
    wallClockAt: string;
  };
  const nowMs = Date.parse(clock.nowAt ?? clock.wallClockAt);
  const days = Math.ceil((Date.parse(`${invoice.dueDate}T00:00:00Z`) - nowMs) / DAY_MS) + DAYS_PAST_DUE;

  // Move the organization's clock past the due date from the test-clock page.
  await page.goto('/settings/test-clock');
  await waitForHydration(page);
  const daysInput = page.getByRole('spinbutton', { name: 'Advance by (days)' });
  await daysInput.fill(String(days));
  // The number field takes its value on blur.
  await daysInput.press('Tab');
  await expect(daysInput).toHaveValue(String(days));
  await page.getByTestId('test-clock-advance').click();
  await expect(page.getByText('Clock advance sent').first()).toBeVisible();
  await expect(page.getByTestId('test-clock-pending')).toHaveCount(0, { timeout: 30_000 });

  // The invoice page shows it overdue, and its timeline says why.
  await page.goto(`/invoices/${id}`);
  await expect(page.getByTestId('invoice-status-overdue')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('invoice-timeline')).toContainText('InvoiceOverdue → overdue', { timeout: 30_000 });

  // Every dunning reminder (before, on and after the due date) reached the
  // mail outbox, beside the invoice mail sent when it was issued.
  await page.goto(`/admin/outbox?q=${encodeURIComponent(number)}`);
  const subjects = page.getByTestId('outbox-subject');
  await expect(async () => {
    await page.reload();
    await expect(subjects).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(subjects.filter({ hasText: new RegExp(`^\\s*Invoice ${number}\\s*$`) })).toHaveCount(1);
  await expect(subjects.filter({ hasText: `Invoice ${number} is overdue` })).toHaveCount(1);
  await expect(subjects.filter({ hasText: `Invoice ${number} is due today` })).toHaveCount(1);
  await expect(
    subjects.filter({ hasText: new RegExp(`Invoice ${number} is due on \\d{4}-\\d{2}-\\d{2}`) }),
  ).toHaveCount(1);
});
