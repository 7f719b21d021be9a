import { readFile } from 'node:fs/promises';
import { SupervisedRestarts, supervisorRestartsKey } from '@billstream/contracts';
import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { ADMIN, signIn } from './support';

test('run a report: it shows progress and the CSV can be downloaded', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/reports');
  await expect(page.getByTestId('report-form')).toBeVisible();

  // The default report: the invoice register of the last 30 days. The new
  // report heads the first page (newest first), found by its id.
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/api/v1/reports'),
  );
  await page.getByTestId('report-run').click();
  const { id } = (await (await answer).json()) as { id: string };
  const row = page
    .getByTestId('reports-table')
    .locator('tbody tr')
    .filter({ has: page.getByTestId(`report-${id}`) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('report-progress')).toBeVisible();
  await expect(row.getByTestId('report-rows')).toHaveText(/\d+ of (\d+|…) rows/);
  // The page polls until the background job is done, without a reload.
  await expect(row.getByTestId('report-status')).toHaveText('done', { timeout: 30_000 });
  const counts = (await row.getByTestId('report-rows').textContent())!.match(/(\d+) of (\d+) rows/);
  expect(counts?.[1]).toBe(counts?.[2]);

  const downloading = page.waitForEvent('download');
  await row.getByTestId('report-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^invoice_register-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'invoice_number,issue_date,due_date,account_number,status,currency,subtotal,discount,tax,total,credited,paid,due',
  );
  expect(lines.length - 1).toBe(Number(counts?.[1]));
});

test('the dashboard shows KPI cards and charts, and monitoring lists the processors', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/');
  await expect(page.getByTestId('analytics-overview')).toBeVisible();
  for (const id of [
    'kpi-invoiced',
    'kpi-collected',
    'kpi-invoices',
    'kpi-payment-success',
    'chart-revenue',
    'aging-table',
  ]) {
    await expect(page.getByTestId('analytics-overview').getByTestId(id)).toBeVisible();
  }
  await page.goto('/monitoring');
  for (const app of ['ledger', 'billing', 'analytics']) {
    await expect(page.getByTestId(`processor-${app}`)).toBeVisible();
    await expect(page.getByTestId(`state-${app}`)).toHaveText('running');
  }
});

test("monitoring shows the supervisor's restarts of an app", async ({ page }) => {
  // Recorded as npm test's supervisor records a restart (scripts/dev/redis.ts); the real
  // kill -9 and restart are covered by web/test/monitoring.int.test.ts.
  const redis = new Redis(process.env.REDIS_URL!);
  const record = SupervisedRestarts.parse({ restarts: 3, lastRestartAt: new Date().toISOString(), gaveUp: true });
  try {
    await redis.hset(supervisorRestartsKey(process.env.KAFKA_TOPIC_PREFIX ?? ''), 'activity', JSON.stringify(record));
  } finally {
    redis.disconnect();
  }
  await signIn(page, ADMIN);
  await page.goto('/monitoring');
  const shown = page.getByTestId('supervisor-activity');
  await expect(shown).toContainText('Restarted 3 time(s)');
  await expect(shown).toContainText('gave up: crash loop');
});
