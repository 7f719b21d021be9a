import { expect, type Page, test } from '@playwright/test';
import type { AccountView, Page as ApiPage } from '../shared/types/api';
import { ADMIN, signIn } from './support';

/** A state-changing API call from the signed-in page, echoing the CSRF cookie as the app does. */
async function post(page: Page, path: string, body: object): Promise<{ id: string }> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bst_csrf')?.value ?? '';
  const response = await page.request.post(path, {
    data: body,
    headers: { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}`, 'X-CSRF-Token': csrf },
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()) as { id: string };
}

/** The processor writes the view moments after the 202: reload until it shows. */
async function reloadUntilVisible(page: Page, testId: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(testId).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

test('a plan made on /plans; a subscription on it paused and resumed from its page', async ({ page }) => {
  await signIn(page, ADMIN);
  const code = `E2E${Date.now().toString(36).toUpperCase()}`;

  await page.goto('/plans');
  await page.getByTestId('plan-new').click();
  await page.getByTestId('plan-code').fill(code);
  await page.getByTestId('plan-name').fill(`E2E plan ${code}`);
  await page.getByTestId('plan-price').fill('12.50');
  await page.getByTestId('plan-submit').click();
  await expect(page.getByText(`Plan ${code} accepted`).first()).toBeVisible();
  // The list pages: search for the new plan, as a user among many would (the search lands in the URL).
  await page.getByTestId('plans-search').fill(code);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${code}`));
  const row = page.getByTestId('plans-table').locator('tr', { hasText: code });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('12.50 USD');

  const plans = (await (await page.request.get(`/api/v1/plans?q=${code}`)).json()) as {
    data: { id: string; code: string }[];
  };
  const plan = plans.data.find((candidate) => candidate.code === code)!;
  const accounts = (await (await page.request.get('/api/v1/accounts?limit=100')).json()) as ApiPage<AccountView>;
  const account = accounts.data.find((candidate) => candidate.status === 'active' && candidate.currency === 'USD')!;
  const { id } = await post(page, '/api/v1/subscriptions', { accountId: account.id, planId: plan.id });

  await page.goto(`/subscriptions/${id}`);
  await reloadUntilVisible(page, 'subscription-detail');
  await expect(page.getByTestId('subscription-status-active')).toBeVisible();
  await expect(page.getByTestId('subscription-periods-billed')).toHaveText('1');
  await page.getByTestId('subscription-pause').click();
  await expect(page.getByTestId('subscription-status-paused')).toBeVisible({ timeout: 30_000 });
  // Let the page's post-command refreshes settle before the next click.
  await expect(page.getByText('Pause accepted').first()).toBeHidden({ timeout: 30_000 });
  await page.getByTestId('subscription-resume').click();
  await expect(page.getByTestId('subscription-status-active')).toBeVisible({ timeout: 30_000 });
});
