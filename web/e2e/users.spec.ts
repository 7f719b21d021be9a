import { expect, test } from '@playwright/test';
import { ADMIN, adminApi, mailedLinkViaApi, setPasswordOnResetPage, signIn, uniqueEmail, VIEWER } from './support';

test('the dashboard shows live key figures and links to each area the user may open', async ({ page, request }) => {
  const api = await adminApi(request);
  const overdue = await api.get('/api/v1/invoices?status=overdue&limit=1');
  expect(overdue.status()).toBe(200);
  const overdueCount = ((await overdue.json()) as { page: { total: number } }).page.total;
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/$/);
  // The tile counts exactly what the filtered invoice list holds, and links to that list.
  await expect(page.getByTestId('kpi-overdue-value')).toHaveText(String(overdueCount));
  await expect(page.getByTestId('kpi-overdue').locator('a')).toHaveAttribute('href', '/invoices?status=overdue');
  await expect(page.getByText('Available once billing is live')).toHaveCount(0);
  for (const area of [
    'accounts',
    'transactions',
    'invoices',
    'payments',
    'subscriptions',
    'reports',
    'products',
    'categories',
    'users',
    'activity',
  ]) {
    await expect(page.getByTestId(`area-${area}`)).toBeVisible();
  }
  await expect(page.getByTestId('area-products').locator('a')).toHaveAttribute('href', '/master-data/products');
  await expect(page.getByTestId('area-categories').locator('a')).toHaveAttribute('href', '/master-data/categories');
  await page.getByTestId('area-users').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test('a viewer sees no administration areas on the dashboard', async ({ page }) => {
  await signIn(page, VIEWER);
  await expect(page.getByTestId('area-accounts')).toBeVisible();
  await expect(page.getByTestId('area-users')).toHaveCount(0);
  await expect(page.getByTestId('area-activity')).toHaveCount(0);
});

test('an admin invites a user, who sets a password and signs in; the admin deactivates them', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.slow();
  const email = uniqueEmail('invitee');
  await signIn(page, ADMIN);
  await page.goto('/admin/users');
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-first-name').fill('Ida');
  await page.getByTestId('invite-submit').click();
  await expect(page.getByText(`Invitation sent to ${email}`, { exact: true })).toBeVisible();
  await page.getByTestId('users-search').fill(email);
  await expect(page.getByTestId(`user-status-${email}`)).toContainText('Invited');

  // The invitee follows the mailed link and chooses a password.
  const api = await adminApi(await playwright.request.newContext({ baseURL }));
  const link = await mailedLinkViaApi(api, email, '/reset-password');
  await api.dispose();
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await setPasswordOnResetPage(invitee, 'invitee password 1');
  await signIn(invitee, { email, password: 'invitee password 1' });
  await expect(invitee.getByTestId('user-menu')).toContainText('Ida');

  // The admin deactivates them: their session ends and sign-in is refused.
  await page.reload();
  await expect(page.getByTestId(`user-status-${email}`)).toContainText('Active');
  await page.getByTestId(`user-deactivate-${email}`).click();
  await expect(page.getByTestId(`user-status-${email}`)).toContainText('Deactivated');

  const session = await invitee.request.get('/api/auth/session');
  expect(session.status()).toBe(401);
  await invitee.goto('/login');
  await invitee.getByTestId('login-email').fill(email);
  await invitee.getByTestId('login-password').fill('invitee password 1');
  await invitee.getByTestId('login-submit').click();
  await expect(invitee.getByTestId('login-error')).toContainText('deactivated');
  await inviteeContext.close();

  // The change shows in the user's activity.
  await page.getByTestId(`user-row-${email}`).click();
  await expect(page.getByTestId('user-detail-status')).toContainText('Deactivated');
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('activity-action-auth.login').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test('a user edits their profile and preferences', async ({ page, playwright, baseURL }) => {
  test.slow();
  const api = await adminApi(await playwright.request.newContext({ baseURL }));
  const email = uniqueEmail('profile');
  const roles = (await (await api.get('/api/v1/roles')).json()) as { data: { id: string; name: string }[] };
  const viewer = roles.data.find((role) => role.name === 'viewer')!;
  // Cookie-session writes echo the CSRF cookie, as the app does.
  const csrf = (await api.storageState()).cookies.find((cookie) => cookie.name === 'bst_csrf')?.value ?? '';
  const invited = await api.post('/api/v1/users', {
    data: { email, roleIds: [viewer.id] },
    headers: { 'x-csrf-token': csrf },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const link = await mailedLinkViaApi(api, email, '/reset-password');
  await api.dispose();
  await page.goto(link);
  // Waits for the new password to be taken: signing in before that raced the reset.
  await setPasswordOnResetPage(page, 'profile password 1');
  await signIn(page, { email, password: 'profile password 1' });

  await page.goto('/settings/profile');
  await page.getByTestId('profile-first-name').fill('Ada');
  await page.getByTestId('profile-last-name').fill('Lovelace');
  await page.getByTestId('profile-save').click();
  await expect(page.getByText('Profile saved', { exact: true })).toBeVisible();
  await expect(page.getByTestId('profile-avatar')).toContainText('AL');
  await expect(page.getByTestId('user-menu')).toContainText('Ada Lovelace');

  // The switches save; each label names its own switch.
  await page.goto('/settings/preferences');
  const weekly = page.getByRole('switch', { name: 'Weekly summary' });
  await expect(weekly).toHaveAttribute('data-testid', 'preferences-weeklySummary');
  // Click until the hydrated switch answers (a click before hydration is lost).
  await expect(async () => {
    if ((await weekly.getAttribute('aria-checked')) !== 'true') await weekly.click();
    await expect(weekly).toHaveAttribute('aria-checked', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('preferences-save').click();
  await expect(page.getByText('Preferences saved', { exact: true })).toBeVisible();
  const me = (await (await page.request.get('/api/v1/me')).json()) as { notificationPrefs: Record<string, boolean> };
  expect(me.notificationPrefs).toEqual({
    securityAlerts: true,
    transactionRejected: true,
    weeklySummary: true,
    billingMails: true,
  });
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Weekly summary' })).toHaveAttribute('aria-checked', 'true');
});
