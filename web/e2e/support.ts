import { createPrisma } from '@billstream/db';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

/** The seeded demo logins (prisma/src/seed.ts); SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD override them. */
export const ADMIN = {
  email: process.env.SEED_ADMIN_EMAIL || 'admin@billstream.local',
  password: process.env.SEED_ADMIN_PASSWORD || 'billstream-admin',
};
export const VIEWER = { email: `viewer@${ADMIN.email.split('@')[1]}`, password: ADMIN.password };

/** Waits until a select's option list has closed: a click while it still closes only dismisses it (a lost submit in a CI run). */
export async function optionListClosed(page: Page): Promise<void> {
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/** Waits until the page is hydrated: a fill or click before that is lost. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Sets a password on an open /reset-password page and waits until the server has taken it. */
export async function setPasswordOnResetPage(page: Page, password: string): Promise<void> {
  await waitForHydration(page);
  await page.getByTestId('reset-password').fill(password);
  await page.getByTestId('reset-confirm').fill(password);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-done')).toBeVisible();
}

/** Signs in through the login page and waits for the dashboard. */
export async function signIn(page: Page, user: { email: string; password: string }, path = '/login'): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Signs an API request context in as the seeded admin (its own cookie jar). */
export async function adminApi(request: APIRequestContext): Promise<APIRequestContext> {
  const response = await request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
  return request;
}

/** The newest link to `path` mailed to `to`, read from the dev outbox through the API. */
export async function mailedLinkViaApi(request: APIRequestContext, to: string, path: string): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    const response = await request.get(`/api/v1/outbox?to=${encodeURIComponent(to)}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { data: { text: string }[] };
    link = page.data
      .flatMap((mail) => mail.text.match(/https?:\/\/\S+/g) ?? [])
      .find((url) => new URL(url).pathname === path);
    expect(link).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return link!;
}

/**
 * The newest link to `path` mailed to `to`, read from the outbox table
 * itself: a sign-up's mail belongs to the new organization, whose only admin
 * cannot sign in before following it, so no admin's outbox shows it.
 */
export async function mailedLinkFromOutboxTable(to: string, path: string): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the e2e tests read sign-up mail from the test database');
  const db = createPrisma(url, { max: 1 });
  let link: string | undefined;
  try {
    await expect(async () => {
      const mails = await db.outboxMessage.findMany({
        where: { toAddress: to.toLowerCase() },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 10,
      });
      link = mails
        .flatMap((mail) => mail.textBody.match(/https?:\/\/\S+/g) ?? [])
        .find((candidate) => new URL(candidate).pathname === path);
      expect(link).toBeTruthy();
    }).toPass({ timeout: 10_000 });
  } finally {
    await db.$disconnect();
  }
  return link!;
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;

/** A command sent from the signed-in page's session (CSRF cookie echoed, as the app does); expects 202. */
export async function postCommand<T = { id: string }>(page: Page, path: string, body: object): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bst_csrf')?.value ?? '';
  const response = await page.request.post(path, {
    data: body,
    headers: { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}`, 'X-CSRF-Token': csrf },
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()) as T;
}
