import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, signIn } from './support';

/**
 * axe-core on the main pages: no serious or critical WCAG 2.1 A/AA violation.
 * The same visit checks that the page works under the production CSP
 * (nuxt-security, nonce-based): any violation report fails the test.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

const GUEST_PAGES = ['/login', '/register', '/forgot-password'];
const SIGNED_IN_PAGES = [
  '/',
  '/accounts',
  '/accounts/:id',
  '/admin/users',
  '/admin/roles',
  '/admin/activity',
  '/admin/outbox',
  '/settings/api-tokens',
  '/settings/api-reference',
  '/settings/password',
];

async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
}

async function expectAccessibleUnderCsp(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main, [role="main"]').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      why: violation.nodes[0]?.failureSummary,
    }));
  // Soft: one run lists the findings of every page, not only the first.
  expect.soft(blocking, `${path}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
  const csp = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect.soft(csp, `${path}: CSP violations`).toEqual([]);
}

test.describe('accessibility (axe-core) and CSP', () => {
  for (const path of GUEST_PAGES) {
    test(`guest page ${path}`, async ({ page }) => {
      await recordCspViolations(page);
      await expectAccessibleUnderCsp(page, path);
    });
  }

  test('signed-in pages', async ({ page }) => {
    // Ten pages, each loaded and scanned; a loaded machine makes that slow.
    test.setTimeout(600_000);
    await recordCspViolations(page);
    await signIn(page, ADMIN);
    const accounts = await page.request.get('/api/v1/accounts?limit=1');
    expect(accounts.status()).toBe(200);
    const accountId = ((await accounts.json()) as { data: { id: string }[] }).data[0]?.id;
    expect(accountId).toBeTruthy();
    for (const path of SIGNED_IN_PAGES) {
      await test.step(path, () => expectAccessibleUnderCsp(page, path.replace(':id', accountId!)));
    }
  });
});
