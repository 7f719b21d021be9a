import { expect, test } from '@playwright/test';
import {
  ADMIN,
  adminApi,
  mailedLinkFromOutboxTable,
  setPasswordOnResetPage,
  signIn,
  uniqueEmail,
  VIEWER,
} from './support';

test('signs in through the login page and out through the user menu', async ({ page }) => {
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)accounts/);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('do not match');

  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByTestId('nav-admin')).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/login/);
});

test('a viewer is denied an admin page and sees no administration menu', async ({ page }) => {
  await signIn(page, VIEWER);
  await expect(page.getByTestId('nav-main')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);

  const response = await page.goto('/admin/roles');
  expect(response?.status()).toBe(403);
  await expect(page).toHaveURL(/\/forbidden/);
  await expect(page.getByTestId('forbidden')).toContainText('roles:read');

  // The API agrees with the page map.
  const api = await page.request.get('/api/v1/roles');
  expect(api.status()).toBe(403);
});

test('registers, confirms the e-mail through the mailed link, then signs in', async ({ page }) => {
  const email = uniqueEmail('register');
  const password = 'e2e register password';
  await page.goto('/register');
  await page.getByTestId('register-organization').fill('E2E Widgets');
  await page.getByTestId('register-name').fill('Erin');
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-password').fill(password);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-done')).toContainText(email);

  // The mail belongs to the new organization, whose only admin is still pending:
  // no one's outbox shows it (web/test/mail-isolation.int.test.ts), so it is read from the table.
  const link = await mailedLinkFromOutboxTable(email, '/verify-email');

  await page.goto(link);
  await expect(page.getByTestId('verify-email')).toHaveAttribute('data-state', 'verified');
  await signIn(page, { email, password });
  // The landing page after sign-in is the dashboard.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toContainText('Erin');
});

test('resets a forgotten password through the dev outbox', async ({ page, playwright, baseURL }) => {
  const api = await adminApi(await playwright.request.newContext({ baseURL }));
  const email = uniqueEmail('reset');
  const register = await api.post('/api/auth/register', {
    data: { email, password: 'the old password', organizationName: 'Reset Co' },
  });
  expect(register.status()).toBe(202);
  const verify = new URL(await mailedLinkFromOutboxTable(email, '/verify-email'));
  expect(
    (await api.post('/api/auth/verify-email', { data: { token: verify.searchParams.get('token') } })).status(),
  ).toBe(200);

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByTestId('forgot-email').fill(email);
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-done')).toBeVisible();

  // The reset mail belongs to the user's (new) organization: not the demo admin's to read either.
  await page.goto(await mailedLinkFromOutboxTable(email, '/reset-password'));
  await setPasswordOnResetPage(page, 'the new password');
  await api.dispose();

  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('the old password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await signIn(page, { email, password: 'the new password' });
});
